"""The termination certificate (离职证明): what the Implementation Regulations of the Labour
Contract Law art. 24 require it to say — the contract's term, the date of termination, the
position and the years of service in the firm — and no reason unless the employee asks for one
(a stated reason can harm them at the next employer).

Why it does not wait for the handover: art. 50 makes it due when the contract ends; the
handover may still be open (the firm settles that separately), so the only conditions are that
the case stands (not a draft, withdrawn or cancelled) and that the termination date is reached.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from desktop.errors import QT_TRANSLATE_NOOP, ValidationError
from desktop.models.staff import Department, Employee, Position
from desktop.services.context import ServiceContext
from desktop.services.departures.states import NOTICE_STATES
from desktop.services.document_content import company_name_in
from desktop.services.documents.dtos import K
from desktop.services.documents.helpers import _require_kind
from desktop.services.handover import case_in_scope

MSG_TOO_EARLY = QT_TRANSLATE_NOOP(
    "Errors",
    "The termination certificate of case {case} can be issued from its termination date, {date}.",
)
MSG_CASE_NOT_STANDING = QT_TRANSLATE_NOOP(
    "Errors", "Departure case {case} is {state}: there is no termination to certify."
)
MSG_NO_HIRE_DATE = QT_TRANSLATE_NOOP(
    "Errors", "The certificate needs the hire date of {employee}: record it first."
)
MSG_NO_CONTRACT = QT_TRANSLATE_NOOP(
    "Errors",
    "The certificate needs the contract term of {employee}: record it first "
    "(baton person terms {employee_no} --contract-start …).",
)
MSG_NO_POSITION = QT_TRANSLATE_NOOP(
    "Errors", "The certificate needs the position of {employee}: record it first."
)


@dataclass(frozen=True)
class CertificateData:
    """The content of one termination certificate."""

    company: str
    case_number: str
    employee_name: str
    employee_no: str
    id_number: str | None
    department: str | None
    position: str
    hire_date: date
    contract_start: date
    contract_end: date | None  # None: open-ended (无固定期限)
    termination_date: date
    service_years: int
    service_months: int
    issued_on: date
    case_type: str
    with_reason: bool


def service_length(start: date, last_day: date) -> tuple[int, int]:
    """Whole years and months of service from ``start`` to ``last_day`` (both worked)."""
    end = last_day + timedelta(days=1)
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if end.day < start.day:
        months -= 1
    months = max(months, 0)
    return months // 12, months % 12


def certificate_data(
    ctx: ServiceContext, case_id: int, with_reason: bool = False
) -> CertificateData:
    """Read what the certificate of a case says; refuse (changing nothing) before the
    termination date, for a case that does not stand, or while a required item is missing."""
    _require_kind(ctx, K.CERTIFICATE.value)
    today = ctx.today()
    with ctx.read() as s:
        case = case_in_scope(ctx, s, case_id)
        if case.state not in NOTICE_STATES:
            raise ValidationError(MSG_CASE_NOT_STANDING, case=case.number, state=case.state)
        if today < case.last_day:
            raise ValidationError(MSG_TOO_EARLY, case=case.number, date=case.last_day.isoformat())
        e = s.get(Employee, case.employee_id)
        assert e is not None
        position = s.get(Position, e.position_id) if e.position_id else None
        department = s.get(Department, e.department_id) if e.department_id else None
        for template, value in (
            (MSG_NO_HIRE_DATE, e.hire_date),
            (MSG_NO_CONTRACT, e.contract_start),
            (MSG_NO_POSITION, position),
        ):
            if value is None:
                raise ValidationError(template, employee=e.name, employee_no=e.employee_no)
        assert e.hire_date is not None and e.contract_start is not None and position is not None
        years, months = service_length(e.hire_date, case.last_day)
        return CertificateData(
            company=company_name_in(s),
            case_number=case.number,
            employee_name=e.name,
            employee_no=e.employee_no,
            id_number=e.id_number,
            department=department.name if department else None,
            position=position.name,
            hire_date=e.hire_date,
            contract_start=e.contract_start,
            contract_end=e.contract_end,
            termination_date=case.last_day,
            service_years=years,
            service_months=months,
            issued_on=today,
            case_type=case.case_type,
            with_reason=with_reason,
        )
