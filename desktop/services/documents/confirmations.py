"""Balance-confirmation letters (对账函) to a leaver's customers: what each letter states, and
the tracking of each letter once issued — sent (when, how) and the customer's reply.

One letter per customer with open receivables among those the leaver leaves behind (sold by
them, or of customers they own today): every open invoice with its open amount, the total in
figures and in capitals. The letters together state exactly the leaver's open receivables.
A reply that differs opens a follow-up on the customer naming both figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.errors import QT_TRANSLATE_NOOP, NotFound, ValidationError
from desktop.models import audit
from desktop.models.customers import Contact, Customer
from desktop.models.departures import DepartureCase
from desktop.models.documents import IssuedDocument
from desktop.models.orders import FollowUp, Receivable
from desktop.models.paperwork import ConfirmationLetter
from desktop.models.staff import Employee
from desktop.services.capitals import rmb_capitals
from desktop.services.changes import Changes, Kind
from desktop.services.context import ServiceContext
from desktop.services.departures.states import NOTICE_STATES
from desktop.services.document_content import company_name_in
from desktop.services.documents.dtos import K
from desktop.services.documents.helpers import _require_kind
from desktop.services.handover import case_in_scope
from desktop.services.handover.generation import leaver_receivables
from desktop.services.permissions import Action
from desktop.services.validation import money, optional_date, optional_text

ZERO = Decimal("0.00")
MSG_NO_OPEN = QT_TRANSLATE_NOOP(
    "Errors", "{employee} leaves no open receivables: there is no balance to confirm."
)
MSG_LETTER_NOT_FOUND = QT_TRANSLATE_NOOP(
    "Errors", "Confirmation letter {id} does not exist or is outside what you may see."
)
MSG_CASE_NOT_STANDING = QT_TRANSLATE_NOOP(
    "Errors", "Departure case {case} is {state}: no letters are sent for it."
)


@dataclass(frozen=True)
class LetterLine:
    number: str
    issued_on: date
    due_on: date
    amount: Decimal
    settled: Decimal  # paid and written off
    open: Decimal


@dataclass(frozen=True)
class LetterData:
    """What one confirmation letter states."""

    company: str
    case_number: str
    customer_id: int
    customer_code: str
    customer_name: str
    customer_address: str | None
    contact: str | None
    leaver_name: str
    as_of: date
    lines: tuple[LetterLine, ...]
    total: Decimal
    total_capitals: str


@dataclass(frozen=True)
class LetterRow:
    """One issued letter and where it stands."""

    id: int
    document_number: str
    customer_code: str
    customer_name: str
    as_of: date
    total: Decimal
    invoices: int
    sent_on: date | None
    sent_via: str | None
    reply: str | None
    reply_on: date | None
    reply_amount: Decimal | None
    followup_id: int | None


def _open_of(r: Receivable) -> Decimal:
    return r.amount - (r.paid or ZERO) - (r.written_off or ZERO)


def letters_data(ctx: ServiceContext, case_id: int) -> list[LetterData]:
    """The letters of a case as of today, one per customer with an open balance."""
    _require_kind(ctx, K.CONFIRMATION.value)
    today = ctx.today()
    with ctx.read() as s:
        case = case_in_scope(ctx, s, case_id)
        if case.state not in NOTICE_STATES:
            raise ValidationError(MSG_CASE_NOT_STANDING, case=case.number, state=case.state)
        leaver = s.get(Employee, case.employee_id)
        assert leaver is not None
        rows = s.scalars(
            select(Receivable)
            .where(Receivable.id.in_(leaver_receivables(case.employee_id, today)))
            .order_by(Receivable.customer_id, Receivable.issued_on, Receivable.number)
        ).all()
        by_customer: dict[int, list[LetterLine]] = {}
        for r in rows:
            left = _open_of(r)
            if left <= 0:
                continue
            by_customer.setdefault(r.customer_id, []).append(
                LetterLine(r.number, r.issued_on, r.due_on, r.amount, r.amount - left, left)
            )
        if not by_customer:
            raise ValidationError(MSG_NO_OPEN, employee=leaver.name)
        company = company_name_in(s)
        out = []
        for customer_id, lines in by_customer.items():
            c = s.get(Customer, customer_id)
            assert c is not None
            contact = s.scalar(
                select(Contact.name)
                .where(Contact.customer_id == customer_id)
                .order_by(Contact.is_primary.desc(), Contact.id)
                .limit(1)
            )
            total = sum((line.open for line in lines), ZERO)
            out.append(
                LetterData(
                    company=company,
                    case_number=case.number,
                    customer_id=customer_id,
                    customer_code=c.code,
                    customer_name=c.name,
                    customer_address=c.address,
                    contact=contact,
                    leaver_name=leaver.name,
                    as_of=today,
                    lines=tuple(lines),
                    total=total,
                    total_capitals=rmb_capitals(total),
                )
            )
        return sorted(out, key=lambda d: d.customer_code)


def record_letter(s: Session, case_id: int, document_id: int, data: LetterData) -> None:
    """The tracking row of a letter just issued (inside the issue's unit of work)."""
    s.add(
        ConfirmationLetter(
            case_id=case_id,
            customer_id=data.customer_id,
            document_id=document_id,
            as_of=data.as_of,
            total=data.total,
            invoices=len(data.lines),
        )
    )


def _letter(ctx: ServiceContext, s: Session, letter_id: int) -> ConfirmationLetter:
    letter = s.get(ConfirmationLetter, letter_id)
    if letter is None:
        raise NotFound(MSG_LETTER_NOT_FOUND, id=letter_id)
    case_in_scope(ctx, s, letter.case_id)
    return letter


def list_letters(ctx: ServiceContext, case_id: int) -> list[LetterRow]:
    """The letters issued for a case, oldest first, with their sending and replies."""
    ctx.require(Action.DEPARTURES_VIEW)
    ctx.require(Action.CONFIRMATION_LETTERS)
    with ctx.read() as s:
        case_in_scope(ctx, s, case_id)
        found = s.execute(
            select(ConfirmationLetter, IssuedDocument.number, Customer.code, Customer.name)
            .join(IssuedDocument, IssuedDocument.id == ConfirmationLetter.document_id)
            .join(Customer, Customer.id == ConfirmationLetter.customer_id)
            .where(ConfirmationLetter.case_id == case_id)
            .order_by(ConfirmationLetter.id)
        ).all()
        return [
            LetterRow(
                letter.id,
                number,
                code,
                name,
                letter.as_of,
                letter.total,
                letter.invoices,
                letter.sent_on,
                letter.sent_via,
                letter.reply,
                letter.reply_on,
                letter.reply_amount,
                letter.followup_id,
            )
            for letter, number, code, name in found
        ]


def letter_row(ctx: ServiceContext, letter_id: int) -> LetterRow:
    """One letter and where it stands."""
    ctx.require(Action.CONFIRMATION_LETTERS)
    with ctx.read() as s:
        letter = _letter(ctx, s, letter_id)
        case_id = letter.case_id
    return next(r for r in list_letters(ctx, case_id) if r.id == letter_id)


def record_letter_sent(
    ctx: ServiceContext, letter_id: int, sent_on: date | None = None, via: str = "post"
) -> Changes:
    """Record that a letter went out (the day and how: post, courier, e-mail …)."""
    ctx.require(Action.CONFIRMATION_LETTERS)
    day = optional_date(sent_on, "sent_on", ctx.today()) or ctx.today()
    how = optional_text(via, "sent_via", 64) or "post"
    with ctx.transaction() as s:
        letter = _letter(ctx, s, letter_id)
        if day < letter.as_of:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "Errors", "A letter as of {as_of} cannot have been sent on {day}."
                ),
                field="sent_on",
                as_of=letter.as_of.isoformat(),
                day=day.isoformat(),
            )
        letter.sent_on, letter.sent_via = day, how
        return Changes.of(Kind.DOCUMENTS, ids={letter.document_id})


def record_letter_reply(
    ctx: ServiceContext,
    letter_id: int,
    customer_balance: Decimal | str | None = None,
    replied_on: date | None = None,
    note: str = "",
) -> Changes:
    """Record the customer's reply: ``customer_balance`` None (or equal to the letter's total)
    confirms; another figure differs, and opens a follow-up on the customer naming both."""
    ctx.require(Action.CONFIRMATION_LETTERS)
    day = optional_date(replied_on, "reply_on", ctx.today()) or ctx.today()
    clean_note = optional_text(note, "reply_note", 2000)
    stated = None if customer_balance is None else money(customer_balance, "reply_amount")
    with ctx.transaction() as s:
        letter = _letter(ctx, s, letter_id)
        if letter.sent_on is None or day < letter.sent_on:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "Record when letter {id} was sent before its reply (the reply cannot "
                    "come first).",
                ),
                field="reply_on",
                id=letter_id,
            )
        differs = stated is not None and stated != letter.total
        letter.reply = "differs" if differs else "confirmed"
        letter.reply_on = day
        letter.reply_amount = stated if stated is not None else letter.total
        letter.reply_note = clean_note
        changes = Changes.of(Kind.DOCUMENTS, ids={letter.document_id})
        if differs and letter.followup_id is None:
            assert stated is not None
            doc_number = s.scalar(
                select(IssuedDocument.number).where(IssuedDocument.id == letter.document_id)
            )
            case = s.get(DepartureCase, letter.case_id)
            assert case is not None
            follow = FollowUp(
                customer_id=letter.customer_id,
                employee_id=None,
                followed_on=day,
                channel="other",
                content=(
                    f"对账函 {doc_number} 回函不符：我方余额 {letter.total}，客户确认 {stated}，"
                    f"差额 {letter.total - stated}。 Confirmation {doc_number} differs: ours "
                    f"{letter.total}, the customer's {stated}."
                    + (f" {clean_note}" if clean_note else "")
                ),
                next_step=f"核对差异（离职案件 {case.number}） Reconcile the difference",
            )
            s.add(follow)
            s.flush()
            letter.followup_id = follow.id
            audit.record(
                s,
                "confirmation.differs",
                "confirmation_letter",
                letter.id,
                {"ours": str(letter.total), "theirs": str(stated), "followup": follow.id},
            )
            changes = Changes.of(Kind.DOCUMENTS, Kind.FOLLOWUPS, ids={letter.document_id})
        return changes
