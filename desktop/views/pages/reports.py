"""Reports: every document Baton issued that the user may read, the firm-wide aging report, and
checking a PDF someone hands over ("was this issued here, unchanged?").

Case documents are generated in the case's Documents tab; here they are found again, previewed,
printed or saved. Generation and reading run off the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import format_datetime
from desktop.reports import issue
from desktop.services import documents
from desktop.services.changes import Kind
from desktop.services.context import Changes, ServiceContext
from desktop.services.documents import DocumentInfo, IssuedFile, VerifyResult
from desktop.services.permissions import Action
from desktop.views.documents import (
    DocumentDialog,
    PreviewPane,
    ask_save,
    choose_pdf_to_verify,
    document_table,
    kind_label,
    language_label,
    print_issued,
    save_issued,
    show_verification,
    side_by_side,
    verify_pdf,
)
from desktop.views.errors import show_error
from desktop.views.pages.base import Page
from desktop.views.qtext import fill
from desktop.views.widgets.style import set_style_role
from desktop.views.workers import TaskRunner, run_with_progress


class ReportsPage(Page):
    action = Action.REPORTS_VIEW
    watches = frozenset({Kind.DOCUMENTS, Kind.DEPARTURES})

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.rows: list[DocumentInfo] = []
        self.current: IssuedFile | None = None
        self.last_verification: VerifyResult | None = None
        self._request = 0
        #: True while the list of documents is being read.
        self.loading = False

        self.language = QComboBox()
        self.language.addItem(self.tr("Chinese (中文)"), "zh")
        self.language.addItem(self.tr("English"), "en")
        self.aging_button = QPushButton(self.tr("Generate receivables aging by salesperson"))
        self.aging_button.clicked.connect(self.generate_aging)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("All documents"), None)
        for kind in ("handover", "risk", "tracking", "post_departure", "aging"):
            self.kind.addItem(kind_label(kind), kind)
        self.kind.currentIndexChanged.connect(self.refresh)
        self.verify_button = QPushButton(self.tr("Verify a file…"))
        self.verify_button.setToolTip(
            self.tr("Check that a PDF was issued by Baton and has not been changed since")
        )
        self.verify_button.clicked.connect(self.choose_verify)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Language")))
        top.addWidget(self.language)
        top.addWidget(self.aging_button)
        top.addSpacing(16)
        top.addWidget(QLabel(self.tr("Show")))
        top.addWidget(self.kind)
        top.addStretch()
        top.addWidget(self.verify_button)

        self.table = document_table(
            [
                self.tr("Document"),
                self.tr("Kind"),
                self.tr("Case"),
                self.tr("Language"),
                self.tr("Issued"),
                self.tr("By"),
                self.tr("Pages"),
            ]
        )
        self.table.itemSelectionChanged.connect(self._selected)
        self.table.doubleClicked.connect(lambda *_: self.open_dialog())
        self.empty = QLabel(
            self.tr(
                "No documents yet. Handover forms and other case documents are generated in a "
                "departure case's Documents tab."
            )
        )
        self.empty.setWordWrap(True)
        set_style_role(self.empty, "role", "hint")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.empty)

        right = PreviewPane(self.print_current, self.choose_save, self.open_dialog)
        self.preview = right.preview
        self.preview_title = right.title
        self.print_button = right.print_button
        self.save_button = right.save_button
        self.open_button = right.open_button
        splitter = side_by_side(left, right)
        self.message = QLabel()
        self.message.setWordWrap(True)
        set_style_role(self.message, "role", "hint")
        heading_text = self.tr("Reports and issued documents")
        heading = QLabel(f"<h2 style='margin:0'>{heading_text}</h2>")
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self, activated=self.print_current)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, activated=self.choose_save)
        self._update_buttons()

    def title(self) -> str:
        return self.tr("Reports")

    # -- reading -------------------------------------------------------------------

    def load(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self._update_buttons()
        self.refresh()

    def refresh(self) -> None:
        if self.ctx is None:
            return
        self.loading = True
        self._request += 1
        request = self._request
        self.runner.start(
            documents.list_documents,
            self.ctx,
            None,
            self.kind.currentData(),
            on_done=lambda rows: self._show_rows(request, rows),
            on_error=lambda exc: show_error(self, exc),
        )

    def _show_rows(self, request: int, rows: list[DocumentInfo]) -> None:
        if request != self._request or self.ctx is None:
            return
        self.loading = False
        keep = self.current.info.id if self.current else None
        self.rows = rows
        self.table.blockSignals(True)
        self.table.setRowCount(len(rows))
        for r, d in enumerate(rows):
            values = [
                d.number,
                kind_label(d.kind),
                d.case_number or "—",
                language_label(d.language),
                format_datetime(d.created_at),
                d.created_by,
                str(d.pages),
            ]
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if c == 6:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(r, c, item)
            if d.id == keep:
                self.table.selectRow(r)
        self.table.blockSignals(False)
        self.empty.setVisible(not rows)
        self._update_buttons()

    def _selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or self.ctx is None:
            return
        info = self.rows[rows[0].row()]
        if self.current is not None and self.current.info.id == info.id:
            return
        self.runner.start(
            documents.read_document,
            self.ctx,
            info.id,
            on_done=self.show_document,
            on_error=lambda exc: show_error(self, exc),
        )

    def show_document(self, issued: IssuedFile) -> None:
        if self.ctx is None:
            return
        self.current = issued
        info = issued.info
        self.preview_title.setText(
            fill(
                self.tr("%1 %2 (%3), SHA-256 %4"),
                kind_label(info.kind),
                info.number,
                language_label(info.language),
                info.pdf_sha256[:16] + "…",
            )
        )
        self.preview.set_pdf(issued.data)
        self._update_buttons()

    def clear(self) -> None:
        super().clear()
        self._request += 1
        self.loading = False
        self.rows = []
        self.current = None
        self.last_verification = None
        self.table.setRowCount(0)
        self.preview.clear()
        self.preview_title.clear()
        self.message.clear()
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.aging_button.setEnabled(
            self.ctx is not None and documents.may_issue(self.ctx.actor.role, "aging")
        )
        self.verify_button.setEnabled(self.ctx is not None)
        has = self.current is not None
        for button in (self.open_button, self.print_button, self.save_button):
            button.setEnabled(has)

    # -- actions -------------------------------------------------------------------

    def generate_aging(self) -> None:
        if self.ctx is None or not self.aging_button.isEnabled():
            return
        run_with_progress(
            self,
            self.runner,
            fill(self.tr("Generating: %1"), kind_label("aging")),
            issue.issue_aging,
            self.ctx,
            self.language.currentData(),
            on_done=self._issued,
        )

    def _issued(self, issued: IssuedFile) -> None:
        self.show_document(issued)
        self.message.setText(
            fill(self.tr("Issued %1: %2 page(s)."), issued.info.number, issued.info.pages)
        )
        self.emit_changes(Changes.of(Kind.DOCUMENTS, ids=frozenset({issued.info.id})))
        self.refresh()

    def open_dialog(self) -> None:
        if self.current is not None and self.ctx is not None:
            DocumentDialog(self.ctx, self.runner, self.current, self).open()

    def print_current(self) -> None:
        if self.current is not None and self.ctx is not None:
            print_issued(self, self.ctx, self.runner, self.current)

    def choose_save(self) -> None:
        if self.current is None or self.ctx is None:
            return
        path = ask_save(self, self.current)
        if path is not None:
            save_issued(
                self,
                self.ctx,
                self.runner,
                self.current,
                path,
                lambda saved: self.message.setText(fill(self.tr("Saved to %1."), saved)),
            )

    def choose_verify(self) -> None:
        path = choose_pdf_to_verify(self)
        if path is not None and self.ctx is not None:
            verify_pdf(self, self.ctx, self.runner, path, self._verified)

    def _verified(self, result: VerifyResult) -> None:
        self.last_verification = result
        self.message.setText(show_verification(self, result))
