"""The shop's data model."""
from abc import ABC, abstractmethod


class User:
    """A customer of the shop."""

    def __init__(self, name: str, email: str) -> None:
        self.name = name
        self.email = email

    def display_name(self) -> str:
        """The name shown on receipts."""
        return self.name


class AdminUser(User):
    """An administrator: may refund orders."""

    def display_name(self) -> str:
        return "admin " + super().display_name()


class PaymentGateway(ABC):
    """Something that takes money."""

    @abstractmethod
    def charge(self, user: User, cents: int) -> bool:
        """Charges the user; True when the payment went through."""
