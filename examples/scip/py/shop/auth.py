"""Logging in."""
from shop.db import find_user
from shop.models import User


def check_password(password: str) -> bool:
    return len(password) >= 8


def login(name: str, password: str) -> User:
    """Checks a password and returns the user."""
    user = find_user(name)
    if user is None or not check_password(password):
        raise PermissionError("login failed for " + name)
    return user
