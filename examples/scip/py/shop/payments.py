"""Payment gateways."""
import urllib.request

from shop.db import query
from shop.models import PaymentGateway, User


class CardGateway(PaymentGateway):
    """Charges a card through the payment provider."""

    def charge(self, user: User, cents: int) -> bool:
        cards = query("select card from cards where email = ?", user.email)
        with urllib.request.urlopen("https://pay.example/charge?cents=%d" % cents) as response:
            return bool(cards) and response.status == 200


class FreeGateway(PaymentGateway):
    """Takes nothing: for free orders."""

    def charge(self, user: User, cents: int) -> bool:
        return True
