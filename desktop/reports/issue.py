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

from desktop.models.documents import DocumentKind
from desktop.reports import handover_form, other_documents
from desktop.services import alerts, documents
from desktop.services.context import ServiceContext
from desktop.services.documents import IssuedFile, PreparedDocument

Progress = Callable[[int, int, str], None]
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


#: Case documents by kind, for the documents tab and the CLI.
CASE_DOCUMENTS: dict[str, Callable[..., IssuedFile]] = {
    K.HANDOVER.value: issue_handover_form,
    K.RISK.value: issue_risk_assessment,
    K.TRACKING.value: issue_tracking_table,
    K.POST_DEPARTURE.value: issue_post_departure,
}
