"""Locale-aware formatting of money and dates; Qt-free so services and reports can use it."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from desktop.models.types import to_money


def format_money(value: Decimal | int | None, symbol: bool = True) -> str:
    """CNY with thousands separators and two decimals: ``¥1,234.50``."""
    if value is None:
        return ""
    amount = to_money(value)
    text = f"{abs(amount):,.2f}"
    sign = "-" if amount < 0 else ""
    return f"{sign}¥{text}" if symbol else f"{sign}{text}"


def format_date(value: date | None) -> str:
    """ISO dates (2026-01-05) read the same in Chinese and English offices."""
    return value.isoformat() if value else ""


def format_datetime(value: datetime | None) -> str:
    """Local time to the minute."""
    if value is None:
        return ""
    return value.astimezone().strftime("%Y-%m-%d %H:%M")
