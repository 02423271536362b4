"""What a leaver's own account may no longer do during the notice period.

Why: with their case approved a departing salesperson exported their whole book, released
customers to the pool and claimed others. From the notice date of their submitted (or further)
departure case — business setting ``notice_restrictions``, on by default — their account may
not export or print customer lists, claim pool customers, release customers or change
ownership; each customer detail they open is audited; the login banner says so and why.

The rule asks who the *actor* is (their employee record has a case), never which role they
hold, so a leaving manager is restricted like a leaving salesperson.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.errors import QT_TRANSLATE_NOOP, PermissionDenied
from desktop.models import audit
from desktop.models.departures import CaseState, DepartureCase
from desktop.services import business_settings as settings
from desktop.services.context import ServiceContext

#: Submitted or further, not yet over (``departures.states``; that package imports services
#: that import this module).
_NOTICE_OPEN = (
    CaseState.SUBMITTED.value,
    CaseState.APPROVED.value,
    CaseState.IN_HANDOVER.value,
    CaseState.AWAITING_CONFIRMATION.value,
    CaseState.COMPLETED.value,
)

EXPORT = QT_TRANSLATE_NOOP("Errors", "export or print customer lists")
CLAIM = QT_TRANSLATE_NOOP("Errors", "claim customers from the public pool")
RELEASE = QT_TRANSLATE_NOOP("Errors", "release customers to the public pool")
OWNERSHIP = QT_TRANSLATE_NOOP("Errors", "change who owns a customer")

MSG_RESTRICTED = QT_TRANSLATE_NOOP(
    "Errors",
    "You are leaving the firm (departure case {case}): from your notice date {day} your account "
    "may not {what}.",
)
MSG_BANNER = QT_TRANSLATE_NOOP(
    "Errors",
    "Your departure case {case} is under way. Since your notice date {day} your account can no "
    "longer export or print customer lists, claim pool customers, release customers or change "
    "who owns them, and every customer you open is recorded. Your customers are being handed "
    "over to your successors.",
)


@dataclass(frozen=True)
class NoticeRestriction:
    """The actor's account is restricted since ``since`` because of case ``case_number``."""

    case_id: int
    case_number: str
    since: date


def restriction_in(s: Session, employee_id: int | None, today: date) -> NoticeRestriction | None:
    """The restriction on an employee's account today (None: none, or the setting is off)."""
    if employee_id is None or not settings.value_in(s, settings.NOTICE_RESTRICTIONS):
        return None
    for case in s.scalars(
        select(DepartureCase)
        .where(DepartureCase.employee_id == employee_id, DepartureCase.state.in_(_NOTICE_OPEN))
        .order_by(DepartureCase.id)
    ):
        since = case.notice_on or case.submitted_on
        if since is not None and today >= since:
            return NoticeRestriction(case.id, case.number, since)
    return None


def refuse_in(ctx: ServiceContext, s: Session, what: str) -> None:
    """Raise :class:`PermissionDenied` naming the case when the actor is in their notice
    period; ``what`` is one of this module's action texts."""
    found = restriction_in(s, ctx.actor.employee_id, ctx.today())
    if found is not None:
        raise PermissionDenied(
            MSG_RESTRICTED, case=found.case_number, day=found.since.isoformat(), what=what
        )


def refuse(ctx: ServiceContext, what: str) -> None:
    """:func:`refuse_in` in a read unit of work of its own."""
    if ctx.actor.employee_id is None:
        return
    with ctx.read() as s:
        refuse_in(ctx, s, what)


def audit_customer_view(ctx: ServiceContext, customer_id: int) -> None:
    """Record that a leaver in their notice period opened a customer's detail."""
    if ctx.actor.employee_id is None:
        return
    with ctx.read() as s:
        found = restriction_in(s, ctx.actor.employee_id, ctx.today())
    if found is None:
        return
    with ctx.transaction() as s:
        audit.record(
            s, "customer.viewed_in_notice", "customer", customer_id, {"case": found.case_number}
        )


def banner(ctx: ServiceContext) -> str | None:
    """The login banner telling a leaver what their account can no longer do and why (None:
    nothing to tell). Translated by the view with the "Errors" context and ``params``."""
    found = banner_params(ctx)
    return None if found is None else MSG_BANNER.format(**found)


def banner_params(ctx: ServiceContext) -> dict[str, str] | None:
    """The banner's placeholders (case, day), for a view that translates :data:`MSG_BANNER`."""
    if ctx.actor.employee_id is None:
        return None
    with ctx.read() as s:
        found = restriction_in(s, ctx.actor.employee_id, ctx.today())
    if found is None:
        return None
    return {"case": found.case_number, "day": found.since.isoformat()}
