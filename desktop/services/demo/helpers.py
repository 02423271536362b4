"""Small pure helpers of the demo: weighted picks, fen and yuan, month arithmetic, integer
splits, GB 32100 credit codes and ID numbers, road distances and Chinese personal names.
"""

from __future__ import annotations

import math
import random
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from decimal import Decimal
from itertools import accumulate
from typing import Any

from desktop.services.demo.reference import (
    CITIES,
    FEMALE_CHARS,
    MALE_CHARS,
    MOBILE_PREFIXES,
    SURNAME_WEIGHTS,
    SURNAMES,
)
from desktop.services.validation import credit_code_check_char, id_check_char

# =========================================================================== small helpers


def _cw(pairs: Iterable[tuple[Any, float]]) -> tuple[tuple[Any, ...], tuple[float, ...]]:
    items = list(pairs)
    return tuple(i for i, _ in items), tuple(accumulate(w for _, w in items))


def _pick(rng: random.Random, values: Sequence[Any], cum: Sequence[float]) -> Any:
    return values[bisect_right(cum, rng.random() * cum[-1])]


def _yuan(fen: int) -> Decimal:
    return Decimal(fen).scaleb(-2)


def _fmt(fen: int) -> str:
    return f"{fen / 100:,.2f}"


def _between(rng: random.Random, lo: date, hi: date) -> date:
    """A day in [lo, hi] (lo when the range is empty)."""
    span = (hi - lo).days
    return lo if span <= 0 else lo + timedelta(days=rng.randint(0, span))


def largest_remainder(weights: Sequence[float], total: int) -> list[int]:
    """Split ``total`` in proportion to ``weights`` into integers that sum to it exactly."""
    wsum = sum(weights)
    if total <= 0 or wsum <= 0:
        return [0] * len(weights)
    raw = [w * total / wsum for w in weights]
    out = [int(x) for x in raw]
    rest = total - sum(out)
    order = sorted(range(len(raw)), key=lambda i: (out[i] - raw[i], i))
    for i in order[:rest]:
        out[i] += 1
    return out


def spread(total: int, weights: Sequence[float], caps: Sequence[int]) -> list[int]:
    """Like :func:`largest_remainder`, but no share exceeds its cap (the excess moves on)."""
    out = [0] * len(weights)
    left = min(total, sum(caps))
    open_ = [i for i in range(len(weights)) if caps[i] > 0 and weights[i] > 0]
    while left > 0 and open_:
        shares = largest_remainder([weights[i] for i in open_], left)
        nxt = []
        for i, share in zip(open_, shares, strict=True):
            take = min(share, caps[i] - out[i])
            out[i] += take
            left -= take
            if out[i] < caps[i]:
                nxt.append(i)
        if nxt == open_ and all(out[i] < caps[i] for i in open_):
            break
        open_ = nxt
    return out


ORG_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # what we draw organisation-code bodies from
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)

#: The demo's codes carry the check characters the validators compute: one copy of each rule.
credit_code_check = credit_code_check_char


def _org_code(rng: random.Random) -> str:
    """An organisation code (GB 11714): 8 characters and their check character."""
    body = "".join(rng.choice("0123456789") if i < 2 else rng.choice(ORG_CHARS) for i in range(8))
    values = [int(ch) if ch.isdigit() else ord(ch) - 55 for ch in body]
    c = 11 - sum(v * w for v, w in zip(values, ORG_WEIGHTS, strict=True)) % 11
    return body + ("X" if c == 10 else "0" if c == 11 else str(c))


def _credit_code(rng: random.Random, division: str) -> str:
    body = "91" + division + _org_code(rng)
    return body + credit_code_check(body)


def _division(rng: random.Random, city_code: str) -> str:
    """A district-level division code within a city (municipalities: 3101xx, 1101xx, ...)."""
    if city_code.endswith("0000"):
        city_code = city_code[:2] + "0100"
    if city_code.endswith("00"):
        return city_code[:4] + rng.choice(("02", "03", "04", "05", "06", "11", "12", "13", "15"))
    return city_code


def _id_number(rng: random.Random, city_code: str, born: date, male: bool) -> str:
    seq = rng.randint(0, 499) * 2 + (1 if male else 0)
    body = f"{_division(rng, city_code)}{born:%Y%m%d}{seq:03d}"
    return body + id_check_char(body)


def _distance_km(a: int, b: int) -> float:
    if a == b:
        return 30.0
    _, _, lat1, lon1, _, _ = CITIES[a]
    _, _, lat2, lon2, _, _ = CITIES[b]
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h)) * 1.25  # road distance ≈ 1.25 × great circle


class _Names:
    """Chinese personal names and mobile numbers."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def surname(self) -> str:
        return SURNAMES[bisect_right(SURNAME_WEIGHTS, self.rng.random() * SURNAME_WEIGHTS[-1])]

    def person(self, male: bool | None = None) -> tuple[str, bool]:
        rng = self.rng
        if male is None:
            male = rng.random() < 0.55
        chars = MALE_CHARS if male else FEMALE_CHARS
        given = rng.choice(chars) if rng.random() < 0.3 else rng.choice(chars) + rng.choice(chars)
        surname = self.surname()
        if rng.random() < 0.004:
            surname = rng.choice(("欧阳", "司马", "诸葛", "上官"))
        return surname + given, male

    def mobile(self) -> str:
        return self.rng.choice(MOBILE_PREFIXES) + f"{self.rng.randint(0, 99_999_999):08d}"
