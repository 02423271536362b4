"""The organisation and staff steps of the demo generator (branches, departments, positions,
employees and their managers, departures); a mixin of :class:`_Generator`, whose state it uses.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from itertools import accumulate

from sqlalchemy import insert, select

from desktop.models import pinyin
from desktop.models.orders import Order
from desktop.models.organisation import Branch
from desktop.models.staff import Department, Employee, Position, PositionCategory
from desktop.services.dates import add_months
from desktop.services.demo.helpers import _between, _cw, _id_number, _pick
from desktop.services.demo.records import _BranchInfo, _Emp
from desktop.services.demo.reference import (
    CITIES,
    CITY_INDEX,
    CITY_NAMES,
    DEPARTMENTS,
    DISPATCHER,
    FINANCE,
    HR,
    NEW_BRANCHES,
    POSITIONS,
    SALES_MANAGER,
    SALES_REP,
    WAREHOUSE,
)

# =========================================================================== organisation and staff


class _StaffSteps:
    """Branches, departments, positions and staff (mixed into :class:`_Generator`)."""

    # ------------------------------------------------------------------ organisation

    def organisation(self) -> None:
        rng = self.rng
        t = Order.metadata.tables
        rows = self.conn.execute(
            select(Branch.id, Branch.code, Branch.name, Branch.city, Branch.active).order_by(
                Branch.id
            )
        ).all()
        codes = {r.code for r in rows}
        names = {r.name for r in rows}
        for r in rows:
            if not r.active:
                continue
            city = next((CITY_INDEX[c] for c in CITY_NAMES if c in (r.city or r.name)), None)
            if city is None:
                city = _pick(rng, range(len(CITIES)), tuple(accumulate(c[4] for c in CITIES)))
            self.branches.append(_BranchInfo(r.id, r.name, city))
        taken_cities = {b.city for b in self.branches}
        new_rows = []
        for city_name, branch_name in NEW_BRANCHES:
            if len(self.branches) >= 3:
                break
            city = CITY_INDEX[city_name]
            if city in taken_cities or branch_name in names:
                continue
            n = 1
            while f"B{n:02d}" in codes:
                n += 1
            code = f"B{n:02d}"
            codes.add(code)
            bid = self._id("branch")
            ts = self._ts(self.window_start - timedelta(days=900))
            new_rows.append(
                {
                    "id": bid,
                    "code": code,
                    "name": branch_name,
                    "city": city_name,
                    "active": True,
                    "created_at": ts,
                    "updated_at": ts,
                    "version": 1,
                }
            )
            self.branches.append(_BranchInfo(bid, branch_name, city))
            taken_cities.add(city)
        if new_rows:
            self.conn.execute(insert(t["branch"]), new_rows)
        self.branches_created = len(new_rows)

        ts = self._ts(self.window_start - timedelta(days=900))
        existing_pos = {n: i for n, i in self.conn.execute(select(Position.name, Position.id))}
        pos_rows = []
        for name, category, _ in POSITIONS:
            if name in existing_pos:
                self.positions[name] = existing_pos[name]
                continue
            pid = self._id("position")
            self.positions[name] = pid
            pos_rows.append(
                {
                    "id": pid,
                    "name": name,
                    "category": category,
                    "created_at": ts,
                    "updated_at": ts,
                    "version": 1,
                }
            )
        if pos_rows:
            self.conn.execute(insert(t["position"]), pos_rows)
        existing_dep = {
            (b, n): i
            for b, n, i in self.conn.execute(
                select(Department.branch_id, Department.name, Department.id)
            )
        }
        dep_rows = []
        for b in self.branches:
            for name in DEPARTMENTS:
                if (b.id, name) in existing_dep:
                    b.departments[name] = existing_dep[(b.id, name)]
                    continue
                did = self._id("department")
                b.departments[name] = did
                dep_rows.append(
                    {
                        "id": did,
                        "branch_id": b.id,
                        "name": name,
                        "created_at": ts,
                        "updated_at": ts,
                        "version": 1,
                    }
                )
        if dep_rows:
            self.conn.execute(insert(t["department"]), dep_rows)
        self.departments = len(dep_rows)

    # ------------------------------------------------------------------ staff

    def staff(self) -> None:
        rng, today, ws = self.rng, self.today, self.window_start
        n = self.size.staff
        n_sales = round(n * 0.4)
        # Each staffed branch needs a manager and at least one representative.
        nb = max(1, min(len(self.branches), n_sales // 2))
        n_reps = n_sales - nb
        n_other = n - n_sales
        branch_cw = tuple(accumulate(1.6 if i == 0 else 1.0 for i in range(nb)))

        def years_ago(lo: float, hi: float) -> date:
            return today - timedelta(days=int(rng.uniform(lo, hi) * 365))

        plan: list[tuple[str, int, date]] = []  # position, branch, hire date
        for b in range(nb):
            plan.append((SALES_MANAGER, b, years_ago(6, 14)))
        # The top salesperson and the next few with concentrated books are long-serving.
        for i in range(n_reps):
            b = 0 if i == 0 else _pick(rng, range(nb), branch_cw)
            if i < 4:
                hire = years_ago(6, 12)
            elif rng.random() < 0.12:
                hire = years_ago(0.05, 1.0)
            else:
                hire = years_ago(1.0, 10.0)
            plan.append((SALES_REP, b, hire))
        other_positions, other_cw = _cw(
            [(DISPATCHER, 35), (WAREHOUSE, 30), (FINANCE, 17), (HR, 18)]
        )
        for i in range(n_other):
            if i == 0:
                pos, b = HR, 0
            elif i == 1:
                pos, b = FINANCE, 0
            else:
                pos, b = _pick(rng, other_positions, other_cw), _pick(rng, range(nb), branch_cw)
            hire = years_ago(0.05, 1.0) if rng.random() < 0.1 else years_ago(1.0, 12.0)
            plan.append((pos, b, hire))

        category = {p[0]: p[1] for p in POSITIONS}
        department = {p[0]: p[2] for p in POSITIONS}
        for i, (pos, b, hire) in enumerate(plan):
            name, male = self.names.person()
            emp = _Emp(
                id=self._id("employee"),
                no=f"E{i + 1:05d}",
                name=name,
                male=male,
                branch=b,
                position=pos,
                category=category[pos],
                is_sales=category[pos] == PositionCategory.SALES.value,
                hire=hire,
            )
            self.emps.append(emp)
        managers = self.emps[:nb]
        reps = self.emps[nb : nb + n_reps]
        others = self.emps[nb + n_reps :]
        for emp in self.emps:
            boss = managers[emp.branch]
            if emp is boss:
                emp.manager_id = None if emp.branch == 0 else managers[0].id
            else:
                emp.manager_id = boss.id
        self.top = reps[0]

        # Departures and notices among the ordinary reps and the other staff.
        movable = list(reps[4:] if len(reps) > 5 else reps[1:])
        rng.shuffle(movable)
        n_dep = max(1, round(0.05 * len(reps)))
        n_notice = max(1, round(0.025 * len(reps)))
        n_handover = round(0.01 * len(reps))
        for emp in movable[:n_dep]:
            emp.status = "departed"
            emp.departed_on = _between(rng, ws + timedelta(days=60), today - timedelta(days=20))
            if emp.hire > emp.departed_on - timedelta(days=240):
                emp.hire = emp.departed_on - timedelta(days=rng.randint(240, 2500))
        for emp in movable[n_dep : n_dep + n_notice]:
            emp.status = "notice"
        for emp in movable[n_dep + n_notice : n_dep + n_notice + n_handover]:
            emp.status = "handover"
        others_m = list(others[2:])
        rng.shuffle(others_m)
        n_dep_o = max(1, round(0.03 * len(others))) if len(others) > 4 else 0
        n_notice_o = round(0.01 * len(others))
        for emp in others_m[:n_dep_o]:
            emp.status = "departed"
            emp.departed_on = _between(rng, ws, today - timedelta(days=10))
            if emp.hire > emp.departed_on - timedelta(days=120):
                emp.hire = emp.departed_on - timedelta(days=rng.randint(120, 2000))
        for emp in others_m[n_dep_o : n_dep_o + n_notice_o]:
            emp.status = "notice"

        rows = []
        for emp in self.emps:
            b = self.branches[emp.branch]
            age_at_hire = rng.randint(21, 45)
            born = emp.hire - timedelta(days=age_at_hire * 365 + rng.randint(0, 364))
            home = CITIES[_pick(rng, range(len(CITIES)), self._city_cw)][5]
            probation = 6 if emp.position == SALES_MANAGER else 3
            ts = self._ts(emp.hire)
            rows.append(
                {
                    "id": emp.id,
                    "employee_no": emp.no,
                    "name": emp.name,
                    **pinyin.columns(emp.name),
                    "phone": self.names.mobile(),
                    "email": None,
                    "id_number": _id_number(rng, home, born, emp.male),
                    "branch_id": b.id,
                    "department_id": b.departments[department[emp.position]],
                    "position_id": self.positions[emp.position],
                    "manager_id": emp.manager_id,
                    "hire_date": emp.hire,
                    "probation_end": add_months(emp.hire, probation),
                    **_contract_terms(emp.id, emp.hire, emp.position, today),
                    "status": emp.status,
                    "is_sales": emp.is_sales,
                    "non_compete": emp.is_sales and rng.random() < 0.7,
                    "confidentiality": rng.random() < 0.9,
                    "departed_on": emp.departed_on,
                    "created_at": ts,
                    "updated_at": self._ts(emp.departed_on) if emp.departed_on else ts,
                    "version": 1,
                }
            )
        # Managers first: the others refer to them.
        self.conn.execute(insert(Employee.__table__), rows)
        self.emp_by_id = {e.id: e for e in self.emps}
        self.done_units += len(rows)
        self._report()

    @property
    def _city_cw(self) -> tuple[float, ...]:
        cw = getattr(self, "_city_cw_cache", None)
        if cw is None:
            cw = tuple(accumulate(c[4] for c in CITIES))
            self._city_cw_cache = cw
        return cw


#: Monthly wage ranges (yuan) by position, before commission.
_WAGES = {SALES_MANAGER: (9000, 16000), SALES_REP: (4500, 8000)}


def _contract_terms(emp_id: int, hire: date, position: str, today: date) -> dict[str, object]:
    """A labour contract and a monthly wage, so the certificate and the settlement's 20% cap
    work on demo staff. Three-year fixed terms from the hire date, open-ended after the second
    renewal (Labour Contract Law art. 14). Drawn from a generator of its own, so the rest of
    the demo stays what the same seed gave before."""
    rng = random.Random(emp_id * 7919 + 101)
    start, terms = hire, 0
    while add_months(start, 36) <= today and terms < 2:
        start, terms = add_months(start, 36), terms + 1
    end = None if terms >= 2 else add_months(start, 36) - timedelta(days=1)
    low, high = _WAGES.get(position, (4000, 7000))
    wage = Decimal(rng.randrange(low, high + 1, 100))
    return {"contract_start": start, "contract_end": end, "monthly_wage": wage}
