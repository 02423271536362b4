"""The credit-code and ID-number checks against python-stdnum as an oracle.

Baton keeps its own code where stdnum is stricter than the standard: GB 32100 allows the
registration departments A, N and Y that stdnum refuses, and stdnum refuses ID numbers whose
region it does not list. Everywhere else the two must agree, and Baton must refuse an ID
number whose birth date lies in the future (stdnum accepts those).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from stdnum.cn import ric, uscc

from desktop.errors import ValidationError
from desktop.services.validation import (
    CREDIT_CODE_CHARS,
    credit_code_check_char,
    id_check_char,
    validate_credit_code,
    validate_id_number,
)

SAMPLES = 30_000


def _ours_accepts(check, text: str) -> bool:
    try:
        check(text)
    except ValidationError:
        return False
    return True


def test_credit_codes_agree_with_stdnum_where_the_standard_does() -> None:
    rng = random.Random(2026)
    compared = disagreements = 0
    for i in range(SAMPLES):
        body = (
            rng.choice("123456789ANY")
            + rng.choice("1239")
            + "".join(rng.choice("0123456789") for _ in range(6))
            + "".join(rng.choice(CREDIT_CODE_CHARS) for _ in range(9))
        )
        # Half with the right check character, half with a random one.
        last = credit_code_check_char(body) if i % 2 else rng.choice(CREDIT_CODE_CHARS)
        code = body + last
        if code[0] in "ANY":
            # GB 32100-2015 allows these departments; stdnum refuses them. Baton follows the
            # standard: the check character decides.
            assert _ours_accepts(validate_credit_code, code) == (
                last == credit_code_check_char(body)
            )
            continue
        compared += 1
        if _ours_accepts(validate_credit_code, code) != uscc.is_valid(code):
            disagreements += 1
    assert compared > SAMPLES // 2
    assert disagreements == 0, f"{disagreements} of {compared} credit codes judged differently"


def test_id_numbers_agree_with_stdnum_on_listed_regions_and_past_dates() -> None:
    rng = random.Random(7)
    region = "110105"  # 北京市朝阳区, listed by stdnum
    compared = disagreements = 0
    for i in range(SAMPLES):
        born = date(1950, 1, 1) + timedelta(days=rng.randrange(0, 365 * 70))
        body = f"{region}{born:%Y%m%d}{rng.randrange(1000):03d}"
        last = id_check_char(body) if i % 2 else rng.choice("0123456789X")
        number = body + last
        compared += 1
        if _ours_accepts(validate_id_number, number) != ric.is_valid(number):
            disagreements += 1
    assert disagreements == 0, f"{disagreements} of {compared} ID numbers judged differently"


@pytest.mark.parametrize("years_ahead", [1, 2])
def test_an_id_number_born_in_the_future_is_refused_though_stdnum_accepts_it(
    years_ahead: int,
) -> None:
    born = date.today().replace(month=1, day=1) + timedelta(days=366 * years_ahead)
    body = f"110105{born:%Y%m%d}123"
    number = body + id_check_char(body)
    assert ric.is_valid(number)  # the oracle's gap this test pins down
    with pytest.raises(ValidationError, match="birth date"):
        validate_id_number(number)
