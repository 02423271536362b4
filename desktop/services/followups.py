"""Follow-ups (跟进记录): who talked to which customer, when, how, and what comes next.

Why searchable by keyword: the record is how a successor picks up a customer, and words such
as 返点 or 个人账户 in it are risk signals the alerts look for. Search respects scope: a
salesperson finds only follow-ups of the customers they own today, and their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from desktop.errors import QT_TRANSLATE_NOOP, ValidationError
from desktop.models.customers import Customer
from desktop.models.orders import FollowUp
from desktop.models.staff import Employee, EmployeeStatus
from desktop.services import alerts, listing, paging, scope
from desktop.services.changes import Kind
from desktop.services.context import Changes, ServiceContext
from desktop.services.permissions import Action
from desktop.services.validation import Problems, optional_text, plausible_date, required_text

CHANNELS = ("phone", "visit", "wechat", "email", "meeting", "other")
MAX_CONTENT = 4000


@dataclass(frozen=True)
class FollowUpRow:
    id: int
    customer_id: int
    customer_code: str
    customer_name: str
    employee_id: int | None
    employee_name: str | None
    followed_on: date
    channel: str
    content: str
    next_step: str | None
    employee_no: str | None = None


def add_followup(
    ctx: ServiceContext,
    customer_id: int,
    followed_on: date,
    channel: str,
    content: str,
    next_step: str | None = None,
    employee_id: int | None = None,
) -> Changes:
    """Record a contact with a customer in scope. A salesperson records their own; others may
    name the employee (default: their own linked employee). ``Changes.ids``: the new id."""
    ctx.require(Action.FOLLOWUPS_EDIT)
    p = Problems()
    text = p.check(
        required_text,
        content,
        "content",
        MAX_CONTENT,
        QT_TRANSLATE_NOOP("Errors", "Write what was discussed."),
    )
    step = p.check(optional_text, next_step, "next_step", MAX_CONTENT)
    p.check(plausible_date, followed_on, "followed_on", ctx.today())
    if channel not in CHANNELS:
        p.add(
            ValidationError(
                QT_TRANSLATE_NOOP("Errors", "{value} is not a known contact channel."),
                field="channel",
                value=channel,
            )
        )
    if followed_on > ctx.today():
        p.add(
            ValidationError(
                QT_TRANSLATE_NOOP("Errors", "A follow-up cannot be dated in the future ({day})."),
                field="followed_on",
                day=followed_on.isoformat(),
            )
        )
    with ctx.transaction() as s:
        scope.customer_in_scope(ctx, s, customer_id)
        who = employee_id if employee_id is not None else ctx.actor.employee_id
        if not ctx.can(Action.RECORDS_FOR_OTHERS) and who != ctx.actor.employee_id:
            p.add(
                ValidationError(
                    QT_TRANSLATE_NOOP("Errors", "You can record only your own follow-ups."),
                    field="employee_id",
                )
            )
        elif who is not None:
            _check_employee(s, p, who, followed_on)
        p.raise_if_any()
        assert text is not None
        row = FollowUp(
            customer_id=customer_id,
            employee_id=who,
            followed_on=followed_on,
            channel=channel,
            content=text,
            next_step=step,
        )
        s.add(row)
        s.flush()
        raised = alerts.on_followup_written(s, ctx.today(), row.id, who)
        kinds = (Kind.FOLLOWUPS, Kind.ALERTS) if raised else (Kind.FOLLOWUPS,)
        return Changes.of(*kinds, ids=frozenset({row.id}))


def _check_employee(s: Session, p: Problems, employee_id: int, day: date) -> None:
    employee = s.get(Employee, employee_id)
    if employee is None:
        p.add(
            ValidationError(
                QT_TRANSLATE_NOOP("Errors", "Employee {id} does not exist."),
                field="employee_id",
                id=employee_id,
            )
        )
    elif (
        employee.status == EmployeeStatus.DEPARTED.value
        and employee.departed_on is not None
        and day >= employee.departed_on
    ):
        p.add(
            ValidationError(
                QT_TRANSLATE_NOOP("Errors", "{name} had left the firm by {day}."),
                field="employee_id",
                name=employee.name,
                day=day.isoformat(),
            )
        )


_person = aliased(Employee, name="follower")


def _row(f: FollowUp, code: str, name: str, person: str | None, no: str | None) -> FollowUpRow:
    return FollowUpRow(
        f.id,
        f.customer_id,
        code,
        name,
        f.employee_id,
        person,
        f.followed_on,
        f.channel,
        f.content,
        f.next_step,
        no,
    )


#: The follow-ups, newest first, found by every word of a keyword in the notes; a salesperson
#: sees those of the customers they own today, and their own.
FOLLOWUPS: listing.ListingSpec[FollowUpRow] = listing.ListingSpec(
    entity="follow_up",
    table=FollowUp,
    key=FollowUp.id,
    view=Action.FOLLOWUPS_VIEW,
    query=lambda env: (
        select(FollowUp, Customer.code, Customer.name, _person.name, _person.employee_no)
        .join(Customer, Customer.id == FollowUp.customer_id)
        .outerjoin(_person, _person.id == FollowUp.employee_id)
    ),
    row=lambda env, r: _row(*r),
    scope=lambda env: scope.money_filter(
        scope.scope_of(env.ctx, env.s), env.day, FollowUp.customer_id, FollowUp.employee_id
    ),
    sorts={"followed_on": FollowUp.followed_on},
    default_sort="followed_on",
    newest_first=True,
    filters={
        "customer_id": listing.equals(FollowUp.customer_id),
        "employee_id": listing.equals(FollowUp.employee_id),
        "channel": listing.equals(FollowUp.channel, listing.one_of(CHANNELS)),
        "since": listing.since(FollowUp.followed_on),
        "until": listing.until(FollowUp.followed_on),
    },
    search=listing.Search(
        (listing.Match(FollowUp.content), listing.Match(FollowUp.next_step)), every_word=True
    ),
)
FOLLOWUP_FILTERS = tuple(FOLLOWUPS.filters)


def followups_in(
    ctx: ServiceContext,
    s: Session,
    keyword: str = "",
    offset: int = 0,
    limit: int = 50,
    filters: dict[str, Any] | None = None,
) -> list[FollowUpRow]:
    """:func:`search_followups` inside an open unit of work (for the customer detail)."""
    return listing.rows_in(ctx, s, FOLLOWUPS, offset, limit, keyword, filters=filters)


def search_followups(
    ctx: ServiceContext,
    keyword: str = "",
    offset: int = 0,
    limit: int = 50,
    filters: dict[str, Any] | None = None,
) -> list[FollowUpRow]:
    """Follow-ups whose content or next step contains every word of ``keyword`` (words are
    separated by spaces; an empty keyword lists all), newest first, within scope.
    Filters: customer_id, employee_id, channel, since, until."""
    return listing.list_rows(ctx, FOLLOWUPS, offset, limit, keyword, filters=filters)


def export_followups(
    ctx: ServiceContext,
    keyword: str = "",
    filters: dict[str, Any] | None = None,
    sink: paging.RowSink | None = None,
) -> list[FollowUpRow]:
    """Every follow-up the actor may export (as :func:`search_followups`, newest first),
    recording the export in the audit log in the same unit of work; with a ``sink`` the rows
    stream to it and the list returned is empty."""
    return listing.export_rows(ctx, FOLLOWUPS, keyword, filters, sink=sink)


def count_followups(
    ctx: ServiceContext, keyword: str = "", filters: dict[str, Any] | None = None
) -> int:
    return listing.count_rows(ctx, FOLLOWUPS, keyword, filters)
