"""What printed documents show, as plain data: the handover form (离职交接单) and the
responsibility tracking table (责任人追踪表) of a case, read from live data in one go.

The data is a tree of frozen dataclasses that round-trips through canonical JSON
(:func:`canonical_json` / :func:`from_jsonable`): the JSON is the snapshot stored with every
issued document and, once a form is signed, the frozen content every later rendering uses.
Its SHA-256 is the content hash printed on the document and carried by its QR code.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import select

from desktop.models.customers import Contact
from desktop.models.departures import HandoverItem, ItemKind
from desktop.models.organisation import Company
from desktop.models.staff import Department, Employee
from desktop.services import departures
from desktop.services.context import ServiceContext
from desktop.services.handover import ItemRow, case_in_scope
from desktop.services.permissions import Action

T = TypeVar("T")
ZERO = Decimal("0.00")

# --------------------------------------------------------------------------- canonical JSON


#: Field names per dataclass, read once: a 2,000-customer form has 45,000 values to walk.
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
_PLAIN = (str, int, float, bool, type(None))


def to_jsonable(value: Any) -> Any:
    """Dataclasses, dates, times and money as JSON values (money as exact decimal text)."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    names = _FIELD_NAMES.get(kind)
    if names is None and dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _FIELD_NAMES[kind] = tuple(f.name for f in dataclasses.fields(value))
    if names is not None:
        return {name: to_jsonable(getattr(value, name)) for name in names}
    if isinstance(value, tuple | list):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


def canonical_json(value: Any) -> bytes:
    """The one byte form of a snapshot: sorted keys, no spaces, UTF-8."""
    return json.dumps(
        to_jsonable(value), sort_keys=True, ensure_ascii=False, separators=(",", ":")
    ).encode("utf-8")


def _decode(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return _decode(options[0], value)
    if origin is tuple:
        (inner, *_rest) = typing.get_args(tp)
        return tuple(_decode(inner, v) for v in value)
    if origin is dict:
        _key, inner = typing.get_args(tp)
        return {k: _decode(inner, v) for k, v in value.items()}
    if dataclasses.is_dataclass(tp):
        return from_jsonable(tp, value)
    if tp is Decimal:
        return Decimal(value)
    if tp is datetime:
        return datetime.fromisoformat(value)
    if tp is date:
        return date.fromisoformat(value)
    return value


def from_jsonable(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild a dataclass tree written by :func:`to_jsonable`."""
    hints = typing.get_type_hints(cls)
    values = {
        f.name: _decode(hints[f.name], data.get(f.name))
        for f in dataclasses.fields(cls)  # type: ignore[arg-type]
        if f.name in data
    }
    return cls(**values)


# --------------------------------------------------------------------------- the handover form


@dataclass(frozen=True)
class FormEmployee:
    employee_id: int
    employee_no: str
    name: str
    branch: str | None
    department: str | None
    position: str | None
    manager: str | None
    hire_date: date | None


@dataclass(frozen=True)
class FormCustomer:
    code: str
    name: str
    contact: str | None
    phone: str | None
    successor_id: int | None
    successor: str | None
    open_amount: Decimal
    informed: bool | None
    status: str
    planned_on: date | None
    #: Why the customer is not to be told (informing waived), printed beside 否.
    informed_note: str | None = None


@dataclass(frozen=True)
class FormContract:
    number: str
    title: str
    customer: str | None
    successor: str | None
    status: str


@dataclass(frozen=True)
class FormReceivable:
    number: str
    customer: str | None
    due_on: date | None
    outstanding: Decimal
    collector_id: int | None
    collector: str | None
    status: str


@dataclass(frozen=True)
class FormOrder:
    number: str
    customer: str | None
    amount: Decimal
    successor: str | None
    status: str


@dataclass(frozen=True)
class FormChecklistLine:
    """A checklist line (assets, documents, accounts, advances …) or an app account."""

    kind: str
    category: str
    title: str
    responsible: str | None
    due_on: date | None
    status: str
    completed_by: str | None
    completed_at: datetime | None
    note: str | None


@dataclass(frozen=True)
class FormClause:
    key: str
    language: str
    title: str
    body: str
    version: int
    sha256: str
    acknowledged_at: datetime | None
    acknowledged_version: int | None


@dataclass(frozen=True)
class FormPerson:
    employee_id: int
    employee_no: str | None
    name: str


@dataclass(frozen=True)
class HandoverFormData:
    """Everything the handover form prints. Amounts are today's (``as_of``)."""

    company: str
    case_id: int
    case_number: str
    form_number: str
    case_type: str
    state: str
    as_of: date
    employee: FormEmployee
    submitted_on: date
    notice_on: date | None
    last_day: date
    customers: tuple[FormCustomer, ...]
    contracts: tuple[FormContract, ...]
    receivables: tuple[FormReceivable, ...]
    orders: tuple[FormOrder, ...]
    checklist: tuple[FormChecklistLine, ...]
    clauses: tuple[FormClause, ...]
    successors: tuple[FormPerson, ...]

    @property
    def open_total(self) -> Decimal:
        return sum((r.outstanding for r in self.receivables), ZERO)


def form_number(case_number: str) -> str:
    """The handover form's number: one form per case (交接单号)."""
    return f"JJ-{case_number}"


def company_name_in(s: Any) -> str:
    return s.scalar(select(Company.name).limit(1)) or ""


def _contacts(s: Any, case_id: int) -> dict[int, tuple[str, str | None]]:
    """The main contact of each customer of the case (primary first, then the oldest)."""
    found: dict[int, tuple[str, str | None]] = {}
    customers = select(HandoverItem.customer_id).where(
        HandoverItem.case_id == case_id, HandoverItem.kind == ItemKind.CUSTOMER.value
    )
    for cid, name, phone in s.execute(
        select(Contact.customer_id, Contact.name, Contact.phone)
        .where(Contact.customer_id.in_(customers))
        .order_by(Contact.customer_id, Contact.is_primary.desc(), Contact.id)
    ):
        found.setdefault(cid, (name, phone))
    return found


def handover_form_data(ctx: ServiceContext, case_id: int) -> HandoverFormData:
    """The handover form of a case from today's data (the case screen's view of it)."""
    ctx.require(Action.DEPARTURES_VIEW)
    detail = departures.get_case(ctx, case_id)
    with ctx.read() as s:
        case = case_in_scope(ctx, s, case_id)
        employee = s.get(Employee, case.employee_id)
        assert employee is not None
        department = (
            s.scalar(select(Department.name).where(Department.id == employee.department_id))
            if employee.department_id
            else None
        )
        company = company_name_in(s)
        contacts = _contacts(s, case_id)
    return _assemble(detail, company, department, contacts, ctx.today())


def _assemble(
    detail: departures.CaseDetail,
    company: str,
    department: str | None,
    contacts: dict[int, tuple[str, str | None]],
    today: date,
) -> HandoverFormData:
    row = detail.case
    items = detail.items
    open_by_customer: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for i in items:
        if i.kind == ItemKind.RECEIVABLE.value and i.customer_id is not None:
            open_by_customer[i.customer_id] += i.outstanding_now or ZERO
    customers = []
    contracts = []
    receivables = []
    orders = []
    checklist = []
    successors: dict[int, FormPerson] = {}
    for i in items:
        if i.successor_id is not None and i.kind in (
            ItemKind.CUSTOMER.value,
            ItemKind.CONTRACT.value,
            ItemKind.RECEIVABLE.value,
            ItemKind.ORDER.value,
        ):
            successors.setdefault(
                i.successor_id, FormPerson(i.successor_id, i.successor_no, i.successor_name or "")
            )
        if i.kind == ItemKind.CUSTOMER.value:
            contact = contacts.get(i.customer_id or 0)
            customers.append(
                FormCustomer(
                    code=i.customer_code or "",
                    name=i.customer_name or i.title,
                    contact=contact[0] if contact else None,
                    phone=contact[1] if contact else None,
                    successor_id=i.successor_id,
                    successor=(
                        f"{i.successor_name}（{i.successor_reason}）"
                        if i.successor_name and i.successor_reason
                        else i.successor_name
                    ),
                    open_amount=open_by_customer.get(i.customer_id or 0, ZERO),
                    informed=i.customer_informed,
                    status=i.status,
                    planned_on=i.planned_on,
                    informed_note=i.informed_waived_reason,
                )
            )
        elif i.kind == ItemKind.CONTRACT.value:
            number = i.contract_number or i.title
            title = i.title[len(number) :].strip() if i.title.startswith(number) else i.title
            contracts.append(
                FormContract(number, title, i.customer_name, i.successor_name, i.status)
            )
        elif i.kind == ItemKind.RECEIVABLE.value:
            receivables.append(
                FormReceivable(
                    number=i.receivable_number or i.title,
                    customer=i.customer_name,
                    due_on=i.due_date,
                    outstanding=i.outstanding_now if i.outstanding_now is not None else ZERO,
                    collector_id=i.successor_id,
                    collector=i.successor_name,
                    status=i.status,
                )
            )
        elif i.kind == ItemKind.ORDER.value:
            orders.append(
                FormOrder(
                    i.order_number or i.title,
                    i.customer_name,
                    i.amount or ZERO,
                    i.successor_name,
                    i.status,
                )
            )
        else:
            checklist.append(
                FormChecklistLine(
                    kind=i.kind,
                    category=i.category,
                    title=i.username
                    if i.kind == ItemKind.ACCOUNT.value and i.username
                    else i.title,
                    responsible=i.responsible_name or i.responsible_role,
                    due_on=i.due_on,
                    status=i.status,
                    completed_by=i.completed_by,
                    completed_at=i.completed_at,
                    note=i.note or i.waived_reason,
                )
            )
    receivables.sort(key=lambda r: (r.due_on or date.max, r.number))
    clauses = tuple(
        FormClause(
            key=c.clause.key,
            language=c.clause.language,
            title=c.clause.title,
            body=c.clause.body,
            version=c.clause.version,
            sha256=c.clause.sha256,
            acknowledged_at=c.acknowledged_at,
            acknowledged_version=c.acknowledged_version,
        )
        for c in detail.clauses
    )
    return HandoverFormData(
        company=company,
        case_id=row.id,
        case_number=row.number,
        form_number=form_number(row.number),
        case_type=row.case_type,
        state=row.state,
        as_of=today,
        employee=FormEmployee(
            employee_id=row.employee_id,
            employee_no=row.employee_no,
            name=row.employee_name,
            branch=row.branch_name,
            department=department,
            position=row.position_name,
            manager=row.manager_name,
            hire_date=detail.hire_date,
        ),
        submitted_on=row.submitted_on,
        notice_on=row.notice_on,
        last_day=row.last_day,
        customers=tuple(customers),
        contracts=tuple(contracts),
        receivables=tuple(receivables),
        orders=tuple(orders),
        checklist=tuple(checklist),
        clauses=clauses,
        successors=tuple(sorted(successors.values(), key=lambda p: (p.employee_no or "", p.name))),
    )


# --------------------------------------------------------------------------- signature blocks


@dataclass(frozen=True)
class SignatureBlock:
    """One place to sign on the form. ``key``: "employee", "successor:<employee id>" (or
    "successor" while none is named), "manager" (监交人, who supervises the handover), "hr",
    "finance". ``name``: who is expected to sign, when known."""

    key: str
    role: str
    name: str | None


def signature_blocks(data: HandoverFormData) -> list[SignatureBlock]:
    """The form's blocks: the leaver, each successor, the supervising manager, HR, finance."""
    blocks = [SignatureBlock("employee", "employee", data.employee.name)]
    if data.successors:
        blocks += [
            SignatureBlock(f"successor:{p.employee_id}", "successor", p.name)
            for p in data.successors
        ]
    else:
        blocks.append(SignatureBlock("successor", "successor", None))
    blocks += [
        SignatureBlock("manager", "manager", data.employee.manager),
        SignatureBlock("hr", "hr", None),
        SignatureBlock("finance", "finance", None),
    ]
    return blocks


# --------------------------------------------------------------------------- tracking table


@dataclass(frozen=True)
class TrackingLine:
    """One customer of the case: who takes it over, how far the transfer is, what it still
    owes and who collects it, and who answers for it today (责任人)."""

    customer_code: str
    customer_name: str
    owned_by_leaver: bool
    successor: str | None
    transfer_status: str
    planned_on: date | None
    effective_on: date | None
    receivables: int
    outstanding: Decimal
    overdue: Decimal
    collectors: tuple[str, ...]
    responsible: str


@dataclass(frozen=True)
class TrackingTable:
    company: str
    case_id: int
    case_number: str
    employee_no: str
    employee_name: str
    last_day: date
    state: str
    as_of: date
    lines: tuple[TrackingLine, ...]

    @property
    def outstanding(self) -> Decimal:
        return sum((line.outstanding for line in self.lines), ZERO)


def tracking_table(ctx: ServiceContext, case_id: int) -> TrackingTable:
    """The responsibility tracking table (责任人追踪表) of a case: per customer, the transfer,
    its open receivables and collectors, and the person responsible today — the successor once
    confirmed, else the departing employee until the last working day, then the manager."""
    ctx.require(Action.DEPARTURES_VIEW)
    detail = departures.get_case(ctx, case_id)
    with ctx.read() as s:
        company = company_name_in(s)
    row = detail.case
    today = ctx.today()
    by_customer: dict[int, list[ItemRow]] = defaultdict(list)
    customer_items: dict[int, ItemRow] = {}
    for i in detail.items:
        if i.customer_id is None:
            continue
        if i.kind == ItemKind.CUSTOMER.value:
            customer_items[i.customer_id] = i
        elif i.kind == ItemKind.RECEIVABLE.value:
            by_customer[i.customer_id].append(i)
    lines = []
    for cid in sorted(
        set(customer_items) | set(by_customer),
        key=lambda c: (customer_items[c].customer_code if c in customer_items else "~", c),
    ):
        item = customer_items.get(cid)
        invoices = by_customer.get(cid, [])
        sample = item or invoices[0]
        outstanding = sum((r.outstanding_now or ZERO for r in invoices), ZERO)
        overdue = sum(
            (r.outstanding_now or ZERO for r in invoices if r.due_date and r.due_date < today),
            ZERO,
        )
        collectors = tuple(sorted({r.successor_name or row.employee_name for r in invoices}))
        if item is None:
            status = "not_owned"
        elif item.status == "confirmed":
            status = "confirmed"
        elif item.status == "waived":
            status = "waived"
        elif item.successor_id is not None:
            status = "assigned"
        else:
            status = "open"
        if item is not None and item.status == "confirmed" and item.successor_name:
            responsible = item.successor_name
        elif today <= row.last_day:
            responsible = row.employee_name
        else:
            responsible = row.manager_name or row.employee_name
        lines.append(
            TrackingLine(
                customer_code=sample.customer_code or "",
                customer_name=sample.customer_name or "",
                owned_by_leaver=item is not None,
                successor=item.successor_name if item else None,
                transfer_status=status,
                planned_on=item.planned_on if item else None,
                effective_on=item.effective_on if item else None,
                receivables=len(invoices),
                outstanding=outstanding,
                overdue=overdue,
                collectors=collectors,
                responsible=responsible,
            )
        )
    return TrackingTable(
        company=company,
        case_id=row.id,
        case_number=row.number,
        employee_no=row.employee_no,
        employee_name=row.employee_name,
        last_day=row.last_day,
        state=row.state,
        as_of=today,
        lines=tuple(lines),
    )
