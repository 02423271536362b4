"""Exports add up: rows one person exported are summed over a window, and above the limit an
export becomes a request that two other people approve.

Why: the limit was per export, so a book split by search terms walked out 150 rows at a time.
Now every ``export`` audit event of the actor in the last ``export_window_days`` counts
(business settings: ``export_approval_threshold`` rows, default 200, in 7 days). Above it the
export is refused and may be *requested* (what, scope, row count, reason). A first approver
(:data:`Action.EXPORTS_APPROVE_FIRST`, by default a manager) and then a second, different one
(:data:`Action.EXPORTS_APPROVE_SECOND`, by default an administrator) approve it; the requester
never counts. An approved request allows one export of that list within 24 hours; a rejected
one exports nothing. Every step changes a row, so every step is in the audit chain.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from desktop.errors import QT_TRANSLATE_NOOP, NotFound, PermissionDenied, ValidationError
from desktop.models.accounts import User
from desktop.models.audit import AuditEvent
from desktop.models.documents import DocumentSnapshot, IssuedDocument
from desktop.models.exports import ExportRequest
from desktop.models.types import utcnow
from desktop.services import business_settings as settings
from desktop.services.changes import Kind
from desktop.services.context import Changes, ServiceContext
from desktop.services.permissions import Action, can
from desktop.services.validation import required_text

#: How long an approved request may be used.
VALID_FOR = timedelta(hours=24)

PENDING = "pending"
FIRST_APPROVED = "first_approved"
APPROVED = "approved"
REJECTED = "rejected"
USED = "used"
EXPIRED = "expired"

MSG_NOT_FOUND = QT_TRANSLATE_NOOP("Errors", "Export request {id} does not exist.")
MSG_OWN = QT_TRANSLATE_NOOP(
    "Errors",
    "You asked for export request {id}: two other people must approve or reject it "
    "(separation of duties).",
)
MSG_TWICE = QT_TRANSLATE_NOOP(
    "Errors",
    "You gave the first approval of export request {id}: the second must come from someone "
    "else (separation of duties).",
)
MSG_DECIDED = QT_TRANSLATE_NOOP("Errors", "Export request {id} is {status} already.")
MSG_NOT_USABLE = QT_TRANSLATE_NOOP(
    "Errors", "Export request {id} cannot be used: it is {status}, not approved."
)
MSG_OTHER_LIST = QT_TRANSLATE_NOOP(
    "Errors",
    "Export request {id} was approved for the {kind} list of {user}, not for this export.",
)
MSG_REASON = QT_TRANSLATE_NOOP("Errors", "Give the reason for the export request.")
MSG_REJECT_REASON = QT_TRANSLATE_NOOP("Errors", "Give the reason for rejecting the request.")


@dataclass(frozen=True)
class ExportRequestInfo:
    """One request as the approvals list shows it (``status`` "expired": approved, unused
    after 24 hours)."""

    id: int
    kind: str
    search: str
    filters: dict[str, str]
    rows: int
    reason: str
    status: str
    requested_by: str
    requested_at: datetime
    first_by: str | None
    second_by: str | None
    rejected_by: str | None
    reject_reason: str | None


#: Issued documents that list customers: their rows count in the window like exported rows
#: (the print guard, :mod:`desktop.services.print_guard`).
PRINTED_LISTS = frozenset({"handover", "tracking", "post_departure"})


def printed_rows(s: Session, username: str, since: datetime) -> int:
    """Customer rows of the lists ``username`` issued (printed or saved as PDF) since then."""
    return int(
        s.scalar(
            select(func.coalesce(func.sum(DocumentSnapshot.rows), 0))
            .select_from(IssuedDocument)
            .join(DocumentSnapshot, DocumentSnapshot.id == IssuedDocument.snapshot_id)
            .where(
                IssuedDocument.created_by_name == username,
                IssuedDocument.created_at >= since,
                IssuedDocument.kind.in_(sorted(PRINTED_LISTS)),
            )
        )
        or 0
    )


def window_rows(s: Session, username: str, now: datetime, days: int) -> int:
    """Rows ``username`` exported (the audit log) or printed in customer lists (the issued
    documents) in the last ``days`` days."""
    total = printed_rows(s, username, now - timedelta(days=days))
    for after in s.scalars(
        select(AuditEvent.after).where(
            AuditEvent.action == "export",
            AuditEvent.actor == username,
            AuditEvent.at >= now - timedelta(days=days),
        )
    ):
        try:
            total += int(json.loads(after or "{}").get("rows", 0))
        except (ValueError, TypeError, AttributeError):
            continue
    return total


@dataclass(frozen=True)
class Budget:
    """What the actor may still export without approval: ``limit`` rows per ``days`` days,
    ``used`` of them already."""

    limit: int
    days: int
    used: int

    @property
    def left(self) -> int:
        return max(self.limit - self.used, 0)


def budget(ctx: ServiceContext) -> Budget:
    """The actor's export budget now."""
    with ctx.read() as s:
        limit = int(settings.value_in(s, settings.EXPORT_APPROVAL_THRESHOLD))
        days = int(settings.value_in(s, settings.EXPORT_WINDOW_DAYS))
        # The audit log stamps events with the machine's clock, so the window does too.
        return Budget(limit, days, window_rows(s, ctx.actor.username, utcnow(), days))


def _filters_text(filters: dict[str, Any] | None) -> str:
    return json.dumps({k: str(v) for k, v in sorted((filters or {}).items())}, ensure_ascii=False)


def create_request(
    ctx: ServiceContext,
    kind: str,
    rows: int,
    reason: str,
    search: str = "",
    filters: dict[str, Any] | None = None,
) -> int:
    """Record a request to export ``rows`` rows of the ``kind`` list (its id). Called by
    :func:`desktop.services.exports.request_export`, which counts the rows."""
    ctx.require(Action.EXPORT)
    clean = required_text(reason, "reason", 500, MSG_REASON)
    with ctx.transaction() as s:
        request = ExportRequest(
            kind=kind,
            search=search.strip()[:200],
            filters=_filters_text(filters),
            rows=rows,
            reason=clean,
            status=PENDING,
            requested_by=ctx.actor.user_id,
        )
        s.add(request)
        s.flush()
        return request.id


def _load(s: Session, request_id: int) -> ExportRequest:
    request = s.get(ExportRequest, request_id)
    if request is None:
        raise NotFound(MSG_NOT_FOUND, id=request_id)
    return request


def _status(request: ExportRequest, now: datetime) -> str:
    if (
        request.status == APPROVED
        and request.second_at is not None
        and now - request.second_at > VALID_FOR
    ):
        return EXPIRED
    return request.status


def _approver(ctx: ServiceContext) -> bool:
    role = ctx.actor.role
    return can(role, Action.EXPORTS_APPROVE_FIRST) or can(role, Action.EXPORTS_APPROVE_SECOND)


def list_requests(ctx: ServiceContext, status: str | None = None) -> list[ExportRequestInfo]:
    """Requests, newest first: an approver sees every one, anyone else their own."""
    ctx.require(Action.EXPORT)
    asker, first, second, rejecter = (aliased(User) for _ in range(4))
    query = (
        select(ExportRequest, asker.username, first.username, second.username, rejecter.username)
        .join(asker, asker.id == ExportRequest.requested_by)
        .outerjoin(first, first.id == ExportRequest.first_by)
        .outerjoin(second, second.id == ExportRequest.second_by)
        .outerjoin(rejecter, rejecter.id == ExportRequest.rejected_by)
        .order_by(ExportRequest.id.desc())
    )
    if not _approver(ctx):
        query = query.where(ExportRequest.requested_by == ctx.actor.user_id)
    now = ctx.now()
    with ctx.read() as s:
        found = [
            ExportRequestInfo(
                r.id,
                r.kind,
                r.search,
                json.loads(r.filters or "{}"),
                r.rows,
                r.reason,
                _status(r, now),
                who,
                r.created_at,
                one,
                two,
                no,
                r.reject_reason,
            )
            for r, who, one, two, no in s.execute(query)
        ]
    return [f for f in found if status is None or f.status == status]


#: Statuses of a request that still matters to its requester (waiting, or usable).
IN_PLAY = (PENDING, FIRST_APPROVED, APPROVED)


def requests_for_list(
    ctx: ServiceContext, kind: str, search: str = "", filters: dict[str, Any] | None = None
) -> list[ExportRequestInfo]:
    """The actor's own requests for exactly this list (kind, search, filters) that are still
    waiting or approved and unused within 24 hours, newest first: the window offers the
    approved one for the export refused over the limit instead of a dead end."""
    wanted_search = search.strip()[:200]
    wanted_filters = json.loads(_filters_text(filters))
    return [
        r
        for r in list_requests(ctx)
        if r.requested_by == ctx.actor.username
        and r.kind == kind
        and r.search == wanted_search
        and r.filters == wanted_filters
        and r.status in IN_PLAY
    ]


def may_decide(ctx: ServiceContext, request: ExportRequestInfo) -> bool:
    """Whether the actor may give this request its next approval (or reject it): what
    :func:`approve` and :func:`reject` check, for enabling the window's buttons."""
    me = ctx.actor.username
    if request.requested_by == me:
        return False
    if request.status == PENDING:
        return ctx.can(Action.EXPORTS_APPROVE_FIRST)
    if request.status == FIRST_APPROVED:
        return ctx.can(Action.EXPORTS_APPROVE_SECOND) and request.first_by != me
    return False


def may_reject(ctx: ServiceContext, request: ExportRequestInfo) -> bool:
    """Whether the actor may reject this request (what :func:`reject` checks)."""
    return (
        request.requested_by != ctx.actor.username
        and request.status in (PENDING, FIRST_APPROVED)
        and _approver(ctx)
    )


def approve(ctx: ServiceContext, request_id: int) -> Changes:
    """Give the first (manager) or second (administrator) approval; the requester never
    approves and nobody gives both."""
    with ctx.transaction() as s:
        request = _load(s, request_id)
        if request.requested_by == ctx.actor.user_id:
            raise PermissionDenied(MSG_OWN, id=request_id)
        if request.status == PENDING:
            ctx.require(Action.EXPORTS_APPROVE_FIRST)
            request.first_by = ctx.actor.user_id
            request.first_at = ctx.now()
            request.status = FIRST_APPROVED
        elif request.status == FIRST_APPROVED:
            ctx.require(Action.EXPORTS_APPROVE_SECOND)
            if request.first_by == ctx.actor.user_id:
                raise PermissionDenied(MSG_TWICE, id=request_id)
            request.second_by = ctx.actor.user_id
            request.second_at = ctx.now()
            request.status = APPROVED
        else:
            raise ValidationError(MSG_DECIDED, id=request_id, status=_status(request, ctx.now()))
    return Changes.of(Kind.EXPORT_REQUESTS, ids=frozenset({request_id}))


def reject(ctx: ServiceContext, request_id: int, reason: str) -> Changes:
    """Reject a request still waiting for an approval, with a reason: nothing is exported."""
    clean = required_text(reason, "reason", 500, MSG_REJECT_REASON)
    with ctx.transaction() as s:
        request = _load(s, request_id)
        if not _approver(ctx):
            ctx.require(Action.EXPORTS_APPROVE_FIRST)
        if request.requested_by == ctx.actor.user_id:
            raise PermissionDenied(MSG_OWN, id=request_id)
        if request.status not in (PENDING, FIRST_APPROVED):
            raise ValidationError(MSG_DECIDED, id=request_id, status=_status(request, ctx.now()))
        request.status = REJECTED
        request.rejected_by = ctx.actor.user_id
        request.reject_reason = clean
    return Changes.of(Kind.EXPORT_REQUESTS, ids=frozenset({request_id}))


def take_approval(
    ctx: ServiceContext,
    request_id: int,
    kind: str,
    search: str = "",
    filters: dict[str, Any] | None = None,
) -> ExportRequest:
    """Use an approved request for one export of its list by its requester (marks it used;
    :func:`give_back` returns it if the export then fails). Returns the request (detached)."""
    with ctx.transaction() as s:
        request = _load(s, request_id)
        status = _status(request, ctx.now())
        if status != APPROVED:
            raise ValidationError(MSG_NOT_USABLE, id=request_id, status=status)
        if (
            request.requested_by != ctx.actor.user_id
            or request.kind != kind
            or request.search != search.strip()[:200]
            or request.filters != _filters_text(filters)
        ):
            who = s.scalar(select(User.username).where(User.id == request.requested_by))
            raise ValidationError(MSG_OTHER_LIST, id=request_id, kind=request.kind, user=who)
        request.status = USED
        request.used_at = ctx.now()
        s.flush()
        s.expunge(request)
        return request


def give_back(ctx: ServiceContext, request_id: int) -> None:
    """Return an approval taken by an export that failed before it wrote anything."""
    with ctx.transaction() as s:
        request = _load(s, request_id)
        if request.status == USED:
            request.status = APPROVED
            request.used_at = None


def pending_count(s: Session) -> int:
    """Requests waiting for an approval (for a page's badge or an alert)."""
    return int(
        s.scalar(
            select(func.count())
            .select_from(ExportRequest)
            .where(ExportRequest.status.in_((PENDING, FIRST_APPROVED)))
        )
        or 0
    )
