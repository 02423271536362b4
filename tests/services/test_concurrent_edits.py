"""Two seats editing the same record: the second save is refused, nothing is overwritten.

Runs on the SQLCipher vault and, with ``--db=postgresql``, on the server, where two PCs really
do edit at once (the race test needs the server: SQLite's one writer cannot interleave).
"""

from __future__ import annotations

import re
import threading
from dataclasses import replace
from decimal import Decimal

import pytest
from sqlalchemy import select

from desktop.errors import Conflict
from desktop.models.audit import verify_chain
from desktop.models.customers import Customer
from desktop.services import accounts, customers
from desktop.services.customers import CustomerInput

CLERK_PASSWORD = "clerk-pass-1"
CHANGED = re.compile(
    r"^(?P<record>.+) was changed by (?P<user>.+) at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d; "
    r"reload it and try again\.$"
)


@pytest.fixture
def two_seats(admin, relogin):
    """The administrator and a second administrator logged in separately (two PCs)."""
    accounts.add_user(admin, "clerk", "录入员", "admin", CLERK_PASSWORD)
    return admin, relogin("clerk", CLERK_PASSWORD)


def _customer(ctx) -> int:
    changes = customers.create_customer(ctx, CustomerInput("C100", "宏远贸易有限公司"))
    return next(iter(changes.ids))


def _form(ctx, customer_id: int) -> tuple[CustomerInput, int]:
    """What an edit dialog holds: the record's values and the version it read."""
    d = customers.get_customer(ctx, customer_id)
    data = CustomerInput(d.code, d.name, region=d.region, credit_limit=d.credit_limit)
    return data, d.version


def test_the_second_save_of_the_same_customer_is_refused_and_names_who_and_when(two_seats):
    first, second = two_seats
    customer_id = _customer(first)
    form_1, version_1 = _form(first, customer_id)
    form_2, version_2 = _form(second, customer_id)
    assert version_1 == version_2

    customers.update_customer(
        first,
        customer_id,
        replace(form_1, region="上海", credit_limit=Decimal("5000.00")),
        version_1,
    )
    with pytest.raises(Conflict) as info:
        customers.update_customer(second, customer_id, replace(form_2, region="广州"), version_2)

    match = CHANGED.match(info.value.message())
    assert match, info.value.message()
    assert match["record"] == "宏远贸易有限公司"
    assert match["user"] == "管理员 (admin)"
    kept = customers.get_customer(second, customer_id)
    assert (kept.region, kept.credit_limit) == ("上海", Decimal("5000.00"))
    assert kept.version == version_1 + 1
    # Reloading gives the current version; the same change then goes through.
    form_3, version_3 = _form(second, customer_id)
    customers.update_customer(second, customer_id, replace(form_3, region="广州"), version_3)
    assert customers.get_customer(first, customer_id).region == "广州"
    with first.transaction() as s:
        assert verify_chain(s).ok


def test_a_race_between_two_server_seats_is_refused_by_the_version_column(two_seats, server_db):
    """Both seats read version 1 inside their transactions; the first commits, the second's
    UPDATE … WHERE version = 1 then matches no row: Conflict, not a silent overwrite."""
    if server_db is None:
        pytest.skip("needs --db=postgresql: SQLite's single writer cannot interleave the two")
    first, second = two_seats
    customer_id = _customer(first)
    first_flushed, second_read = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def seat_one() -> None:
        try:
            with first.transaction() as s:
                s.get(Customer, customer_id).region = "上海"
                s.flush()
                first_flushed.set()
                second_read.wait(10)
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    worker = threading.Thread(target=seat_one)
    worker.start()
    assert first_flushed.wait(10)
    with pytest.raises(Conflict) as info, second.transaction() as s:
        row = s.get(Customer, customer_id)
        assert row.version == 1  # read committed: seat one has not committed yet
        second_read.set()
        worker.join(10)  # seat one commits version 2 now
        row.region = "广州"
    assert not errors
    assert CHANGED.match(info.value.message()), info.value.message()
    assert "录入员" not in info.value.message()
    with first.transaction() as s:
        saved = s.execute(
            select(Customer.region, Customer.version).where(Customer.id == customer_id)
        ).one()
    assert tuple(saved) == ("上海", 2)


def test_two_server_seats_writing_at_once_keep_one_unbroken_audit_chain(two_seats, server_db):
    """Each change appends to the hash chain; on the server the chain is locked per
    transaction, so concurrent seats queue instead of both taking the same next number."""
    if server_db is None:
        pytest.skip("needs --db=postgresql: SQLite's BEGIN IMMEDIATE already serialises writers")
    errors: list[BaseException] = []

    def seat(ctx, prefix: str) -> None:
        try:
            for i in range(15):
                customers.create_customer(
                    ctx, CustomerInput(f"{prefix}{i:02d}", f"{prefix}客户{i}")
                )
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    threads = [
        threading.Thread(target=seat, args=(c, p)) for c, p in zip(two_seats, "AB", strict=True)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    first = two_seats[0]
    assert customers.count_customers(first) == 30
    with first.transaction() as s:
        chain = verify_chain(s)
    assert chain.ok, chain.reason
