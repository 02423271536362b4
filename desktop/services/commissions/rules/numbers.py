"""Money and rate arithmetic of the rules: integer fen rounded half up once, percentages as
text and a whole split into shares that add up to it.

Separate because every other rule module prices or formats with these, and they need nothing
but the standard library.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

ZERO = Fraction(0)


def round_half_up(value: Fraction | int) -> int:
    """``value`` (in fen) rounded to a whole fen, halves away from zero (integer arithmetic on
    the fraction's terms: exact, and fast enough for tens of thousands of lines)."""
    return div_half_up(value.numerator, value.denominator)


def div_half_up(n: int, d: int) -> int:
    """``n / d`` (``d`` > 0) rounded half away from zero, from the integers themselves (no
    fraction to reduce first)."""
    if n >= 0:
        return (2 * n + d) // (2 * d)
    return -((-2 * n + d) // (2 * d))


def ratio_percent(n: int, d: int) -> str:
    """``n / d`` (``d`` > 0) as a percentage: 33.3333% (two to four decimals, half up)."""
    q = div_half_up(n * 1_000_000, d)
    sign = "-" if q < 0 else ""
    q = abs(q)
    decimals = f"{q % 10000:04d}".rstrip("0").ljust(2, "0")
    return f"{sign}{q // 10000}.{decimals}%"


def fen(value: int | Fraction) -> int:
    """A money parameter of an explanation: whole fen (formatted when the line is shown)."""
    return value if type(value) is int else round_half_up(value)


def money_text(fen: int | Fraction) -> str:
    """¥1,234.50 (as :func:`desktop.i18n.format_money` writes it) from fen."""
    whole = fen if type(fen) is int else round_half_up(fen)
    sign = "-" if whole < 0 else ""
    whole = abs(whole)
    return f"{sign}¥{whole // 100:,}.{whole % 100:02d}"


def percent_text(rate: Decimal | Fraction) -> str:
    """3.25%, 5.00%, 33.3333% (two to four decimals, rounded half up)."""
    if type(rate) is Fraction:
        return ratio_percent(rate.numerator, rate.denominator)
    return _decimal_percent(rate)


@lru_cache(maxsize=512)
def _decimal_percent(rate: Decimal) -> str:
    return _percent(Decimal(rate))


def _percent(value: Decimal) -> str:
    text = f"{(value * 100).quantize(Decimal('0.0001')):f}".rstrip("0")
    whole, _, decimals = text.partition(".")
    return f"{whole}.{decimals.ljust(2, '0')}%"


def split_amount(whole: int, weights: Sequence[Fraction]) -> list[int]:
    """Divide ``whole`` fen by ``weights`` (summing to 1): every share but the last rounded
    half up, the last the rest — the shares add up to the whole exactly."""
    shares = [round_half_up(whole * w) for w in weights[:-1]]
    shares.append(whole - sum(shares))
    return shares
