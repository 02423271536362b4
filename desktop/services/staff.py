"""Staff: departments, positions and employee records, kept by HR.

Why here: departures, handovers, commissions and alerts all start from an employee record, so
the record is validated once, on the way in (unique number, real dates, a manager who exists,
a status that means something). Branches are in :mod:`desktop.services.organisation`.
ID numbers are personal data: only HR and administrators see them whole, and each such view
is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, aliased

from desktop.errors import QT_TRANSLATE_NOOP, NotFound, ValidationError
from desktop.models import audit
from desktop.models.accounts import User
from desktop.models.customers import CustomerAssignment
from desktop.models.organisation import Branch
from desktop.models.staff import Department, Employee, EmployeeStatus, Position, PositionCategory
from desktop.services import listing, paging, scope
from desktop.services.changes import Kind
from desktop.services.context import Changes, ServiceContext, check_version
from desktop.services.permissions import Action
from desktop.services.validation import (
    Problems,
    hidden_character,
    mask_id_number,
    optional_date,
    printable,
    required_text,
    validate_email,
    validate_id_number,
    validate_phone,
)


@dataclass(frozen=True)
class DepartmentInfo:
    id: int
    branch_id: int
    branch_name: str
    name: str


@dataclass(frozen=True)
class PositionInfo:
    id: int
    name: str
    category: str


@dataclass(frozen=True)
class EmployeeInput:
    """What a form (or an import row) supplies to create or update an employee."""

    employee_no: str
    name: str
    branch_id: int | None = None
    department_id: int | None = None
    position_id: int | None = None
    manager_id: int | None = None
    phone: str | None = None
    email: str | None = None
    id_number: str | None = None
    hire_date: date | None = None
    probation_end: date | None = None
    status: str = EmployeeStatus.ACTIVE.value
    is_sales: bool = False
    non_compete: bool = False
    confidentiality: bool = False
    departed_on: date | None = None


@dataclass(frozen=True)
class EmployeeRow:
    """One line of the staff list; ``customers_owned`` counts customers owned today."""

    id: int
    employee_no: str
    name: str
    branch_id: int | None
    branch_name: str | None
    department_id: int | None
    department_name: str | None
    position_id: int | None
    position_name: str | None
    position_category: str | None
    manager_id: int | None
    manager_name: str | None
    status: str
    hire_date: date | None
    departed_on: date | None
    is_sales: bool
    phone: str | None
    customers_owned: int


@dataclass(frozen=True)
class EmployeeDetail:
    """Everything the employee form shows. ``id_number`` is masked unless ``id_number_masked``
    is False (HR and administrators; that view is audited)."""

    id: int
    employee_no: str
    name: str
    branch_id: int | None
    branch_name: str | None
    department_id: int | None
    department_name: str | None
    position_id: int | None
    position_name: str | None
    position_category: str | None
    manager_id: int | None
    manager_name: str | None
    status: str
    hire_date: date | None
    probation_end: date | None
    departed_on: date | None
    is_sales: bool
    non_compete: bool
    confidentiality: bool
    phone: str | None
    email: str | None
    id_number: str | None
    id_number_masked: bool
    username: str | None
    customers_owned: int
    direct_reports: int
    version: int


@dataclass(frozen=True)
class EmployeeChoice:
    """An employee offered in a picker (new owner, salesperson, collector)."""

    id: int
    employee_no: str
    name: str
    branch_name: str | None
    status: str
    is_sales: bool


# --------------------------------------------------------------------------- departments


def list_departments(ctx: ServiceContext, branch_id: int | None = None) -> list[DepartmentInfo]:
    ctx.require(Action.STAFF_VIEW)
    with ctx.read() as s:
        query = (
            select(Department, Branch.name)
            .join(Branch, Branch.id == Department.branch_id)
            .order_by(Branch.code, Department.name)
        )
        if branch_id is not None:
            query = query.where(Department.branch_id == branch_id)
        return [DepartmentInfo(d.id, d.branch_id, b, d.name) for d, b in s.execute(query)]


def _department_name(value: str) -> str:
    return required_text(
        value, "name", 100, QT_TRANSLATE_NOOP("Errors", "Enter the department's name.")
    )


def create_department(ctx: ServiceContext, branch_id: int, name: str) -> Changes:
    """Add a department to a branch; ``Changes.ids`` holds the new id."""
    ctx.require(Action.STAFF_EDIT)
    clean = _department_name(name)
    with ctx.transaction() as s:
        if s.get(Branch, branch_id) is None:
            raise NotFound(QT_TRANSLATE_NOOP("Errors", "Branch {id} does not exist."), id=branch_id)
        _refuse_duplicate_department(s, branch_id, clean, None)
        department = Department(branch_id=branch_id, name=clean)
        s.add(department)
        s.flush()
        return Changes.of(Kind.DEPARTMENTS, ids=frozenset({department.id}))


def rename_department(ctx: ServiceContext, department_id: int, name: str) -> Changes:
    ctx.require(Action.STAFF_EDIT)
    clean = _department_name(name)
    with ctx.transaction() as s:
        department = s.get(Department, department_id)
        if department is None:
            raise NotFound(
                QT_TRANSLATE_NOOP("Errors", "Department {id} does not exist."), id=department_id
            )
        _refuse_duplicate_department(s, department.branch_id, clean, department_id)
        department.name = clean
    return Changes.of(Kind.DEPARTMENTS, ids=frozenset({department_id}))


def _refuse_duplicate_department(s: Session, branch_id: int, name: str, own_id: int | None) -> None:
    other = s.scalar(
        select(Department.id).where(Department.branch_id == branch_id, Department.name == name)
    )
    if other is not None and other != own_id:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "The branch already has a department named {name}."),
            field="name",
            name=name,
        )


# --------------------------------------------------------------------------- positions


def list_positions(ctx: ServiceContext) -> list[PositionInfo]:
    ctx.require(Action.STAFF_VIEW)
    with ctx.read() as s:
        return [
            PositionInfo(p.id, p.name, p.category)
            for p in s.scalars(select(Position).order_by(Position.name))
        ]


def _position_values(name: str, category: str) -> tuple[str, str]:
    problems = Problems()
    clean = problems.check(
        required_text, name, "name", 100, QT_TRANSLATE_NOOP("Errors", "Enter the position's name.")
    )
    if category not in {c.value for c in PositionCategory}:
        problems.add(
            ValidationError(
                QT_TRANSLATE_NOOP("Errors", "{value} is not a known position category."),
                field="category",
                value=category,
            )
        )
    problems.raise_if_any()
    assert clean is not None
    return clean, category


def create_position(
    ctx: ServiceContext, name: str, category: str = PositionCategory.OTHER.value
) -> Changes:
    """Add a position; its category chooses the handover checklist. ``Changes.ids``: new id."""
    ctx.require(Action.STAFF_EDIT)
    clean, category = _position_values(name, category)
    with ctx.transaction() as s:
        _refuse_duplicate_position(s, clean, None)
        position = Position(name=clean, category=category)
        s.add(position)
        s.flush()
        return Changes.of(Kind.POSITIONS, ids=frozenset({position.id}))


def update_position(ctx: ServiceContext, position_id: int, name: str, category: str) -> Changes:
    ctx.require(Action.STAFF_EDIT)
    clean, category = _position_values(name, category)
    with ctx.transaction() as s:
        position = s.get(Position, position_id)
        if position is None:
            raise NotFound(
                QT_TRANSLATE_NOOP("Errors", "Position {id} does not exist."), id=position_id
            )
        _refuse_duplicate_position(s, clean, position_id)
        position.name, position.category = clean, category
    return Changes.of(Kind.POSITIONS, ids=frozenset({position_id}))


def _refuse_duplicate_position(s: Session, name: str, own_id: int | None) -> None:
    other = s.scalar(select(Position.id).where(Position.name == name))
    if other is not None and other != own_id:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "A position named {name} exists already."),
            field="name",
            name=name,
        )


# --------------------------------------------------------------------------- employees


def _owned_on(day: date) -> Any:
    """Correlated count of the customers each employee owns on ``day``."""
    return (
        select(func.count())
        .where(CustomerAssignment.employee_id == Employee.id, scope.covers(day))
        .correlate(Employee)
        .scalar_subquery()
    )


_manager = aliased(Employee, name="manager")


def _employee_query(day: date) -> Select[Any]:
    return (
        select(
            Employee,
            Branch.name,
            Department.name,
            Position.name,
            Position.category,
            _manager.name,
            _owned_on(day),
        )
        .outerjoin(Branch, Branch.id == Employee.branch_id)
        .outerjoin(Department, Department.id == Employee.department_id)
        .outerjoin(Position, Position.id == Employee.position_id)
        .outerjoin(_manager, _manager.id == Employee.manager_id)
    )


def _employee_scope(env: listing.Env) -> Any:
    people = scope.staff_ids(scope.scope_of(env.ctx, env.s))
    return None if people is None else Employee.id.in_(people)


def _row(
    e: Employee,
    branch: str | None,
    dept: str | None,
    pos: str | None,
    cat: str | None,
    manager: str | None,
    owned: int,
) -> EmployeeRow:
    return EmployeeRow(
        id=e.id,
        employee_no=e.employee_no,
        name=e.name,
        branch_id=e.branch_id,
        branch_name=branch,
        department_id=e.department_id,
        department_name=dept,
        position_id=e.position_id,
        position_name=pos,
        position_category=cat,
        manager_id=e.manager_id,
        manager_name=manager,
        status=e.status,
        hire_date=e.hire_date,
        departed_on=e.departed_on,
        is_sales=e.is_sales,
        phone=e.phone,
        customers_owned=owned or 0,
    )


#: The staff list: managers see their branch; ID numbers are never in it.
EMPLOYEES: listing.ListingSpec[EmployeeRow] = listing.ListingSpec(
    entity="employee",
    table=Employee,
    key=Employee.id,
    view=Action.STAFF_VIEW,
    query=lambda env: _employee_query(env.day),
    row=lambda env, r: _row(*r),
    scope=_employee_scope,
    sorts={
        "employee_no": Employee.employee_no,
        "name": Employee.name,
        "branch": Branch.name,
        "department": Department.name,
        "position": Position.name,
        "status": Employee.status,
        "hire_date": Employee.hire_date,
        "customers": listing.OnDay(_owned_on),
    },
    default_sort="employee_no",
    filters={
        "id": listing.equals(Employee.id),
        "branch_id": listing.equals(Employee.branch_id),
        "department_id": listing.equals(Employee.department_id),
        "position_id": listing.equals(Employee.position_id),
        "position_category": listing.Filter(
            listing.one_of(tuple(c.value for c in PositionCategory)),
            lambda env, v: Employee.position_id.in_(
                select(Position.id).where(Position.category == v)
            ),
        ),
        "manager_id": listing.equals(Employee.manager_id),
        "status": listing.among(Employee.status, tuple(v.value for v in EmployeeStatus)),
        "is_sales": listing.flag(Employee.is_sales),
    },
    search=listing.Search(
        (
            listing.Match(Employee.name),
            listing.Match(Employee.employee_no, prefix=True),
            listing.Match(Employee.phone, prefix=True),
            listing.Match(Employee.name_pinyin),
            listing.Match(Employee.name_initials),
        )
    ),
    scan_when_searching=True,
)
EMPLOYEE_FILTERS = tuple(EMPLOYEES.filters)
EMPLOYEE_SORTS = tuple(EMPLOYEES.sorts)


def list_employees(
    ctx: ServiceContext,
    offset: int,
    limit: int,
    search: str = "",
    sort: str | None = None,
    descending: bool = False,
    filters: dict[str, Any] | None = None,
) -> list[EmployeeRow]:
    """A page of the staff list: search by name, number or phone prefix; managers see their
    branch. Filters: branch_id, department_id, position_id, position_category, manager_id,
    status (a value or a list), is_sales."""
    return listing.list_rows(ctx, EMPLOYEES, offset, limit, search, sort, descending, filters)


def count_employees(
    ctx: ServiceContext, search: str = "", filters: dict[str, Any] | None = None
) -> int:
    return listing.count_rows(ctx, EMPLOYEES, search, filters)


def export_employees(
    ctx: ServiceContext,
    search: str = "",
    filters: dict[str, Any] | None = None,
    sort: str | None = None,
    sink: paging.RowSink | None = None,
) -> list[EmployeeRow]:
    """Every row of the staff list the actor may export (a manager's branch), recording the
    export in the audit log in the same unit of work; with a ``sink`` the rows stream to it
    and the list returned is empty. ID numbers are never exported from the list."""
    return listing.export_rows(ctx, EMPLOYEES, search, filters, sort, sink)


def get_employee(
    ctx: ServiceContext, employee_id: int, reveal_id_number: bool = True
) -> EmployeeDetail:
    """The employee's full record; the ID number whole only for HR and administrators, and
    only when asked (``reveal_id_number``), since every unmasked view is an audited read."""
    ctx.require(Action.STAFF_VIEW)
    reveal = reveal_id_number and ctx.can(Action.PERSONAL_DATA_VIEW)
    with ctx.transaction() as s:
        scope.employee_in_scope(ctx, s, employee_id)
        found = s.execute(_employee_query(ctx.today()).where(Employee.id == employee_id)).one()
        e: Employee = found[0]
        row = _row(*found)
        username = s.scalar(select(User.username).where(User.employee_id == employee_id))
        reports = s.scalar(
            select(func.count()).select_from(Employee).where(Employee.manager_id == employee_id)
        )
        if reveal and e.id_number:
            # PIPL: viewing a whole ID number is a sensitive read and is logged.
            audit.record(s, "view_personal_data", "employee", employee_id, {"field": "id_number"})
        return EmployeeDetail(
            **{k: getattr(row, k) for k in EmployeeRow.__dataclass_fields__},
            probation_end=e.probation_end,
            non_compete=e.non_compete,
            confidentiality=e.confidentiality,
            email=e.email,
            id_number=e.id_number if reveal else mask_id_number(e.id_number),
            id_number_masked=not reveal and e.id_number is not None,
            username=username,
            direct_reports=reports or 0,
            version=e.version,
        )


def employee_by_no(
    ctx: ServiceContext, employee_no: str, for_action: Action = Action.EMPLOYEE_LOOKUP
) -> int:
    """An employee's id from their employee number, within the actor's scope.

    The one lookup the command line uses for an employee, a successor or a statement's
    subject: an unknown number and one outside the scope get the same message, so the scope
    does not leak which numbers exist. ``for_action``: the right the caller's use case needs,
    checked first, so a role refused that use case is told so rather than "not found"."""
    ctx.require(Action.EMPLOYEE_LOOKUP)
    ctx.require(for_action)
    number = employee_no.strip()
    # Shown as typed but harmless (no terminal escapes, no page-long line); a number no
    # employee can have (blank, too long, a control character: PostgreSQL refuses NUL in a
    # parameter) is not looked for.
    shown = printable(number[:40]) + ("…" if len(number) > 40 else "")
    if not number or len(number) > 32 or hidden_character(number):
        raise NotFound(scope.MSG_EMPLOYEE_NOT_FOUND, id=shown)
    with ctx.read() as s:
        found = s.scalar(select(Employee.id).where(Employee.employee_no == number))
        if found is None or found not in scope.employees_in_scope(ctx, s, [found]):
            raise NotFound(scope.MSG_EMPLOYEE_NOT_FOUND, id=shown)
        return found


def _validated(s: Session, data: EmployeeInput, own_id: int | None) -> dict[str, Any]:
    """Every problem of the input at once, or the clean column values."""
    p = Problems()
    values: dict[str, Any] = {
        "employee_no": p.check(
            required_text,
            data.employee_no,
            "employee_no",
            32,
            QT_TRANSLATE_NOOP("Errors", "Enter the employee number."),
        ),
        "name": p.check(
            required_text,
            data.name,
            "name",
            64,
            QT_TRANSLATE_NOOP("Errors", "Enter the employee's name."),
        ),
        "phone": p.check(validate_phone, data.phone) if (data.phone or "").strip() else None,
        "email": p.check(validate_email, data.email) if (data.email or "").strip() else None,
        "id_number": (
            p.check(validate_id_number, data.id_number) if (data.id_number or "").strip() else None
        ),
        "hire_date": p.check(optional_date, data.hire_date, "hire_date"),
        "probation_end": p.check(optional_date, data.probation_end, "probation_end"),
        "departed_on": p.check(optional_date, data.departed_on, "departed_on"),
        "status": data.status,
        "is_sales": bool(data.is_sales),
        "non_compete": bool(data.non_compete),
        "confidentiality": bool(data.confidentiality),
        "branch_id": data.branch_id,
        "department_id": data.department_id,
        "position_id": data.position_id,
        "manager_id": data.manager_id,
    }
    number = values["employee_no"]
    if number is not None:
        other = s.scalar(select(Employee.id).where(Employee.employee_no == number))
        if other is not None and other != own_id:
            p.add(
                ValidationError(
                    QT_TRANSLATE_NOOP("Errors", "The employee number {value} is taken."),
                    field="employee_no",
                    value=number,
                )
            )
    if data.status not in {v.value for v in EmployeeStatus}:
        p.add(
            ValidationError(
                QT_TRANSLATE_NOOP("Errors", "{value} is not a known employee status."),
                field="status",
                value=data.status,
            )
        )
    _check_dates(p, data)
    _check_links(s, p, data, values, own_id)
    p.raise_if_any()
    return values


def _check_dates(p: Problems, data: EmployeeInput) -> None:
    if data.hire_date and data.probation_end and data.probation_end < data.hire_date:
        p.add(
            ValidationError(
                QT_TRANSLATE_NOOP(
                    "Errors", "The probation cannot end ({end}) before the hire date ({start})."
                ),
                field="probation_end",
                end=data.probation_end.isoformat(),
                start=data.hire_date.isoformat(),
            )
        )
    if data.hire_date and data.departed_on and data.departed_on < data.hire_date:
        p.add(
            ValidationError(
                QT_TRANSLATE_NOOP(
                    "Errors", "The departure date ({end}) cannot be before the hire date ({start})."
                ),
                field="departed_on",
                end=data.departed_on.isoformat(),
                start=data.hire_date.isoformat(),
            )
        )
    departed = data.status == EmployeeStatus.DEPARTED.value
    if departed and data.departed_on is None:
        p.add(
            ValidationError(
                QT_TRANSLATE_NOOP("Errors", "A departed employee needs a departure date."),
                field="departed_on",
            )
        )
    if not departed and data.departed_on is not None:
        p.add(
            ValidationError(
                QT_TRANSLATE_NOOP(
                    "Errors", "A departure date is set only when the status is departed."
                ),
                field="departed_on",
            )
        )


def _check_links(
    s: Session, p: Problems, data: EmployeeInput, values: dict[str, Any], own_id: int | None
) -> None:
    if data.branch_id is not None and s.get(Branch, data.branch_id) is None:
        p.add(
            ValidationError(
                QT_TRANSLATE_NOOP("Errors", "Branch {id} does not exist."),
                field="branch_id",
                id=data.branch_id,
            )
        )
    if data.department_id is not None:
        department = s.get(Department, data.department_id)
        if department is None:
            p.add(
                ValidationError(
                    QT_TRANSLATE_NOOP("Errors", "Department {id} does not exist."),
                    field="department_id",
                    id=data.department_id,
                )
            )
        elif data.branch_id is None:
            values["branch_id"] = department.branch_id
        elif department.branch_id != data.branch_id:
            p.add(
                ValidationError(
                    QT_TRANSLATE_NOOP("Errors", "The department {name} belongs to another branch."),
                    field="department_id",
                    name=department.name,
                )
            )
    if data.position_id is not None and s.get(Position, data.position_id) is None:
        p.add(
            ValidationError(
                QT_TRANSLATE_NOOP("Errors", "Position {id} does not exist."),
                field="position_id",
                id=data.position_id,
            )
        )
    if data.manager_id is not None:
        _check_manager(s, p, data.manager_id, own_id)


def _check_manager(s: Session, p: Problems, manager_id: int, own_id: int | None) -> None:
    manager = s.get(Employee, manager_id)
    if manager is None:
        p.add(
            ValidationError(
                QT_TRANSLATE_NOOP("Errors", "The manager (employee {id}) does not exist."),
                field="manager_id",
                id=manager_id,
            )
        )
        return
    if manager.status == EmployeeStatus.DEPARTED.value:
        p.add(
            ValidationError(
                QT_TRANSLATE_NOOP("Errors", "{name} has left the firm and cannot be a manager."),
                field="manager_id",
                name=manager.name,
            )
        )
    # Walk up the chain: an employee cannot (indirectly) manage themselves.
    seen: set[int] = set()
    current: Employee | None = manager
    while current is not None and current.id not in seen:
        if own_id is not None and current.id == own_id:
            p.add(
                ValidationError(
                    QT_TRANSLATE_NOOP(
                        "Errors", "An employee cannot be their own manager, even indirectly."
                    ),
                    field="manager_id",
                )
            )
            return
        seen.add(current.id)
        current = s.get(Employee, current.manager_id) if current.manager_id else None


def create_employee(ctx: ServiceContext, data: EmployeeInput) -> Changes:
    """Add an employee (HR). ``Changes.ids`` holds the new id."""
    ctx.require(Action.STAFF_EDIT)
    with ctx.transaction() as s:
        values = _validated(s, data, None)
        employee = Employee(**values)
        s.add(employee)
        s.flush()
        return Changes.of(Kind.EMPLOYEES, ids=frozenset({employee.id}))


def update_employee(
    ctx: ServiceContext,
    employee_id: int,
    data: EmployeeInput,
    expected_version: int | None = None,
) -> Changes:
    """Change an employee's record (HR). With ``expected_version`` (from the detail the form
    showed), a record changed by someone else meanwhile is refused instead of overwritten.
    Marking someone departed is refused while they still own customers after that date."""
    ctx.require(Action.STAFF_EDIT)
    with ctx.transaction() as s:
        employee = s.get(Employee, employee_id)
        if employee is None:
            raise NotFound(scope.MSG_EMPLOYEE_NOT_FOUND, id=employee_id)
        check_version(s, employee, expected_version)
        values = _validated(s, data, employee_id)
        if values["status"] == EmployeeStatus.DEPARTED.value:
            _refuse_departure_with_customers(s, employee, values["departed_on"])
        for key, value in values.items():
            if getattr(employee, key) != value:
                setattr(employee, key, value)
    return Changes.of(Kind.EMPLOYEES, ids=frozenset({employee_id}))


def _refuse_departure_with_customers(s: Session, employee: Employee, day: date) -> None:
    owned = s.scalar(
        select(func.count())
        .select_from(CustomerAssignment)
        .where(
            CustomerAssignment.employee_id == employee.id,
            CustomerAssignment.valid_to.is_(None) | (CustomerAssignment.valid_to > day),
        )
    )
    if owned:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "{name} still owns {count} customers after {day}. Hand them over (or release "
                "them to the pool) before marking the departure.",
            ),
            field="status",
            name=employee.name,
            count=owned,
            day=day.isoformat(),
        )


def pick_employees(
    ctx: ServiceContext,
    search: str = "",
    limit: int = 20,
    *,
    sales_only: bool = False,
    active_only: bool = True,
) -> list[EmployeeChoice]:
    """Employees to choose from in a form (owner, salesperson, collector), within scope: a
    salesperson sees only themselves, a manager their branch."""
    if not any(
        ctx.can(a) for a in (Action.STAFF_VIEW, Action.CUSTOMERS_VIEW, Action.RECEIVABLES_VIEW)
    ):
        ctx.require(Action.STAFF_VIEW)
    paging.check_page(0, limit)
    with ctx.read() as s:
        query = (
            select(Employee, Branch.name)
            .outerjoin(Branch, Branch.id == Employee.branch_id)
            .order_by(Employee.employee_no)
            .limit(limit)
        )
        people = scope.staff_ids(scope.scope_of(ctx, s))
        if people is not None:
            query = query.where(Employee.id.in_(people))
        if sales_only:
            query = query.where(Employee.is_sales.is_(True))
        if active_only:
            query = query.where(Employee.status != EmployeeStatus.DEPARTED.value)
        text = search.strip()
        if text:
            query = query.where(
                or_(
                    paging.contains(s, Employee.name, text),
                    paging.starts_with(s, Employee.employee_no, text),
                    paging.contains(s, Employee.name_pinyin, text),
                    paging.contains(s, Employee.name_initials, text),
                )
            )
        return [
            EmployeeChoice(e.id, e.employee_no, e.name, b, e.status, e.is_sales)
            for e, b in s.execute(query)
        ]


def link_user(ctx: ServiceContext, username: str, employee_id: int | None) -> Changes:
    """Tie a login account to the employee it belongs to (or untie it with None).

    Why: a salesperson's scope is "customers owned by my employee record"; an account not
    linked to an employee sees no customers at all.
    """
    ctx.require(Action.USERS_MANAGE)
    with ctx.transaction() as s:
        user = s.scalar(select(User).where(User.username == username, User.removed.is_(False)))
        if user is None:
            raise NotFound(
                QT_TRANSLATE_NOOP("Errors", "There is no user named {username}."),
                username=username,
            )
        if employee_id is not None:
            employee = s.get(Employee, employee_id)
            if employee is None:
                raise NotFound(scope.MSG_EMPLOYEE_NOT_FOUND, id=employee_id)
            other = s.scalar(
                select(User.username).where(User.employee_id == employee_id, User.id != user.id)
            )
            if other is not None:
                raise ValidationError(
                    QT_TRANSLATE_NOOP(
                        "Errors", "{name} is already linked to the account {username}."
                    ),
                    field="employee_id",
                    name=employee.name,
                    username=other,
                )
            if user.branch_id is None:
                user.branch_id = employee.branch_id
        user.employee_id = employee_id
    return Changes.of(Kind.USERS, Kind.EMPLOYEES)
