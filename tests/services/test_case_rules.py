"""Rules the case dialogs used to compute for themselves — the notice period and the least
non-compete compensation — now come from the departures services, so the hint a user reads is
what the case's deadlines count and what the decision accepts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from desktop.errors import ValidationError
from desktop.services import business_settings as bs
from desktop.services import departures as dp
from desktop.services.departures import CaseInput, NonCompeteInput
from tests.services.departure_support import build_firm, new_id

D = date


def test_notice_period_in_and_after_probation_and_without_notice():
    regular = dp.notice_period("resignation", D(2030, 3, 4), D(2021, 8, 9), 30, 3)
    assert (regular.applies, regular.days, regular.probation, regular.ends_on) == (
        True,
        30,
        False,
        D(2030, 4, 3),
    )
    assert not regular.short(D(2030, 4, 3)) and regular.short(D(2030, 4, 2))
    probation = dp.notice_period("dismissal", D(2030, 5, 1), D(2030, 5, 1), 30, 3)
    assert (probation.days, probation.probation, probation.ends_on) == (3, True, D(2030, 5, 4))
    ending = dp.notice_period("contract_end", D(2030, 3, 4), None, 30, 3)
    assert not ending.applies and not ending.short(D(2030, 3, 5))


def test_the_case_deadline_is_the_notice_period(admin, role_users):
    firm = build_firm(admin, role_users)
    bs.set(admin, bs.NOTICE_DAYS, 28)
    case_id = new_id(
        dp.start_case(admin, CaseInput(firm["zhang"], D(2030, 3, 30), notice_on=D(2030, 3, 4)))
    )
    (notice,) = [d for d in dp.case_deadlines(admin, case_id) if d.key == "notice"]
    period = dp.notice_period("resignation", D(2030, 3, 4), D(2021, 8, 9), 28, 3)
    assert (notice.due_on, notice.params["days"]) == (period.ends_on, 28) == (D(2030, 4, 1), 28)
    assert notice.warning == dp.WARN_SHORT_NOTICE and period.short(D(2030, 3, 30))


def test_the_least_non_compete_compensation_shown_is_the_one_accepted(admin, role_users):
    firm = build_firm(admin, role_users)
    case_id = new_id(dp.start_case(admin, CaseInput(firm["zhang"], D(2030, 4, 3))))
    average, minimum = Decimal("9000"), Decimal("2690")
    least = dp.non_compete_least(average, minimum, 30)
    assert least == Decimal("2700.00") == dp.non_compete_floor(average, 30)
    assert dp.non_compete_least(Decimal("8000"), minimum, 30) == minimum
    with pytest.raises(ValidationError, match=r"below 30% of the average wage \(2700\.00\)"):
        dp.decide_non_compete(
            admin, case_id, NonCompeteInput(6, least - Decimal("0.01"), average, minimum)
        )
    dp.decide_non_compete(admin, case_id, NonCompeteInput(6, least, average, minimum))
