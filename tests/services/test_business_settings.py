"""Business settings: typed defaults, validation before storing, admin only, audited."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from sqlalchemy import select

from desktop.errors import NotFound, PermissionDenied, ValidationError
from desktop.models.accounts import Role
from desktop.models.audit import AuditEvent
from desktop.services import business_settings as bs
from desktop.services.business_settings import LadderStep


def test_defaults_are_typed(admin):
    assert bs.get(admin, bs.AGING_BUCKETS) == (30, 60, 90, 180, 365)
    assert bs.get(admin, bs.PROVISION_MODE) == bs.MODE_NONE
    assert bs.get(admin, bs.AGING_BASIS) == bs.BASIS_DUE
    assert bs.get(admin, bs.EXPORT_APPROVAL_THRESHOLD) == 200
    assert bs.get(admin, bs.ORDER_LOCK_FROM) == "notice"
    assert bs.get(admin, bs.PROTECTION_MONTHS) == 12
    ladder = bs.get(admin, bs.PROVISION_LADDER)
    assert [(s.below_years, s.rate) for s in ladder] == [
        (1, Decimal("0.05")),
        (2, Decimal("0.10")),
        (3, Decimal("0.25")),
        (4, Decimal("0.75")),
        (None, Decimal("1")),
    ]
    infos = bs.list_settings(admin)
    assert [i.key for i in infos] == list(bs.SETTINGS)
    assert all(i.is_default for i in infos)


def test_set_stores_typed_values_and_audits_them(admin):
    bs.set(admin, bs.AGING_BUCKETS, [30, 90])
    bs.set(admin, bs.PROVISION_MODE, "ladder")
    bs.set(
        admin,
        bs.PROVISION_LADDER,
        [LadderStep(2, Decimal("0.1")), {"below_years": None, "rate": "0.5"}],
    )
    assert bs.get(admin, bs.AGING_BUCKETS) == (30, 90)
    assert bs.get(admin, bs.PROVISION_MODE) == "ladder"
    assert bs.get(admin, bs.PROVISION_LADDER) == (
        LadderStep(2, Decimal("0.1")),
        LadderStep(None, Decimal("0.5")),
    )
    with admin.transaction() as s:
        events = s.scalars(select(AuditEvent).where(AuditEvent.entity == "business_setting")).all()
    assert {e.entity_id for e in events} == {
        bs.AGING_BUCKETS,
        bs.PROVISION_MODE,
        bs.PROVISION_LADDER,
    }
    after = next(e.after for e in events if e.entity_id == bs.PROVISION_LADDER)
    # Rates are stored as text, never as floats.
    assert json.loads(json.loads(after)["value"])[0] == {"below_years": 2, "rate": "0.1"}
    bs.reset(admin, bs.AGING_BUCKETS)
    assert bs.get(admin, bs.AGING_BUCKETS) == (30, 60, 90, 180, 365)


@pytest.mark.parametrize(
    ("key", "value", "fragment"),
    [
        (bs.AGING_BUCKETS, [30, 30], "must increase"),
        (bs.AGING_BUCKETS, [0, 30], "not a valid value"),
        (bs.AGING_BUCKETS, "30,60", "not a valid value"),
        (bs.AGING_BUCKETS, [30.0], "not a valid value"),
        (bs.PROVISION_MODE, "sometimes", "must be one of none, ladder"),
        (bs.PROVISION_LADDER, [{"below_years": 1, "rate": "0.05"}], "only the last"),
        (
            bs.PROVISION_LADDER,
            [
                {"below_years": 2, "rate": "0.1"},
                {"below_years": 1, "rate": "0.2"},
                {"below_years": None, "rate": "1"},
            ],
            "increasing whole numbers",
        ),
        (
            bs.PROVISION_LADDER,
            [{"below_years": 1, "rate": "0.5"}, {"below_years": None, "rate": "0.2"}],
            "cannot fall",
        ),
        (bs.PROVISION_LADDER, [{"below_years": None, "rate": "1.5"}], "between 0 and 1"),
        (bs.PROVISION_LADDER, [{"below_years": None, "rate": 0.5}], "not a valid value"),
        (bs.EXPORT_APPROVAL_THRESHOLD, 0, "between 1 and 1000000"),
        (bs.PROTECTION_MONTHS, True, "not a valid value"),
        (bs.ORDER_LOCK_FROM, "never", "must be one of"),
    ],
)
def test_invalid_values_are_refused_and_nothing_is_stored(admin, key, value, fragment):
    before = bs.get(admin, key)
    with pytest.raises(ValidationError) as err:
        bs.set(admin, key, value)
    assert fragment in err.value.message()
    assert bs.get(admin, key) == before


def test_unknown_key(admin):
    with pytest.raises(NotFound):
        bs.get(admin, "nope")
    with pytest.raises(NotFound):
        bs.set(admin, "nope", 1)


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.ADMIN])
def test_only_admins_change_business_rules(login_as, role):
    ctx = login_as(role)
    assert bs.get(ctx, bs.AGING_BUCKETS) == (30, 60, 90, 180, 365)
    with pytest.raises(PermissionDenied):
        bs.set(ctx, bs.AGING_BUCKETS, [10])


def test_a_unit_of_work_reads_the_settings_once_and_sees_a_later_change(admin):
    from sqlalchemy import event

    statements: list[str] = []

    def record(conn, cursor, statement, *args):
        if "business_setting" in statement:
            statements.append(statement)

    engine = admin.store.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        with admin.transaction() as s:
            first = [bs.value_in(s, k) for k in (bs.NOTICE_DAYS, bs.PROBATION_NOTICE_DAYS)] * 3
        assert len(statements) == 1, "six reads of two settings, one query"
        bs.set(admin, bs.NOTICE_DAYS, first[0] - 5)
        with admin.transaction() as s:
            assert bs.value_in(s, bs.NOTICE_DAYS) == first[0] - 5
    finally:
        event.remove(engine, "before_cursor_execute", record)
