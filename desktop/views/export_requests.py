"""Export requests in the window: an export over the window limit is not a dead end.

Why: above the rows a person may export in the window (business settings), the services
refuse the export and accept a *request* that two other people approve
(:mod:`desktop.services.export_approvals`). In the window the refusal therefore offers, in
order: the requester's approved request for exactly this list (used once, within 24 hours);
the word that their request for it is still waiting; or a dialog to file one with a reason.
Approvers see the requests on the Alerts page (:class:`ExportRequestsPanel`) with Approve and
Reject (with a reason). Every call runs on the database worker.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import QT_TRANSLATE_NOOP
from desktop.i18n import format_datetime
from desktop.services import export_approvals, exports
from desktop.services.changes import Kind
from desktop.services.context import Changes, ServiceContext
from desktop.services.export_approvals import ExportRequestInfo
from desktop.views.errors import show_error, translate_error
from desktop.views.qtext import fill
from desktop.views.widgets.forms import ask_first
from desktop.views.widgets.rows import MUTED_FG, Column, RowsModel
from desktop.views.widgets.task_dialog import TaskDialog
from desktop.views.workers import TaskRunner, run_with_progress

_T = "ExportRequests"

STATUS_LABELS = {
    "pending": QT_TRANSLATE_NOOP(_T, "Waiting for the first approval"),
    "first_approved": QT_TRANSLATE_NOOP(_T, "Waiting for the second approval"),
    "approved": QT_TRANSLATE_NOOP(_T, "Approved: may be exported once within 24 hours"),
    "rejected": QT_TRANSLATE_NOOP(_T, "Rejected"),
    "used": QT_TRANSLATE_NOOP(_T, "Exported"),
    "expired": QT_TRANSLATE_NOOP(_T, "Approved, not used within 24 hours"),
}
LIST_LABELS = {
    "staff": QT_TRANSLATE_NOOP(_T, "Staff"),
    "customers": QT_TRANSLATE_NOOP(_T, "Customers"),
    "orders": QT_TRANSLATE_NOOP(_T, "Orders"),
    "receivables": QT_TRANSLATE_NOOP(_T, "Receivables"),
    "payments": QT_TRANSLATE_NOOP(_T, "Payments"),
    "followups": QT_TRANSLATE_NOOP(_T, "Follow-ups"),
    "aging": QT_TRANSLATE_NOOP(_T, "Receivables aging"),
}


def status_label(status: str) -> str:
    return QCoreApplication.translate(_T, STATUS_LABELS.get(status, status))


def list_label(kind: str) -> str:
    return QCoreApplication.translate(_T, LIST_LABELS.get(kind, kind))


# --------------------------------------------------------------------------- the requester


class ExportRequestDialog(TaskDialog):
    """File a request for the export just refused: what, its scope and rows are the list as
    shown; the reason is required (the service refuses an empty one under the field)."""

    def __init__(
        self,
        runner: TaskRunner,
        ctx: ServiceContext,
        refusal: str,
        kind: str,
        search: str,
        filters: dict[str, Any] | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, self.tr("Ask for approval to export"), parent)
        self.ctx = ctx
        self.kind = kind
        self.search = search
        self.filters = filters
        self.set_intro(
            refusal
            + "\n\n"
            + self.tr(
                "Send a request: a manager and then an administrator approve it, and you can "
                "export this list once within 24 hours of the second approval."
            )
        )
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(80)
        self.add_row("reason", self.tr("Reason (required)"), self.reason)
        self.ok_button.setText(self.tr("Send the request"))

    def submit(self) -> None:
        self.run(
            exports.request_export,
            self.ctx,
            self.kind,
            self.reason.toPlainText(),
            self.search,
            self.filters,
        )


def export_refused(
    page: Any,
    exc: BaseException,
    kind: str,
    path: Path,
    search: str,
    filters: dict[str, Any] | None,
    on_done: Callable[[Any], None],
) -> None:
    """The error handler of a window export: over the limit, use an approved request for this
    list, say that one is waiting, or offer to file one; any other error is shown."""
    ctx = page.ctx
    if not isinstance(exc, exports.ExportNeedsApproval) or ctx is None:
        show_error(page, exc)
        return
    refusal = translate_error(exc)

    def choose(requests: list[ExportRequestInfo]) -> None:
        if page.ctx is not ctx:
            return
        approved = next((r for r in requests if r.status == export_approvals.APPROVED), None)
        waiting = next((r for r in requests if r.status != export_approvals.APPROVED), None)
        if approved is not None:
            if ask_first(
                page,
                QCoreApplication.translate(_T, "Export"),
                fill(
                    QCoreApplication.translate(
                        _T,
                        "Your request %1 for this list was approved by %2 and %3. Use it now "
                        "for this export? It can be used once.",
                    ),
                    approved.id,
                    approved.first_by or "",
                    approved.second_by or "",
                ),
            ):
                run_with_progress(
                    page,
                    page.runner,
                    QCoreApplication.translate(_T, "Exporting…"),
                    exports.export_list,
                    ctx,
                    kind,
                    path,
                    search=search,
                    filters=filters,
                    approved=approved.id,
                    on_done=on_done,
                )
            return
        if waiting is not None:
            QMessageBox.information(
                page,
                QCoreApplication.translate(_T, "Export"),
                fill(
                    QCoreApplication.translate(
                        _T,
                        "%1\n\nYour request %2 for this list is waiting: %3. Export again once "
                        "it is approved.",
                    ),
                    refusal,
                    waiting.id,
                    status_label(waiting.status),
                ),
            )
            return
        dialog = ExportRequestDialog(page.runner, ctx, refusal, kind, search, filters, page)

        def sent(request_id: int) -> None:
            page.emit_changes(Changes.of(Kind.EXPORT_REQUESTS, ids=frozenset({request_id})))
            QMessageBox.information(
                page,
                QCoreApplication.translate(_T, "Export"),
                fill(
                    QCoreApplication.translate(
                        _T,
                        "Request %1 was sent. When a manager and then an administrator have "
                        "approved it, export the same list again to use it.",
                    ),
                    request_id,
                ),
            )

        dialog.finished_with.connect(sent)
        page.export_request_dialog = dialog
        dialog.open()

    page.run(export_approvals.requests_for_list, ctx, kind, search, filters, on_done=choose)


# --------------------------------------------------------------------------- the approvers


class ExportRequestsPanel(QWidget):
    """The export requests on the Alerts page: an approver gives the next approval or rejects
    with a reason; the requester of a request never can (the buttons follow the service's
    rule, and the service refuses anyway)."""

    #: Emitted with the Changes of an approval or a rejection.
    changed = Signal(object)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.ctx: ServiceContext | None = None
        self._request = 0
        self.heading = QLabel()
        self.model = RowsModel(
            [
                Column(self.tr("Request"), lambda r: r.id),
                Column(
                    self.tr("Asked"),
                    lambda r: format_datetime(r.requested_at),
                    key=lambda r: r.requested_at,
                ),
                Column(self.tr("By"), lambda r: r.requested_by),
                Column(self.tr("List"), lambda r: list_label(r.kind)),
                Column(self.tr("Search"), lambda r: r.search),
                Column(self.tr("Rows"), lambda r: r.rows, align_right=True),
                Column(self.tr("Reason"), lambda r: r.reason),
                Column(self.tr("Status"), lambda r: status_label(r.status)),
                Column(
                    self.tr("Approved by"),
                    lambda r: ", ".join(x for x in (r.first_by, r.second_by) if x),
                ),
                Column(
                    self.tr("Rejected"),
                    lambda r: (
                        fill("%1: %2", r.rejected_by, r.reject_reason or "")
                        if r.rejected_by
                        else ""
                    ),
                ),
            ]
        )
        self.model.colours = lambda r, c: (
            None if r.status in export_approvals.IN_PLAY else (MUTED_FG, None)
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMaximumHeight(200)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Reason (required to reject)"))
        self.approve_button = QPushButton(self.tr("Approve the export"))
        self.reject_button = QPushButton(self.tr("Reject the export"))
        self.approve_button.clicked.connect(self.approve)
        self.reject_button.clicked.connect(self.reject)
        actions = QHBoxLayout()
        actions.addWidget(self.reason, 1)
        actions.addWidget(self.approve_button)
        actions.addWidget(self.reject_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.table)
        layout.addLayout(actions)
        self._selected()

    def load(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self._request += 1
        request = self._request
        self.runner.start(
            export_approvals.list_requests,
            ctx,
            on_done=lambda rows: self._show(request, ctx, rows),
            on_error=lambda exc: show_error(self, exc) if self.ctx is ctx else None,
        )

    def _show(self, request: int, ctx: ServiceContext, rows: list[ExportRequestInfo]) -> None:
        if request != self._request or self.ctx is not ctx:
            return
        current = self.selected()
        self.model.set_rows(rows)
        waiting = sum(
            1
            for r in rows
            if r.status in (export_approvals.PENDING, export_approvals.FIRST_APPROVED)
        )
        self.heading.setText(
            fill(self.tr("<b>Export requests</b> — %1 waiting for an approval"), waiting)
        )
        self.setVisible(bool(rows))
        if current is not None:
            for i, r in enumerate(self.model.rows):
                if r.id == current.id:
                    self.table.selectRow(i)
        self._selected()

    def selected(self) -> ExportRequestInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_object(rows[0].row()) if rows else None

    def select_request(self, request_id: int) -> None:
        for i, r in enumerate(self.model.rows):
            if r.id == request_id:
                self.table.selectRow(i)
                return

    def _selected(self) -> None:
        row = self.selected()
        ctx = self.ctx
        self.approve_button.setEnabled(
            ctx is not None and row is not None and export_approvals.may_decide(ctx, row)
        )
        self.reject_button.setEnabled(
            ctx is not None and row is not None and export_approvals.may_reject(ctx, row)
        )

    def approve(self) -> None:
        row = self.selected()
        if row is None or self.ctx is None:
            return
        self._decide(export_approvals.approve, self.ctx, row.id)

    def reject(self) -> None:
        row = self.selected()
        if row is None or self.ctx is None:
            return
        self._decide(export_approvals.reject, self.ctx, row.id, self.reason.text())

    def _decide(self, fn: Callable[..., Changes], ctx: ServiceContext, *args: Any) -> None:
        def done(changes: Changes) -> None:
            if self.ctx is not ctx:
                return
            self.reason.clear()
            self.changed.emit(changes)
            self.load(ctx)

        self.runner.start(
            fn,
            ctx,
            *args,
            on_done=done,
            on_error=lambda exc: show_error(self, exc) if self.ctx is ctx else None,
        )

    def clear(self) -> None:
        self.ctx = None
        self._request += 1
        self.model.set_rows([])
        self.reason.clear()
        self.heading.clear()
        self._selected()
