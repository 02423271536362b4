"""Who may import what: the rights each kind needs and the rows outside the actor's scope."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.errors import QT_TRANSLATE_NOOP, PermissionDenied, Translate
from desktop.models.accounts import Role
from desktop.models.customers import Customer
from desktop.models.organisation import Branch
from desktop.models.staff import Employee
from desktop.services import scope
from desktop.services.context import ServiceContext
from desktop.services.imports.fields import KINDS
from desktop.services.imports.plan import Finder, _present
from desktop.services.imports.rows import ImportPreview, Lookups, RowError, RowReader
from desktop.services.permissions import Action, can
from desktop.services.tabular import as_text, is_blank

#: What typing the same records needs, per kind: importing is typing many rows at once, so it
#: needs these actions (from the one permission table) on top of :attr:`Action.IMPORT`.
KIND_ACTIONS: dict[str, tuple[Action, ...]] = {
    "staff": (Action.STAFF_EDIT,),
    "customers": (Action.CUSTOMERS_EDIT,),
    "assignments": (Action.CUSTOMERS_REASSIGN,),
    "orders": (Action.ORDERS_EDIT,),
    "receivables": (Action.RECEIVABLES_EDIT,),
    "payments": (Action.PAYMENTS_EDIT,),
    "followups": (Action.FOLLOWUPS_EDIT,),
}
MSG_KIND_DENIED = QT_TRANSLATE_NOOP(
    "Errors",
    "Your role ({role}) may not import {kind}: entering them needs the right {action}. "
    "Nothing was imported.",
)
MSG_NO_BRANCH_RIGHT = QT_TRANSLATE_NOOP(
    "Errors", "there is no branch {value}; only an administrator may add branches"
)
MSG_BRANCH_OUTSIDE = QT_TRANSLATE_NOOP("Errors", "{value} is outside your branch {mine}")
MSG_EMPLOYEE_OUTSIDE = QT_TRANSLATE_NOOP(
    "Errors", "{value} works at {branch}, outside your branch {mine}"
)
MSG_CUSTOMER_OUTSIDE = QT_TRANSLATE_NOOP(
    "Errors", "customer {value} is not owned by your branch {mine}"
)
MSG_EMPLOYEE_NOT_YOURS = QT_TRANSLATE_NOOP(
    "Errors", "{value} is not you: you may import only your own records"
)
MSG_CUSTOMER_NOT_YOURS = QT_TRANSLATE_NOOP("Errors", "customer {value} is not one of yours")
MSG_EMPLOYEE_NO_BRANCH = QT_TRANSLATE_NOOP(
    "Errors", "{value} belongs to no branch, outside your branch {mine}"
)


def can_import(role: Role | str, kind: str) -> bool:
    """Whether ``role`` may import ``kind``: the import right and what typing them needs."""
    actions = KIND_ACTIONS.get(kind)
    return actions is not None and can(role, Action.IMPORT) and all(can(role, a) for a in actions)


def importable_kinds(role: Role | str) -> list[str]:
    """The kinds ``role`` may import, in the usual order (the wizard offers only these)."""
    return [kind for kind in KINDS if can_import(role, kind)]


def require_import(ctx: ServiceContext, kind: str) -> None:
    """Refuse before the file is read when the role may not type these records at all."""
    ctx.require(Action.IMPORT)
    for action in KIND_ACTIONS.get(kind, ()):
        if not ctx.can(action):
            raise PermissionDenied(
                MSG_KIND_DENIED, role=ctx.actor.role.value, kind=kind, action=action.value
            )


class ImportOutsideScope(PermissionDenied):
    """Rows name records outside what the actor may change; nothing was imported.

    ``preview.errors`` holds every row's problem; the message names the first refused row.
    """

    def __init__(self, preview: ImportPreview, refused: list[RowError]) -> None:
        self.preview = preview
        self.refused = sorted(refused, key=lambda e: (e.row, e.column))
        first = self.refused[0]
        more = len({e.row for e in self.refused}) - 1
        super().__init__(
            QT_TRANSLATE_NOOP("Errors", "Row {row}: {reason}. Nothing was imported.")
            if not more
            else QT_TRANSLATE_NOOP(
                "Errors",
                "Row {row}: {reason}; {more} more row(s) are outside what you may change. "
                "Nothing was imported.",
            ),
            row=first.row,
            reason=first.reason(),
            more=more,
        )

    def message(self, translate: Translate | None = None) -> str:
        """The message with the row's reason in the same language."""
        if translate is None or not getattr(self, "refused", None):
            return super().message(translate)
        params = self.params | {"reason": self.refused[0].reason(translate)}
        text = translate("Errors", self.template)
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return self.template.format(**params)


#: (file row, column header, cell text, the id the cell names) for one reference cell.
_Ref = tuple[int, str, str, int]


def _refs(readers: Iterable[RowReader], name: str, finder: Finder) -> list[_Ref]:
    """Each row whose ``name`` cell names a known record (a cell that names none is left to
    the planner's own message). Plain tuples: the readers themselves are not kept."""
    found: list[_Ref] = []
    for r in readers:
        value = r.raw(name)
        if is_blank(value):
            continue
        text = as_text(value)
        ident, _problem = finder(text)
        if ident is not None:
            found.append((r.row, r.headers.get(name, name), text, ident))
    return found


def _refused(ref: _Ref, template: str, **params: Any) -> RowError:
    row, column, value, _ident = ref
    return RowError(row, column, value, template, {"value": value, **params})


def scope_errors(
    ctx: ServiceContext, session: Session, kind: str, readers: Iterable[RowReader], look: Lookups
) -> list[RowError]:
    """Every row that names an employee, customer or branch outside what the actor may
    change, by the rule typing that row follows (services/scope.py): a manager gives
    customers and waybills only to employees of their branch, and books or moves only
    customers their branch owns (or, moving, from the public pool); a sales account only its
    own. Staff rows that would add a branch need the right to edit the company."""
    errors: list[RowError] = []
    branches = dict(session.execute(select(Branch.id, Branch.name)).all())
    codes = dict(session.execute(select(Branch.id, Branch.code)).all())
    sc = scope.scope_of(ctx, session)
    adds_branches = ctx.can(Action.COMPANY_EDIT)
    refs: list[_Ref] = []
    if kind == "staff" and not (adds_branches and sc.everyone):
        refs = _refs(readers, "branch", lambda _text: (0, None))
        if not adds_branches:
            known = {*branches.values(), *codes.values()}
            errors += [_refused(ref, MSG_NO_BRANCH_RIGHT) for ref in refs if ref[2] not in known]
    if sc.everyone:
        return errors
    mine = branches.get(sc.branch_id, "") if sc.branch_id is not None else ""

    def outside(ref: _Ref, branch_template: str, own_template: str, **params: Any) -> RowError:
        if sc.branch_id is not None:
            return _refused(ref, branch_template, mine=mine, **params)
        return _refused(ref, own_template, **params)

    if kind == "staff":
        # No scoped role keeps staff records today; should one, it keeps only its branch's.
        own = {mine, codes.get(sc.branch_id or -1)}
        errors += [
            outside(ref, MSG_BRANCH_OUTSIDE, MSG_EMPLOYEE_NOT_YOURS)
            for ref in refs
            if ref[2] not in own
        ]
    # The cells that name someone, as the typed form checks them: the owner a customer is
    # given (customers.create_customer, reassign) and the salesperson of a waybill
    # (money.create_order); then the customer booked or moved (customer_in_scope).
    people = {"customers": "owner", "assignments": "owner", "orders": "salesperson"}
    if kind in people:
        refs = _refs(readers, people[kind], look.employee)
        allowed = scope.employees_in_scope(ctx, session, {ref[3] for ref in refs})
        strangers = {ref[3] for ref in refs} - allowed
        works_at = _present(session, Employee.id, Employee.branch_id, strangers)
        for ref in refs:
            if ref[3] in strangers:
                branch = branches.get(works_at.get(ref[3]) or -1)
                errors.append(
                    outside(ref, MSG_EMPLOYEE_OUTSIDE, MSG_EMPLOYEE_NOT_YOURS, branch=branch)
                    if branch is not None
                    else outside(ref, MSG_EMPLOYEE_NO_BRANCH, MSG_EMPLOYEE_NOT_YOURS)
                )
    if kind in ("assignments", "orders", "receivables", "payments", "followups"):
        refs = _refs(readers, "customer", look.customer)
        allowed = scope.customers_in_scope(ctx, session, {ref[3] for ref in refs})
        if kind == "assignments" and ctx.can(Action.POOL_ASSIGN):
            # Managers may also hand out customers from the public pool (customers._with_pool).
            pool = _present(
                session, Customer.id, Customer.in_pool, {ref[3] for ref in refs} - allowed
            )
            allowed |= {ident for ident, in_pool in pool.items() if in_pool}
        errors += [
            outside(ref, MSG_CUSTOMER_OUTSIDE, MSG_CUSTOMER_NOT_YOURS)
            for ref in refs
            if ref[3] not in allowed
        ]
    return errors
