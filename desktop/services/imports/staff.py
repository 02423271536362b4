"""Importing staff: employees, and the branches, departments and positions they name."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from desktop.errors import QT_TRANSLATE_NOOP, ValidationError
from desktop.models import pinyin
from desktop.models.organisation import Branch
from desktop.models.staff import Department, Employee, EmployeeStatus, Position, PositionCategory
from desktop.services.imports.plan import (
    Plan,
    _bulk,
    _choice,
    _differs,
    _duplicate,
    _mapped,
    _resolve,
)
from desktop.services.imports.rows import Lookups, RowReader
from desktop.services.tabular import parse_bool, parse_date

EMPLOYEE_STATUS = {
    "active": EmployeeStatus.ACTIVE,
    "在职": EmployeeStatus.ACTIVE,
    "正式": EmployeeStatus.ACTIVE,
    "试用": EmployeeStatus.ACTIVE,
    "notice": EmployeeStatus.NOTICE,
    "离职通知期": EmployeeStatus.NOTICE,
    "待离职": EmployeeStatus.NOTICE,
    "handover": EmployeeStatus.HANDOVER,
    "交接中": EmployeeStatus.HANDOVER,
    "departed": EmployeeStatus.DEPARTED,
    "离职": EmployeeStatus.DEPARTED,
    "已离职": EmployeeStatus.DEPARTED,
}

#: The file column naming an employee's manager (an employee number, not a role).
MANAGER_COLUMN = "manager"


POSITION_CATEGORY_HINTS = (
    ("销售", PositionCategory.SALES),
    ("业务", PositionCategory.SALES),
    ("客户经理", PositionCategory.SALES),
    ("调度", PositionCategory.DISPATCHER),
    ("财务", PositionCategory.FINANCE),
    ("会计", PositionCategory.FINANCE),
    ("出纳", PositionCategory.FINANCE),
    ("仓", PositionCategory.WAREHOUSE),
)


def plan_staff(
    session: Session,
    readers: Iterable[RowReader],
    look: Lookups,
    today: date,
    options: dict[str, Any] | None = None,
) -> Plan:
    """Check a staff list. A department needs a branch: the row's own, else the branch the
    import was given (``options["branch"]``), else the firm's only branch — otherwise the row
    is refused, never imported without its department."""
    plan = Plan()
    branches = {n: i for i, n in session.execute(select(Branch.id, Branch.name))}
    branches.update({c: i for i, c in session.execute(select(Branch.id, Branch.code))})
    named = dict(session.execute(select(Branch.id, Branch.name)).all())
    default_branch: str | None = None
    given = (options or {}).get("branch")
    if given:
        if given not in branches:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "Errors", "There is no branch {branch}; the branches are {branches}."
                ),
                field="branch",
                branch=given,
                branches=", ".join(sorted(named.values())) or "—",
            )
        default_branch = named[branches[given]]
    elif len(named) == 1:
        default_branch = next(iter(named.values()))
    positions = {n: i for i, n in session.execute(select(Position.id, Position.name))}
    seen: dict[str, int] = {}
    file_nos: set[str] = set()
    mapped = _mapped(readers) - {"employee_no"}
    current = _current_staff(session) if mapped else {}
    rows = list(readers)
    for r in rows:
        no = r.text("employee_no")
        if no:
            file_nos.add(no)
    for r in rows:
        no = r.text("employee_no", required=True, max_len=32)
        if no is not None:
            # One already in the vault is updated by its number, never added twice.
            _duplicate(r, "employee_no", seen, no, False)
        name = r.text("name", required=True, max_len=64)
        manager = r.text("manager")
        if manager and manager not in look.employee_by_no and manager not in file_nos:
            _resolve(r, "manager", look.employee, False)
        branch = r.text("branch")
        if branch and branch not in branches:
            plan.will_create[f"branch:{branch}"] += 1
        department = r.text("department")
        if department and not branch:
            if default_branch is not None:
                branch = default_branch
            else:
                r.fail(
                    "department",
                    QT_TRANSLATE_NOOP(
                        "Errors",
                        "the department needs a branch, and the vault has {count} branches: add "
                        "a branch (分公司) column or choose the branch for the whole file",
                    ),
                    count=len(named),
                )
        position = r.text("position")
        if position and position not in positions:
            plan.will_create[f"position:{position}"] += 1
        hire = r.parsed("hire_date", parse_date)
        if hire and hire > today + timedelta(days=366):
            r.fail("hire_date", QT_TRANSLATE_NOOP("Errors", "more than a year in the future"))
        status = r.parsed(
            "status",
            _choice(
                EMPLOYEE_STATUS,
                QT_TRANSLATE_NOOP("Errors", "unknown status (在职/待离职/交接中/离职)"),
            ),
        )
        row = {
            "employee_no": no,
            "name": name,
            "phone": r.text("phone", max_len=32),
            "email": r.text("email", max_len=128),
            "id_number": r.text("id_number", max_len=32),
            "branch": branch,
            "department": department,
            "position": position,
            "manager": manager,
            "hire_date": hire,
            "probation_end": r.parsed("probation_end", parse_date),
            "status": (status or EmployeeStatus.ACTIVE).value,
            "is_sales": r.parsed("is_sales", parse_bool),
        }
        plan.errors += r.errors
        if r.errors:
            continue
        if no in current:
            changed = _differs(current[no], row, mapped)
            if "is_sales" in changed and row["is_sales"] is None:
                changed.remove("is_sales")
            if not changed:
                plan.extra["unchanged"] = plan.extra.get("unchanged", 0) + 1
                continue
            row["update"] = changed
            plan.extra["updated"] = plan.extra.get("updated", 0) + 1
        plan.rows.append(row)
    return plan


def _current_staff(session: Session) -> dict[str, dict[str, Any]]:
    """Each employee as a staff file would show them, to compare a re-imported row with."""
    branch = dict(session.execute(select(Branch.id, Branch.name)).all())
    department = dict(session.execute(select(Department.id, Department.name)).all())
    position = dict(session.execute(select(Position.id, Position.name)).all())
    number = dict(session.execute(select(Employee.id, Employee.employee_no)).all())
    out: dict[str, dict[str, Any]] = {}
    for e in session.execute(select(Employee)).scalars():
        out[e.employee_no] = {
            "name": e.name,
            "phone": e.phone,
            "email": e.email,
            "id_number": e.id_number,
            "branch": branch.get(e.branch_id),
            "department": department.get(e.department_id),
            "position": position.get(e.position_id),
            "manager": number.get(e.manager_id),
            "hire_date": e.hire_date,
            "probation_end": e.probation_end,
            "status": e.status,
            "is_sales": e.is_sales,
        }
    return out


def insert_staff(session: Session, plan: Plan, now: datetime) -> dict[str, int]:
    conn = session.connection()
    stamp = {"created_at": now, "updated_at": now, "version": 1}
    branches = {n: i for i, n in session.execute(select(Branch.id, Branch.name))}
    branches.update({c: i for i, c in session.execute(select(Branch.id, Branch.code))})
    positions = {n: i for i, n in session.execute(select(Position.id, Position.name))}
    departments = {
        (b, n): i
        for i, b, n in session.execute(select(Department.id, Department.branch_id, Department.name))
    }
    created = Counter[str]()
    for row in plan.rows:
        if row["branch"] and row["branch"] not in branches:
            next_no = (session.scalar(select(func.count()).select_from(Branch)) or 0) + 1
            result = conn.execute(
                insert(Branch).values(
                    code=f"B{next_no:02d}", name=row["branch"], active=True, **stamp
                )
            )
            branches[row["branch"]] = result.inserted_primary_key[0]
            created["branches"] += 1
        if row["position"] and row["position"] not in positions:
            category = next(
                (c for hint, c in POSITION_CATEGORY_HINTS if hint in row["position"]),
                PositionCategory.OTHER,
            )
            result = conn.execute(
                insert(Position).values(name=row["position"], category=category.value, **stamp)
            )
            positions[row["position"]] = result.inserted_primary_key[0]
            created["positions"] += 1
        branch_id = branches.get(row["branch"]) if row["branch"] else None
        if (
            row["department"]
            and branch_id is not None
            and (branch_id, row["department"]) not in departments
        ):
            result = conn.execute(
                insert(Department).values(branch_id=branch_id, name=row["department"], **stamp)
            )
            departments[(branch_id, row["department"])] = result.inserted_primary_key[0]
            created["departments"] += 1
    records = []
    updated = 0
    for row in plan.rows:
        if "update" in row:
            _update_employee(session, row, branches, departments, positions, now)
            updated += 1
            continue
        branch_id = branches.get(row["branch"]) if row["branch"] else None
        position = row["position"]
        is_sales = row["is_sales"]
        if is_sales is None:
            is_sales = bool(position) and any(h in position for h in ("销售", "业务", "客户经理"))
        records.append(
            {
                "employee_no": row["employee_no"],
                "name": row["name"],
                "phone": row["phone"],
                "email": row["email"],
                "id_number": row["id_number"],
                "branch_id": branch_id,
                "department_id": departments.get((branch_id, row["department"]))
                if row["department"]
                else None,
                "position_id": positions.get(position) if position else None,
                "hire_date": row["hire_date"],
                "probation_end": row["probation_end"],
                "status": row["status"],
                "is_sales": bool(is_sales),
                "non_compete": False,
                "confidentiality": False,
                **stamp,
            }
        )
    _bulk(session, Employee, records)
    ids = dict(session.execute(select(Employee.employee_no, Employee.id)).all())
    names: dict[str, list[int]] = defaultdict(list)
    for id_, name in session.execute(select(Employee.id, Employee.name)):
        names[name].append(id_)
    for row in plan.rows:
        manager = row["manager"]
        if manager:
            manager_id = ids.get(manager) or (
                names[manager][0] if len(names.get(manager, [])) == 1 else None
            )
            if manager_id is not None:
                conn.execute(
                    update(Employee)
                    .where(Employee.employee_no == row["employee_no"])
                    .values(manager_id=manager_id)
                )
    return {"employees": len(records), **({"updated": updated} if updated else {}), **created}


def _update_employee(
    session: Session,
    row: dict[str, Any],
    branches: dict[str, int],
    departments: dict[tuple[int, str], int],
    positions: dict[str, int],
    now: datetime,
) -> None:
    """Write a re-imported row's changed fields onto the employee with its number."""
    values: dict[str, Any] = {}
    branch_id = branches.get(row["branch"]) if row["branch"] else None
    for name in row["update"]:
        if name == "branch":
            values["branch_id"] = branch_id
        elif name == "department":
            values["department_id"] = (
                departments.get((branch_id, row["department"])) if row["department"] else None
            )
        elif name == "position":
            values["position_id"] = positions.get(row["position"]) if row["position"] else None
        elif name != MANAGER_COLUMN:  # set below, for new and updated rows alike
            values[name] = row[name]
    if "name" in values:
        values.update(pinyin.columns(values["name"]))
    if values:
        session.connection().execute(
            update(Employee)
            .where(Employee.employee_no == row["employee_no"])
            .values(**values, updated_at=now, version=Employee.version + 1)
        )
