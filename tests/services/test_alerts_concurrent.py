"""Two seats raising the same alert at once (issue 13): one row, no error, and only the seat
whose row it is gets its id back. On PostgreSQL (``--db=postgresql``) the two transactions
really overlap: the second inserts while the first holds its uncommitted row, and the
database's ``ON CONFLICT DO NOTHING`` on the unique key settles it; on SQLite the second
writer waits for the first and then sees its row. The same for the rule's own row, made the
first time a rule raises anything."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import func, select

from desktop.models.alerts import Alert, AlertRule
from desktop.models.audit import verify_chain
from desktop.models.types import utcnow
from desktop.services import accounts
from desktop.services.alerts.definitions import configs_in
from desktop.services.alerts.rules_common import Finding
from desktop.services.alerts.storing import store

CLERK_PASSWORD = "clerk-pass-1"
RULE = "followup_keyword"


@pytest.fixture
def two_seats(admin, relogin):
    accounts.add_user(admin, "clerk", "录入员", "admin", CLERK_PASSWORD)
    return admin, relogin("clerk", CLERK_PASSWORD)


def _raise_together(first, second, findings: list[Finding]) -> dict[str, object]:
    """The first seat stores the findings and holds its transaction open a moment; the
    second stores the same findings meanwhile. Returns each seat's ids or error."""
    out: dict[str, object] = {}
    inserted = threading.Event()

    def seat(name: str, ctx, hold: bool) -> None:
        try:
            if not hold:
                assert inserted.wait(20)
            with ctx.transaction() as s:
                cfg = configs_in(s)[RULE]
                out[name] = store(s, cfg, findings, utcnow())
                if hold:
                    inserted.set()
                    time.sleep(1.0)  # the row is uncommitted while the other seat inserts
        except BaseException as exc:  # reported, not lost in the thread
            out[name] = exc
            inserted.set()

    threads = [
        threading.Thread(target=seat, args=("first", first, True)),
        threading.Thread(target=seat, args=("second", second, False)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return out


def _finding(n: int) -> Finding:
    return Finding("customer", 900 + n, None, f"race{n}", "keywords=返点", {"n": n})


def test_the_same_alert_raised_by_two_seats_at_once_is_one_row(two_seats):
    """The rule's first alerts: both seats also make the rule's row at once."""
    first, second = two_seats
    findings = [_finding(1), _finding(2)]
    out = _raise_together(first, second, findings)
    errors = {k: v for k, v in out.items() if isinstance(v, BaseException)}
    assert not errors, errors
    assert len(out["first"]) == 2  # type: ignore[arg-type]
    assert out["second"] == []
    with first.read() as s:
        rows = s.execute(
            select(Alert.subject_id, func.count())
            .where(Alert.rule_id == RULE)
            .group_by(Alert.subject_id)
        ).all()
        assert sorted(rows) == [(901, 1), (902, 1)]
        assert s.scalar(select(func.count()).select_from(AlertRule)) == 1
        assert verify_chain(s).ok


def test_races_in_a_row_all_settle(two_seats):
    """Ten rounds, each a new alert raised by both seats at once: ten rows, no error (the
    rule's row exists from the first round on, so the seats meet on the alert rows alone)."""
    first, second = two_seats
    survived = 0
    for n in range(10, 20):
        out = _raise_together(first, second, [_finding(n)])
        if not any(isinstance(v, BaseException) for v in out.values()):
            survived += 1
    assert survived == 10
    with first.read() as s:
        assert s.scalar(select(func.count()).select_from(Alert)) == 10
