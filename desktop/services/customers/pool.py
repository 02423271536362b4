"""Claims on customers in the public pool (公海): a request, and another manager's decision, which
assigns the customer.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import aliased

from desktop.errors import QT_TRANSLATE_NOOP, NotFound, ValidationError
from desktop.models.accounts import User
from desktop.models.customers import AssignmentReason, ClaimStatus, Customer, PoolClaim
from desktop.models.staff import Employee
from desktop.services import notice_access, paging, scope
from desktop.services.changes import Kind
from desktop.services.context import Changes, ServiceContext
from desktop.services.customers.checks import _active_employee, _employee_allowed
from desktop.services.customers.dtos import ClaimInfo
from desktop.services.customers.ownership import _assign, _lapse_claims
from desktop.services.permissions import Action
from desktop.services.validation import optional_text


def request_claim(
    ctx: ServiceContext, customer_id: int, reason: str = "", employee_id: int | None = None
) -> Changes:
    """Ask to take a customer from the public pool; it moves only when a manager approves.
    A salesperson claims for themselves. ``Changes.ids`` holds the claim's id."""
    ctx.require(Action.POOL_CLAIM)
    clean_reason = optional_text(reason, "reason", 256)
    with ctx.transaction() as s:
        notice_access.refuse_in(ctx, s, notice_access.CLAIM)
        customer = s.get(Customer, customer_id)
        if customer is None:
            raise NotFound(scope.MSG_CUSTOMER_NOT_FOUND, id=customer_id)
        if not customer.in_pool or scope.current_owner_id(s, customer_id, ctx.today()):
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "{customer} is not in the public pool."),
                customer=customer.name,
            )
        who = employee_id if employee_id is not None else ctx.actor.employee_id
        if who is None:
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "Choose the employee who would own the customer."),
                field="employee_id",
            )
        if not ctx.can(Action.RECORDS_FOR_OTHERS) and who != ctx.actor.employee_id:
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "You can claim customers only for yourself."),
                field="employee_id",
            )
        _employee_allowed(ctx, s, who)
        _active_employee(s, who)
        pending = s.scalar(
            select(PoolClaim.id).where(
                PoolClaim.customer_id == customer_id,
                PoolClaim.employee_id == who,
                PoolClaim.status == ClaimStatus.PENDING.value,
            )
        )
        if pending is not None:
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "A claim for {customer} is waiting for approval."),
                customer=customer.name,
            )
        claim = PoolClaim(
            customer_id=customer_id,
            employee_id=who,
            requested_by=ctx.actor.user_id,
            reason=clean_reason,
            status=ClaimStatus.PENDING.value,
        )
        s.add(claim)
        s.flush()
        return Changes.of(Kind.CLAIMS, ids=frozenset({claim.id}))


def decide_claim(
    ctx: ServiceContext,
    claim_id: int,
    approve: bool,
    note: str = "",
    effective: date | None = None,
) -> Changes:
    """Approve (the customer moves to the claimant from ``effective``, default today, reason
    pool_claim; other claims on it lapse) or reject a pending claim. Nobody decides a claim
    they made themselves."""
    ctx.require(Action.POOL_DECIDE)
    clean_note = optional_text(note, "note", 256)
    day = effective or ctx.today()
    with ctx.transaction() as s:
        notice_access.refuse_in(ctx, s, notice_access.OWNERSHIP)
        claim = s.get(PoolClaim, claim_id)
        if claim is None:
            raise NotFound(QT_TRANSLATE_NOOP("Errors", "Claim {id} does not exist."), id=claim_id)
        _employee_allowed(ctx, s, claim.employee_id)
        if claim.status != ClaimStatus.PENDING.value:
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "This claim was decided already ({status})."),
                status=claim.status,
            )
        own = claim.requested_by is not None and claim.requested_by == ctx.actor.user_id
        if own and not ctx.can(Action.POOL_DECIDE_OWN_CLAIM):
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "You made this claim; another manager must decide it.")
            )
        customer = s.get(Customer, claim.customer_id)
        assert customer is not None
        if approve:
            if not customer.in_pool:
                raise ValidationError(
                    QT_TRANSLATE_NOOP("Errors", "{customer} is not in the public pool."),
                    customer=customer.name,
                )
            _active_employee(s, claim.employee_id)
            _assign(
                ctx,
                s,
                customer,
                claim.employee_id,
                day,
                AssignmentReason.POOL_CLAIM.value,
                clean_note,
            )
        claim.status = (ClaimStatus.APPROVED if approve else ClaimStatus.REJECTED).value
        claim.decided_by = ctx.actor.user_id
        claim.decided_at = ctx.now()
        claim.decision_note = clean_note
        if approve:
            s.flush()
            _lapse_claims(ctx, s, customer.id, "another claim was approved")
    return Changes.of(
        Kind.CLAIMS, Kind.CUSTOMERS, Kind.OWNERSHIP, ids=frozenset({claim.customer_id})
    )


def _claims_query() -> Select[Any]:
    requester = aliased(User)
    decider = aliased(User)
    return (
        select(
            PoolClaim,
            Customer.code,
            Customer.name,
            Employee.name,
            requester.username,
            decider.username,
        )
        .join(Customer, Customer.id == PoolClaim.customer_id)
        .join(Employee, Employee.id == PoolClaim.employee_id)
        .outerjoin(requester, requester.id == PoolClaim.requested_by)
        .outerjoin(decider, decider.id == PoolClaim.decided_by)
    )


def _claim_info(
    c: PoolClaim, code: str, name: str, who: str, by: str | None, decided: str | None
) -> ClaimInfo:
    return ClaimInfo(
        c.id,
        c.customer_id,
        code,
        name,
        c.employee_id,
        who,
        by,
        c.reason,
        c.status,
        decided,
        c.decided_at,
        c.decision_note,
        c.created_at,
    )


def list_claims(
    ctx: ServiceContext,
    status: str | None = ClaimStatus.PENDING.value,
    offset: int = 0,
    limit: int = 100,
) -> list[ClaimInfo]:
    """Pool claims in scope (a salesperson's own, a manager's branch), oldest first."""
    ctx.require(Action.CUSTOMERS_VIEW)
    paging.check_page(offset, limit)
    with ctx.read() as s:
        query = _claims_query().order_by(PoolClaim.created_at, PoolClaim.id)
        people = scope.staff_ids(scope.scope_of(ctx, s))
        if people is not None:
            query = query.where(PoolClaim.employee_id.in_(people))
        if status is not None:
            query = query.where(PoolClaim.status == status)
        return [_claim_info(*r) for r in s.execute(query.offset(offset).limit(limit))]
