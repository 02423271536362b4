"""Issuing documents: read the content through the services, render it, record the issue.

Each function returns the :class:`~desktop.services.documents.IssuedFile` — the stored record
and the PDF bytes. Rendering happens between two units of work (never inside one: it takes
seconds for a large form, and a unit of work holds the database's write lock). ``progress``
(done, total, label) lets the GUI show the three steps (read, render, record) and cancel
between them; the labels are empty, so the dialog keeps its own translated title.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from desktop.errors import QT_TRANSLATE_NOOP, ValidationError
from desktop.models.documents import DocumentKind
from desktop.reports import (
    certificate,
    commission_statement,
    confirmation_letter,
    handover_form,
    other_documents,
)
from desktop.reports.template import RenderedPdf
from desktop.services import alerts, commissions, documents, print_guard
from desktop.services.context import ServiceContext
from desktop.services.documents import IssuedFile, PreparedDocument

Progress = Callable[[int, int, str], None]
MSG_SETTLEMENT_NOT_FINAL = QT_TRANSLATE_NOOP(
    "Errors",
    "The settlement of case {case} is not final: {months} not computed yet. Compute the "
    "month(s) first, or issue it as a draft.",
)
K = DocumentKind


def _issue(
    ctx: ServiceContext,
    prepare: Callable[[], PreparedDocument],
    render: Callable[[PreparedDocument], Any],
    progress: Progress | None,
) -> IssuedFile:
    """Read (``prepare``), render, record — reporting each step to ``progress``."""
    if progress:
        progress(0, 3, "")
    prepared = prepare()
    # A customer list printed is a customer list exported (the window, the notice period).
    print_guard.check_print(ctx, prepared.stamp.kind, prepared.rows)
    if progress:
        progress(1, 3, "")
    rendered = render(prepared)
    if progress:
        progress(2, 3, "")
    info = documents.record_issue(ctx, prepared, rendered.data, rendered.pages)
    # A print of customer rows counts toward the bulk-export rule (its own unit of work).
    alerts.on_export(ctx)
    if progress:
        progress(3, 3, "")
    return IssuedFile(info, rendered.data)


def issue_handover_form(
    ctx: ServiceContext, case_id: int, language: str = "zh", progress: Progress | None = None
) -> IssuedFile:
    """The handover form (离职交接单) of a case — from its frozen snapshot once signed."""
    title = handover_form.title_of(language)
    return _issue(
        ctx,
        lambda: documents.prepare_handover(ctx, case_id, language, title),
        handover_form.handover_form_pdf,
        progress,
    )


def issue_risk_assessment(
    ctx: ServiceContext, case_id: int, language: str = "zh", progress: Progress | None = None
) -> IssuedFile:
    return _issue(
        ctx,
        lambda: other_documents.prepare_risk(ctx, case_id, language),
        other_documents.risk_pdf,
        progress,
    )


def issue_tracking_table(
    ctx: ServiceContext, case_id: int, language: str = "zh", progress: Progress | None = None
) -> IssuedFile:
    return _issue(
        ctx,
        lambda: other_documents.prepare_tracking(ctx, case_id, language),
        other_documents.tracking_pdf,
        progress,
    )


def issue_post_departure(
    ctx: ServiceContext, case_id: int, language: str = "zh", progress: Progress | None = None
) -> IssuedFile:
    return _issue(
        ctx,
        lambda: other_documents.prepare_post_departure(ctx, case_id, language),
        other_documents.post_departure_pdf,
        progress,
    )


def issue_aging(
    ctx: ServiceContext,
    language: str = "zh",
    as_of: date | None = None,
    progress: Progress | None = None,
) -> IssuedFile:
    """Receivables aging by salesperson (the firm, within the actor's scope)."""
    return _issue(
        ctx,
        lambda: other_documents.prepare_aging(ctx, language, as_of),
        other_documents.aging_pdf,
        progress,
    )


def issue_statement(
    ctx: ServiceContext,
    employee_id: int,
    month: str,
    fmt: str = "pdf",
    translate: commission_statement.Translate | None = None,
    progress: Progress | None = None,
) -> IssuedFile:
    """An employee's commission statement for a month (``fmt`` "pdf" or "xlsx"), recorded as an
    issued document so ``verify-document`` knows the file handed to the employee."""
    if fmt not in ("pdf", "xlsx"):
        raise ValueError(f"a statement is a pdf or an xlsx, not {fmt}")

    def prepare() -> PreparedDocument:
        data = commissions.issue_statement(ctx, employee_id, month)
        title = (
            f"Statement {data.number} ({data.employee_name}, {data.month}, payable {data.payable})"
        )
        return documents.prepare(
            ctx,
            K.STATEMENT.value,
            "zh",
            title,
            data,
            company=data.company,
            rows=len(data.lines),
        )

    def render(prepared: PreparedDocument) -> RenderedPdf:
        if fmt == "xlsx":
            data = commission_statement.statement_xlsx(
                prepared.content, translate, stamp=prepared.stamp
            )
            return RenderedPdf(data, 1)
        return commission_statement.render_statement(
            prepared.content, translate, stamp=prepared.stamp
        )

    return _issue(ctx, prepare, render, progress)


def issue_settlement(
    ctx: ServiceContext,
    case_id: int,
    as_of: date | None = None,
    translate: commission_statement.Translate | None = None,
    progress: Progress | None = None,
    draft: bool = False,
) -> IssuedFile:
    """A departing employee's final commission settlement, recorded as an issued document.
    While a month of the window is not computed it is refused, naming the months — unless
    ``draft``: then every page says it is a draft and which months are missing."""

    def prepare() -> PreparedDocument:
        data = commissions.settlement(ctx, case_id, as_of)
        if data.uncomputed and not draft:
            raise ValidationError(
                MSG_SETTLEMENT_NOT_FINAL,
                case=data.case_number,
                months=", ".join(data.uncomputed),
            )
        return documents.prepare(
            ctx,
            K.SETTLEMENT.value,
            "zh",
            f"Settlement {data.case_number} ({data.employee_name}): earned "
            f"{data.totals['earned']}, withheld {data.totals['withheld']}, forfeited "
            f"{data.totals['forfeited']}, clawed back {data.totals['clawed_back']}",
            data,
            case_id=case_id,
            case_number=data.case_number,
            company=data.company,
            rows=len(data.items),
        )

    def render(prepared: PreparedDocument) -> RenderedPdf:
        return commission_statement.render_settlement(
            prepared.content, translate, prepared.stamp.created_at, stamp=prepared.stamp
        )

    return _issue(ctx, prepare, render, progress)


def issue_certificate(
    ctx: ServiceContext,
    case_id: int,
    language: str = "zh",
    progress: Progress | None = None,
    with_reason: bool = False,
) -> IssuedFile:
    """The termination certificate (离职证明) of a case; issuing it records the duty done.
    The ground of termination is printed only if the employee asked (``with_reason``)."""
    return _issue(
        ctx,
        lambda: certificate.prepare_certificate(ctx, case_id, language, with_reason),
        certificate.certificate_pdf,
        progress,
    )


def issue_confirmations(
    ctx: ServiceContext, case_id: int, language: str = "zh", progress: Progress | None = None
) -> list[IssuedFile]:
    """The balance-confirmation letters (对账函) of a case: one per customer with an open
    balance among the leaver's receivables, each recorded (with its tracking row) on its own."""
    if progress:
        progress(0, 1, "")
    prepared = confirmation_letter.prepare_letters(ctx, case_id, language)
    out = []
    for n, letter in enumerate(prepared, start=1):
        rendered = confirmation_letter.letter_pdf(letter)
        info = documents.record_issue(ctx, letter, rendered.data, rendered.pages)
        out.append(IssuedFile(info, rendered.data))
        if progress:
            progress(n, len(prepared), "")
    return out


#: Case documents by kind, for the documents tab and the CLI.
CASE_DOCUMENTS: dict[str, Callable[..., IssuedFile]] = {
    K.HANDOVER.value: issue_handover_form,
    K.RISK.value: issue_risk_assessment,
    K.TRACKING.value: issue_tracking_table,
    K.POST_DEPARTURE.value: issue_post_departure,
    K.CERTIFICATE.value: issue_certificate,
}
