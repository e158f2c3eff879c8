"""Placing orders."""
import subprocess

from shop.auth import login
from shop.db import save_order
from shop.models import PaymentGateway
from shop.payments import CardGateway, FreeGateway

_next_id = 1


def place_order(name: str, password: str, cents: int) -> int:
    """Logs in, charges and records an order."""
    global _next_id
    user = login(name, password)
    gateway: PaymentGateway = FreeGateway() if cents == 0 else CardGateway()
    if not gateway.charge(user, cents):
        raise ValueError("payment refused")
    order_id = _next_id
    _next_id += 1
    save_order(order_id, cents)
    print("order %d for %s" % (order_id, user.display_name()))
    return order_id


def print_receipt(order_id: int) -> None:
    subprocess.run(["lpr", "-#1"], input=("receipt %d" % order_id).encode(), check=False)
