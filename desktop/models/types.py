"""Column types that keep money exact and times unambiguous on every backend."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import BigInteger, String, type_coerce
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

FEN = Decimal("0.01")


def to_money(value: Decimal | int | str) -> Decimal:
    """Round to the fen, half up — Baton's one rounding rule for CNY."""
    if isinstance(value, float):
        raise TypeError("money must never be a float")
    return Decimal(value).quantize(FEN, rounding=ROUND_HALF_UP)


def fen_of(column: Any) -> Any:
    """A :class:`Money` column as its stored integer fen, for exact sums and differences in
    SQL without a ``Decimal`` per row."""
    return type_coerce(column, BigInteger)


def from_fen(value: int | None) -> Decimal:
    """Integer fen (a SQL sum, say) back to yuan; None (an empty sum) is zero."""
    return (Decimal(int(value or 0)) / 100).quantize(FEN)


class Money(TypeDecorator[Decimal]):
    """CNY as integer fen in the database, ``Decimal`` in Python; floats are refused."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> int | None:
        if value is None:
            return None
        if isinstance(value, float):
            raise TypeError("money must never be a float")
        return int(to_money(value) * 100)

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return (Decimal(int(value)) / 100).quantize(FEN)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware instants stored as ISO-8601 UTC text (sortable, exact on SQLite)."""

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if not isinstance(value, datetime) or value.tzinfo is None:
            raise ValueError("times must be timezone-aware datetimes")
        return value.astimezone(UTC).isoformat(timespec="microseconds")

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return datetime.fromisoformat(value).astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)
