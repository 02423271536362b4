"""Importing customers, with their first contact and owner."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from desktop.errors import QT_TRANSLATE_NOOP, ValidationError
from desktop.models import pinyin
from desktop.models.customers import AssignmentReason, Contact, Customer, CustomerAssignment
from desktop.models.staff import EmployeeStatus
from desktop.services.imports.plan import Plan, _bulk, _differs, _duplicate, _mapped, _resolve
from desktop.services.imports.rows import Lookups, RowReader
from desktop.services.tabular import CellError, as_text, parse_date, parse_int, parse_money


def _check_credit_code(value: Any) -> str:
    from desktop.services.validation import validate_credit_code

    try:
        return validate_credit_code(as_text(value))
    except ValidationError as exc:
        raise CellError(exc.template, **exc.params) from exc


def plan_customers(
    session: Session, readers: Iterable[RowReader], look: Lookups, today: date
) -> Plan:
    plan = Plan()
    existing_credit = dict(
        session.execute(
            select(Customer.credit_code, Customer.code).where(Customer.credit_code.is_not(None))
        ).all()
    )
    mapped = _mapped(readers) - {"code"}
    current = _current_customers(session) if mapped else {}
    seen_codes: dict[str, int] = {}
    seen_credit: dict[str, int] = {}
    for r in readers:
        code = r.text("code", required=True, max_len=32)
        if code is not None:
            # One already in the vault is updated by its code, never added twice.
            _duplicate(r, "code", seen_codes, code, False)
        name = r.text("name", required=True)
        credit = r.parsed("credit_code", _check_credit_code)
        if credit is not None:
            other = existing_credit.get(credit)
            _duplicate(r, "credit_code", seen_credit, credit, other not in (None, code))
        owner_id = _resolve(r, "owner", look.employee, False)
        if (
            owner_id is not None
            and look.employee_status.get(owner_id) == EmployeeStatus.DEPARTED.value
        ):
            r.fail(
                "owner",
                QT_TRANSLATE_NOOP("Errors", "this employee has departed and cannot own customers"),
            )
        since = r.parsed("owner_since", parse_date)
        if since is not None and owner_id is None and not r.errors:
            r.fail(
                "owner_since",
                QT_TRANSLATE_NOOP("Errors", "an assignment date needs an owner in the same row"),
            )
        if since is not None and since > today:
            r.fail("owner_since", QT_TRANSLATE_NOOP("Errors", "must not be in the future"))
        contact_name = r.text("contact_name", max_len=64)
        contact_phone = r.text("contact_phone", max_len=32)
        if contact_phone and not contact_name:
            # Contacts are people: a phone with nobody's name would be lost or made up.
            r.fail(
                "contact_phone",
                QT_TRANSLATE_NOOP(
                    "Errors", "a contact phone needs the contact's name (联系人) in the same row"
                ),
            )
        terms = r.parsed("payment_terms_days", parse_int)
        if terms is not None and not 0 <= terms <= 720:
            r.fail(
                "payment_terms_days",
                QT_TRANSLATE_NOOP("Errors", "payment terms must be 0 to 720 days"),
            )
        limit = r.parsed("credit_limit", parse_money)
        if limit is not None and limit < 0:
            r.fail("credit_limit", QT_TRANSLATE_NOOP("Errors", "must not be negative"))
        row = {
            "code": code,
            "name": name,
            "credit_code": credit,
            "industry": r.text("industry", max_len=64),
            "region": r.text("region", max_len=64),
            "address": r.text("address", max_len=256),
            "payment_terms_days": terms if terms is not None else 30,
            "credit_limit": limit or Decimal("0"),
            "tier": r.text("tier", max_len=8),
            "owner_id": owner_id,
            "owner_since": since,
            "contact_name": contact_name,
            "contact_phone": contact_phone,
        }
        if code in current:
            given = dict(row, payment_terms_days=terms, credit_limit=limit)
            changed = _differs(current[code], given, mapped)
            if "owner_id" in changed or "owner_since" in changed:
                r.fail(
                    "owner",
                    QT_TRANSLATE_NOOP(
                        "Errors",
                        "this customer already has its owner in the vault: change owners with "
                        "the ownership import or a transfer, not the customer list",
                    ),
                )
            contact = (row["contact_name"], row["contact_phone"])
            if contact[0] and contact not in current[code]["contacts"]:
                changed.append("contact")
            changed = [c for c in changed if c not in ("contact_name", "contact_phone")]
            if not r.errors:
                if changed:
                    row["update"] = changed
                    plan.extra["updated"] = plan.extra.get("updated", 0) + 1
                else:
                    plan.extra["unchanged"] = plan.extra.get("unchanged", 0) + 1
                    continue
        plan.errors += r.errors
        if not r.errors:
            plan.rows.append(row)
    return plan


def _current_customers(session: Session) -> dict[str, dict[str, Any]]:
    """Each customer as a customer list would show it, to compare a re-imported row with."""
    owners = dict(
        session.execute(
            select(CustomerAssignment.customer_id, CustomerAssignment.employee_id).where(
                CustomerAssignment.valid_to.is_(None)
            )
        ).all()
    )
    contacts: dict[int, set[tuple[str, str | None]]] = {}
    for cid, cname, phone in session.execute(
        select(Contact.customer_id, Contact.name, Contact.phone)
    ):
        contacts.setdefault(cid, set()).add((cname, phone))
    out: dict[str, dict[str, Any]] = {}
    for c in session.execute(select(Customer)).scalars():
        out[c.code] = {
            "id": c.id,
            "name": c.name,
            "credit_code": c.credit_code,
            "industry": c.industry,
            "region": c.region,
            "address": c.address,
            "payment_terms_days": c.payment_terms_days,
            "credit_limit": c.credit_limit,
            "tier": c.tier,
            "owner_id": owners.get(c.id),
            "contacts": contacts.get(c.id, set()),
        }
    return out


_CUSTOMER_COLUMNS = (
    "name",
    "credit_code",
    "industry",
    "region",
    "address",
    "payment_terms_days",
    "credit_limit",
    "tier",
)


def _update_customers(session: Session, rows: list[dict[str, Any]], now: datetime) -> int:
    """Write re-imported rows' changed fields onto the customers with their codes; a contact
    the customer does not have yet is added (one with the same name gets the new phone)."""
    conn = session.connection()
    ids = dict(
        session.execute(
            select(Customer.code, Customer.id).where(Customer.code.in_([r["code"] for r in rows]))
        ).all()
    )
    for row in rows:
        values = {k: row[k] for k in row["update"] if k in _CUSTOMER_COLUMNS}
        if "name" in values:
            values.update(pinyin.columns(values["name"]))
        if values:
            conn.execute(
                update(Customer)
                .where(Customer.id == ids[row["code"]])
                .values(**values, updated_at=now, version=Customer.version + 1)
            )
        if "contact" in row["update"]:
            same = conn.execute(
                update(Contact)
                .where(Contact.customer_id == ids[row["code"]])
                .where(Contact.name == row["contact_name"])
                .values(phone=row["contact_phone"], updated_at=now, version=Contact.version + 1)
            )
            if not same.rowcount:
                conn.execute(
                    insert(Contact).values(
                        customer_id=ids[row["code"]],
                        name=row["contact_name"],
                        phone=row["contact_phone"],
                        is_primary=False,
                        created_at=now,
                        updated_at=now,
                        version=1,
                    )
                )
    return len(rows)


def insert_customers(session: Session, plan: Plan, now: datetime, today: date) -> dict[str, int]:
    stamp = {"created_at": now, "updated_at": now, "version": 1}
    updates = [row for row in plan.rows if "update" in row]
    if updates:
        plan = Plan(rows=[row for row in plan.rows if "update" not in row], extra=plan.extra)
        updated = _update_customers(session, updates, now)
        return {**insert_customers(session, plan, now, today), "updated": updated}
    owner_of = {row["code"]: (row["owner_id"], row.get("owner_since")) for row in plan.rows}
    # The day the import was told ownership starts (``options["owner_since"]``), for rows
    # without their own 分配日期; else the import day.
    default_since = plan.extra.get("options", {}).get("owner_since")
    _bulk(
        session,
        Customer,
        [
            {
                k: row[k]
                for k in (
                    "code",
                    "name",
                    "credit_code",
                    "industry",
                    "region",
                    "address",
                    "payment_terms_days",
                    "credit_limit",
                    "tier",
                )
            }
            | {"in_pool": row["owner_id"] is None, "active": True, "notes": None, **stamp}
            for row in plan.rows
        ],
    )
    codes = [row["code"] for row in plan.rows]
    ids: dict[str, int] = {}
    for start in range(0, len(codes), 900):
        chunk = codes[start : start + 900]
        ids.update(
            dict(
                session.execute(
                    select(Customer.code, Customer.id).where(Customer.code.in_(chunk))
                ).all()
            )
        )
    contacts = [
        {
            "customer_id": ids[row["code"]],
            "name": row["contact_name"],
            "phone": row["contact_phone"],
            "title": None,
            "email": None,
            "is_primary": True,
            **stamp,
        }
        for row in plan.rows
        if row["contact_name"]
    ]
    _bulk(session, Contact, contacts)
    assignments = [
        {
            "customer_id": ids[code],
            "employee_id": owner,
            # Ownership starts when the file says it did (分配日期), else on the import day.
            "valid_from": since or default_since or today,
            "valid_to": None,
            "reason": AssignmentReason.INITIAL.value,
            "approved_by": None,
            "note": "import",
            "created_at": now,
        }
        for code, (owner, since) in owner_of.items()
        if owner is not None
    ]
    _bulk(session, CustomerAssignment, assignments)
    return {"customers": len(plan.rows), "contacts": len(contacts), "assignments": len(assignments)}
