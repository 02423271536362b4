"""Severance by hand: N, the half-year rule, N+1 with pay in lieu, 2N, the cap at three times
the local average wage and twelve years; the Art. 39 case has neither notice nor severance,
the Art. 40 case offers pay in lieu instead of notice."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from desktop.errors import ValidationError
from desktop.services import departures as dp
from desktop.services.departures.severance import severance
from tests.services.departure_support import START

M = Decimal


@pytest.mark.parametrize(
    ("hire", "last", "wage", "local", "kind", "months", "total", "capped"),
    [
        # 5 years exactly: N = 5 x 8,000.00
        (date(2020, 1, 1), date(2024, 12, 31), "8000", "9000", "N", M(5), M("40000.00"), False),
        # 5 years 7 months: the part year counts as one year -> 6 months
        (date(2020, 1, 1), date(2025, 7, 31), "8000", "9000", "N", M(6), M("48000.00"), False),
        # 5 years 2 months: less than six months -> half a month
        (date(2020, 1, 1), date(2025, 2, 28), "8000", "9000", "N", M("5.5"), M("44000.00"), False),
        # 4 months only: half a month
        (date(2024, 1, 1), date(2024, 4, 30), "6000", "9000", "N", M("0.5"), M("3000.00"), False),
        # 3 years + pay in lieu of notice: N+1 = 3 x 7,000 + 7,000
        (date(2021, 3, 1), date(2024, 2, 29), "7000", "9000", "N+1", M(3), M("28000.00"), False),
        # 2N: twice 3 years of 7,000
        (date(2021, 3, 1), date(2024, 2, 29), "7000", "9000", "2N", M(3), M("42000.00"), False),
        # wage 40,000 above 3 x 10,000: counted at 30,000 and 12 of 15 years
        (date(2009, 1, 1), date(2023, 12, 31), "40000", "10000", "N", M(12), M("360000.00"), True),
        # capped wage but 8 years: the years stay 8
        (date(2016, 1, 1), date(2023, 12, 31), "40000", "10000", "N", M(8), M("240000.00"), True),
    ],
)
def test_severance_by_hand(hire, last, wage, local, kind, months, total, capped):
    result = severance(hire, last, M(wage), M(local), kind)
    assert (result.months_counted, result.total, result.capped) == (months, total, capped)
    assert result.basis and "第四十七条" in result.basis[0][0]
    if capped:
        assert any("三倍" in zh and "12" in zh for zh, _ in result.basis)


@pytest.mark.parametrize(
    "args",
    [
        (date(2020, 1, 1), date(2019, 1, 1), "8000", "9000", "N"),
        (date(2020, 1, 1), date(2021, 1, 1), "-1", "9000", "N"),
        (date(2020, 1, 1), date(2021, 1, 1), "8000", "0", "N"),
        (date(2020, 1, 1), date(2021, 1, 1), "8000", "9000", "3N"),
        (date(2020, 1, 1), date(2021, 1, 1), "abc", "9000", "N"),
    ],
)
def test_bad_input_is_refused(args):
    with pytest.raises(ValidationError):
        severance(*args)


def _deadlines(ctx, case_id):
    return {d.key: d for d in dp.case_deadlines(ctx, case_id, START)}


def test_misconduct_has_no_notice_or_severance_and_art_40_offers_pay_in_lieu(admin):
    from tests.services.departure_support import build_firm

    firm = build_firm(admin)
    (misconduct,) = dp.start_case(
        admin, dp.CaseInput(firm["zhang"], date(2030, 4, 3), case_type="misconduct")
    ).ids
    dl = _deadlines(admin, misconduct)
    assert not dl["notice"].applies and not dl["severance"].applies
    assert not dl["pay_in_lieu"].applies
    (art40,) = dp.start_case(
        admin,
        dp.CaseInput(firm["li"], date(2030, 3, 10), case_type="dismissal", pay_in_lieu=True),
    ).ids
    dl = _deadlines(admin, art40)
    assert dl["pay_in_lieu"].applies and not dl["notice"].applies and dl["severance"].applies
    (mutual,) = dp.start_case(
        admin, dp.CaseInput(firm["zhao"], date(2030, 4, 3), case_type="mutual")
    ).ids
    dl = _deadlines(admin, mutual)
    assert dl["severance"].applies and not dl["notice"].applies
    with pytest.raises(ValidationError, match=r"art\. 40 only"):
        dp.start_case(
            admin,
            dp.CaseInput(firm["sun"], date(2030, 4, 3), case_type="resignation", pay_in_lieu=True),
        )
