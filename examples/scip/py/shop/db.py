"""The user database: a SQLite file."""
import os
import sqlite3
from typing import Optional

from shop.models import User

DB_PATH = os.environ.get("SHOP_DB", "shop.db")


def query(sql: str, *args: object) -> list:
    """Runs one query against the database file."""
    with sqlite3.connect(DB_PATH) as connection:
        return connection.execute(sql, args).fetchall()


def find_user(name: str) -> Optional[User]:
    """Looks a user up by name."""
    rows = query("select email from users where name = ?", name)
    return User(name, rows[0][0]) if rows else None


def save_order(order_id: int, cents: int) -> None:
    query("insert into orders values (?, ?)", order_id, cents)
