"""Staff records: validation, paging, manager scope, masked ID numbers, departures."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from desktop.errors import Conflict, NotFound, PermissionDenied, ValidationError, ValidationErrors
from desktop.models.accounts import Role
from desktop.models.audit import AuditEvent
from desktop.services import customers, organisation, staff
from desktop.services.staff import EmployeeInput

ID_NUMBER = "11010519491231002X"


def new_id(changes) -> int:
    (ident,) = changes.ids
    return ident


@pytest.fixture
def branches(admin):
    return {b.name: b.id for b in organisation.list_branches(admin)}


@pytest.fixture
def team(admin, branches):
    """Five employees: a manager and two sales in 上海, one in 广州, one departed."""
    sh, gz = branches["上海"], branches["广州"]
    dept = new_id(staff.create_department(admin, sh, "华东销售部"))
    pos = new_id(staff.create_position(admin, "销售代表", "sales"))
    boss = new_id(staff.create_employee(admin, EmployeeInput("M001", "周经理", branch_id=sh)))
    ids = {"boss": boss, "dept": dept, "pos": pos}
    for key, no, name, branch in (
        ("zhang", "S001", "张伟", sh),
        ("li", "S002", "李娜", sh),
        ("wang", "S003", "王芳", gz),
    ):
        ids[key] = new_id(
            staff.create_employee(
                admin,
                EmployeeInput(
                    no,
                    name,
                    branch_id=branch,
                    department_id=dept if branch == sh else None,
                    position_id=pos,
                    manager_id=boss if branch == sh else None,
                    is_sales=True,
                    hire_date=date(2020, 3, 1),
                    id_number=ID_NUMBER if key == "zhang" else None,
                ),
            )
        )
    ids["gone"] = new_id(
        staff.create_employee(
            admin,
            EmployeeInput(
                "S004",
                "赵磊",
                branch_id=gz,
                status="departed",
                hire_date=date(2019, 1, 1),
                departed_on=date(2024, 6, 30),
            ),
        )
    )
    return ids


def test_list_pages_sorts_filters_and_searches(admin, team):
    rows = staff.list_employees(admin, 0, 10)
    assert [r.employee_no for r in rows] == ["M001", "S001", "S002", "S003", "S004"]
    assert staff.count_employees(admin) == 5
    assert [r.employee_no for r in staff.list_employees(admin, 1, 2)] == ["S001", "S002"]
    desc = staff.list_employees(admin, 0, 10, sort="employee_no", descending=True)
    assert [r.employee_no for r in desc] == ["S004", "S003", "S002", "S001", "M001"]
    zhang = next(r for r in rows if r.employee_no == "S001")
    assert (zhang.branch_name, zhang.department_name, zhang.position_name) == (
        "上海",
        "华东销售部",
        "销售代表",
    )
    assert zhang.manager_name == "周经理" and zhang.position_category == "sales"
    assert [r.name for r in staff.list_employees(admin, 0, 10, search="李")] == ["李娜"]
    assert staff.count_employees(admin, search="S00") == 4
    assert staff.count_employees(admin, filters={"status": ["active", "notice"]}) == 4
    assert staff.count_employees(admin, filters={"is_sales": True}) == 3
    assert staff.count_employees(admin, filters={"position_category": "sales"}) == 3
    assert staff.count_employees(admin, filters={"manager_id": team["boss"]}) == 2
    with pytest.raises(ValidationError, match="Unknown filter"):
        staff.list_employees(admin, 0, 10, filters={"colour": "red"})
    with pytest.raises(ValidationError, match="Cannot sort by"):
        staff.list_employees(admin, 0, 10, sort="salary")


def test_every_problem_is_reported_at_once(admin, team, branches):
    bad = EmployeeInput(
        "S001",
        " ",
        branch_id=branches["广州"],
        department_id=team["dept"],
        phone="12345",
        id_number="110105194912310021",
        hire_date=date(2024, 1, 1),
        probation_end=date(2023, 12, 31),
        status="retired",
    )
    with pytest.raises(ValidationErrors) as err:
        staff.create_employee(admin, bad)
    fields = {e.field for e in err.value.errors}
    assert fields == {
        "employee_no",
        "name",
        "phone",
        "id_number",
        "probation_end",
        "status",
        "department_id",
    }
    assert "The employee number S001 is taken." in err.value.message()
    assert staff.count_employees(admin) == 5


def test_departure_date_goes_with_departed_status(admin, team):
    base = EmployeeInput("S009", "新人", hire_date=date(2024, 1, 1))
    with pytest.raises(ValidationError, match="needs a departure date"):
        staff.create_employee(admin, replace(base, status="departed"))
    with pytest.raises(ValidationError, match="only when the status is departed"):
        staff.create_employee(admin, replace(base, departed_on=date(2024, 5, 1)))
    with pytest.raises(ValidationError, match="cannot be before the hire date"):
        staff.create_employee(admin, replace(base, status="departed", departed_on=date(2023, 1, 1)))


def test_manager_must_exist_be_present_and_not_loop(admin, team):
    boss = staff.get_employee(admin, team["boss"])
    loop = EmployeeInput(
        boss.employee_no, boss.name, branch_id=boss.branch_id, manager_id=team["zhang"]
    )
    with pytest.raises(ValidationError, match="own manager"):
        staff.update_employee(admin, team["boss"], loop)
    with pytest.raises(ValidationError, match="has left the firm"):
        staff.create_employee(admin, EmployeeInput("S010", "甲", manager_id=team["gone"]))
    with pytest.raises(ValidationError, match="does not exist"):
        staff.create_employee(admin, EmployeeInput("S010", "甲", manager_id=9999))


def test_department_fills_in_its_branch(admin, team, branches):
    ident = new_id(
        staff.create_employee(admin, EmployeeInput("S011", "乙", department_id=team["dept"]))
    )
    assert staff.get_employee(admin, ident).branch_id == branches["上海"]


def test_update_with_stale_version_is_refused(admin, team):
    detail = staff.get_employee(admin, team["li"])
    data = EmployeeInput(detail.employee_no, "李娜娜", branch_id=detail.branch_id, is_sales=True)
    staff.update_employee(admin, team["li"], data, expected_version=detail.version)
    assert staff.get_employee(admin, team["li"]).name == "李娜娜"
    with pytest.raises(Conflict):
        staff.update_employee(admin, team["li"], data, expected_version=detail.version)


def test_id_numbers_masked_except_to_hr_and_admin_and_views_audited(admin, team, login_as):
    # The manager's account is linked (an unlinked manager sees nobody: issue 14).
    staff.link_user(admin, "manager", team["boss"])
    hr = login_as(Role.HR)
    assert staff.get_employee(hr, team["zhang"]).id_number == ID_NUMBER
    assert staff.get_employee(admin, team["zhang"]).id_number_masked is False
    for role in (Role.MANAGER, Role.AUDITOR):
        detail = staff.get_employee(login_as(role), team["zhang"])
        assert detail.id_number == "110***********002X"
        assert detail.id_number_masked is True
    with admin.transaction() as s:
        views = s.scalars(select(AuditEvent).where(AuditEvent.action == "view_personal_data")).all()
    assert [(v.actor, v.entity_id) for v in views] == [
        ("hr", str(team["zhang"])),
        ("admin", str(team["zhang"])),
    ]


def test_manager_sees_own_branch_only(admin, team, branches, login_as):
    staff.link_user(admin, "manager", team["boss"])
    manager = login_as(Role.MANAGER)
    assert manager.actor.branch_id == branches["上海"]
    names = [r.employee_no for r in staff.list_employees(manager, 0, 50)]
    assert names == ["M001", "S001", "S002"]
    assert staff.count_employees(manager) == 3
    with pytest.raises(NotFound):
        staff.get_employee(manager, team["wang"])
    assert [c.employee_no for c in staff.pick_employees(manager, sales_only=True)] == [
        "S001",
        "S002",
    ]
    with pytest.raises(PermissionDenied):
        staff.create_employee(manager, EmployeeInput("X1", "某"))


def test_sales_and_finance_see_no_staff_list(login_as):
    for role in (Role.SALES, Role.FINANCE):
        with pytest.raises(PermissionDenied):
            staff.list_employees(login_as(role), 0, 10)


def test_departed_status_refused_while_customers_are_owned(admin, team):
    customers.create_customer(
        admin,
        customers.CustomerInput("C1", "某某物流"),
        owner_id=team["li"],
        owned_from=date(2024, 1, 1),
    )
    li = staff.get_employee(admin, team["li"])
    leaving = EmployeeInput(
        li.employee_no,
        li.name,
        branch_id=li.branch_id,
        status="departed",
        hire_date=li.hire_date,
        departed_on=date(2025, 6, 30),
    )
    with pytest.raises(ValidationError, match="still owns 1 customers after 2025-06-30"):
        staff.update_employee(admin, team["li"], leaving)
    assert staff.list_employees(admin, 0, 10, search="李娜")[0].customers_owned == 1


def test_link_user_refuses_a_second_account_for_one_employee(admin, team, role_users):
    staff.link_user(admin, "sales", team["zhang"])
    assert staff.get_employee(admin, team["zhang"]).username == "sales"
    with pytest.raises(ValidationError, match="already linked"):
        staff.link_user(admin, "finance", team["zhang"])
    staff.link_user(admin, "sales", None)
    assert staff.get_employee(admin, team["zhang"]).username is None


def test_departments_and_positions(admin, branches):
    staff.create_department(admin, branches["广州"], "华南销售部")
    with pytest.raises(ValidationError, match="already has a department"):
        staff.create_department(admin, branches["广州"], "华南销售部")
    staff.create_department(admin, branches["上海"], "华南销售部")
    listed = {(d.branch_name, d.name) for d in staff.list_departments(admin)}
    assert listed == {("上海", "华南销售部"), ("广州", "华南销售部")}
    assert len(staff.list_departments(admin, branches["广州"])) == 1
    pos = new_id(staff.create_position(admin, "调度", "dispatcher"))
    with pytest.raises(ValidationError, match="not a known position category"):
        staff.update_position(admin, pos, "调度", "pilot")
    staff.update_position(admin, pos, "调度员", "dispatcher")
    assert [(p.name, p.category) for p in staff.list_positions(admin)] == [("调度员", "dispatcher")]
