"""The audit log, newest first, with search and chain verification."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import format_datetime
from desktop.services import audit, maintenance, terms
from desktop.services.audit import AuditRow
from desktop.services.changes import Kind
from desktop.services.permissions import Action
from desktop.views.errors import show_error
from desktop.views.pages.base import Page
from desktop.views.qtext import fill
from desktop.views.tablemodels import Column, PagedTableModel
from desktop.views.widgets.style import set_style_role
from desktop.views.workers import TaskRunner


def audit_actor(row: AuditRow) -> str:
    """The person who acted, by name (the system's own acts named as such)."""
    return QCoreApplication.translate(terms.AUDIT, row.actor_name) if row.actor_name else row.actor


def audit_action(row: AuditRow) -> str:
    return QCoreApplication.translate(terms.AUDIT, row.action_label or row.action)


def audit_record(row: AuditRow) -> str:
    kind = QCoreApplication.translate(terms.AUDIT, row.entity_label or row.entity)
    name = row.record_name or row.entity_id
    if row.entity == "alert_rule":
        name = QCoreApplication.translate(terms.ALERTS, name)
    return f"{kind} {name}".strip()


class AuditPage(Page):
    action = Action.AUDIT_VIEW
    watches = frozenset(
        {Kind.ALL, Kind.USERS, Kind.KEYS, Kind.BACKUP, Kind.COMPANY, Kind.EXPORT_REQUESTS}
    )

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.model = PagedTableModel(
            [
                Column(self.tr("No."), lambda r: r.seq, align_right=True),
                Column(self.tr("Time"), lambda r: format_datetime(r.at)),
                Column(self.tr("User"), audit_actor),
                Column(self.tr("Action"), audit_action),
                Column(self.tr("Record"), audit_record),
            ],
            self._fetch,
            self._count,
            page_size=200,
            parent=self,
            runner=runner,
        )
        self.model.failed.connect(lambda exc: show_error(self, exc))
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search user, action or record…"))
        self.search.setClearButtonEnabled(True)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(lambda: self.model.set_search(self.search.text()))
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.verify_button = QPushButton(self.tr("Verify audit chain"))
        self.verify_button.clicked.connect(self.verify)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        #: Its first line in words; below it the event as the chain stores it (codes, JSON).
        self.detail.setObjectName("raw_record")
        self.table.selectionModel().selectionChanged.connect(self._show_detail)
        top = QHBoxLayout()
        top.addWidget(self.search)
        top.addWidget(self.verify_button)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.result)
        layout.addWidget(splitter, 1)  # the list takes the height; the verdict line only its own

    def title(self) -> str:
        return self.tr("Audit")

    def _fetch(
        self, offset: int, limit: int, search: str, sort: str | None, desc: bool
    ) -> list[AuditRow]:
        if self.ctx is None:
            return []
        return audit.list_events(self.ctx, offset, limit, search)

    def _count(self, search: str) -> int:
        return audit.count_events(self.ctx, search) if self.ctx is not None else 0

    def refresh(self) -> None:
        if self.ctx is not None:
            self.model.reload()

    def clear(self) -> None:
        super().clear()
        self._debounce.stop()
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.model.search = ""
        self.model.clear()
        self.detail.clear()
        self.result.clear()

    def _show_detail(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        row = self.model.row_object(rows[0].row()) if rows else None
        if row is None:
            self.detail.clear()
            return
        parts = [
            f"#{row.seq} {format_datetime(row.at)} {audit_actor(row)} {audit_action(row)} "
            f"{audit_record(row)}",
            # What the chain holds, as stored (the search finds these codes too).
            self.tr("As stored:") + f" {row.actor} · {row.action} · {row.entity} {row.entity_id}",
        ]
        if row.before:
            parts += [self.tr("Before:"), row.before]
        if row.after:
            parts += [self.tr("After:"), row.after]
        self.detail.setPlainText("\n".join(parts))

    def verify(self) -> None:
        if self.ctx is None:
            return
        self.run(maintenance.verify_audit, self.ctx, on_done=self._verified)

    def _verified(self, report: Any) -> None:
        if report.ok:
            set_style_role(self.result, "role", "success")
            self.result.setText(
                self.tr("The audit chain is intact (%n event(s)).", "", report.events)
            )
        else:
            set_style_role(self.result, "role", "error")
            self.result.setText(
                fill(
                    self.tr("The audit chain is broken at event %1: it was altered or removed."),
                    report.first_broken,
                )
            )
