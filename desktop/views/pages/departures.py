"""Departures: the list of cases, and the case screen in the same place (list ↔ case).

An HR clerk works one case at a time for a while and comes back to the list: the case screen
replaces the list inside the page (Back, or Alt+Left, returns to it with the selection kept),
so the navigation and the status bar stay where they are.
"""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import format_date
from desktop.services import departures
from desktop.services.changes import Kind
from desktop.services.context import Changes, ServiceContext
from desktop.services.departures import CaseDetail, CaseRow
from desktop.services.permissions import Action, can
from desktop.views.case import CaseDialog, CaseScreen
from desktop.views.case.dialogs import CASE_SETTINGS, read_settings
from desktop.views.documents import DocumentsTab
from desktop.views.labels import CASE_STATES, case_state_label, case_type_label
from desktop.views.pages.base import Page
from desktop.views.pages.listing import ListPage
from desktop.views.qtext import fill
from desktop.views.tablemodels import Column
from desktop.views.widgets.commissions import SettlementPreview
from desktop.views.widgets.rows import MUTED_FG, OVERDUE_FG
from desktop.views.workers import TaskRunner

OPEN_STATES = departures.OPEN_VALUES


def progress_of(row: CaseRow) -> int | None:
    """Percent of the case's items no longer open (None before the items exist)."""
    if not row.total_items:
        return None
    return round(100 * (row.total_items - row.open_items) / row.total_items)


class CaseSummary(QWidget):
    """The selected case at a glance, beside the list."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar()
        self.progress.setFormat(self.tr("%p% of the items done"))
        self.open_button = QPushButton(self.tr("Open case"))
        self.open_button.setToolTip(self.tr("Open the case screen (Enter or double-click)"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.progress)
        layout.addWidget(self.open_button)
        layout.addStretch()

    def show_row(self, row: CaseRow | None, today: date) -> None:
        self.open_button.setEnabled(row is not None)
        if row is None:
            self.text.clear()
            self.progress.hide()
            return
        days = (row.last_day - today).days
        rows = [
            (self.tr("Employee"), escape(f"{row.employee_name} ({row.employee_no})")),
            (self.tr("Branch"), escape(row.branch_name or "—")),
            (self.tr("Position"), escape(row.position_name or "—")),
            (self.tr("Manager"), escape(row.manager_name or "—")),
            (self.tr("Type"), case_type_label(row.case_type)),
            (self.tr("State"), case_state_label(row.state)),
            (self.tr("Submitted"), format_date(row.submitted_on)),
            (self.tr("Notice"), format_date(row.notice_on) or "—"),
            (
                self.tr("Last working day"),
                fill(self.tr("%1 (%2 days)"), format_date(row.last_day), f"{days:+d}"),
            ),
            (self.tr("Approved"), format_date(row.approved_on) or "—"),
            (self.tr("Customers"), str(row.customers)),
            (self.tr("Open items"), str(row.open_items)),
            (self.tr("Overdue deadlines"), str(row.overdue_deadlines)),
        ]
        self.text.setText(
            f"<h3>{escape(row.number)}</h3><table cellspacing='4'>"
            + "".join(f"<tr><td style='color:#555'>{k}</td><td>{v}</td></tr>" for k, v in rows)
            + "</table>"
        )
        percent = progress_of(row)
        self.progress.setVisible(percent is not None)
        self.progress.setValue(percent or 0)


class CaseList(ListPage):
    """The cases, most recent first; search by case number or employee."""

    action = Action.DEPARTURES_VIEW
    stretch_column = 1
    open_requested = Signal(int)
    started = Signal(int)

    def title(self) -> str:
        return self.tr("Departures")

    def placeholder(self) -> str:
        return self.tr("Search case number, employee name or number…")

    def today(self) -> date:
        return self.ctx.today() if self.ctx is not None else date.today()

    def columns(self) -> list[Column]:
        return [
            Column(self.tr("Case"), lambda r: r.number),
            Column(self.tr("Employee"), lambda r: f"{r.employee_name} ({r.employee_no})"),
            Column(self.tr("Type"), lambda r: case_type_label(r.case_type)),
            Column(self.tr("State"), lambda r: case_state_label(r.state)),
            Column(self.tr("Last working day"), lambda r: format_date(r.last_day)),
            Column(
                self.tr("Days left"),
                lambda r: f"{(r.last_day - self.today()).days:+d}",
                align_right=True,
                tooltip=lambda r: self.tr(
                    "Days to the last working day (negative: it has passed)."
                ),
            ),
            Column(
                self.tr("Progress"),
                lambda r: "—" if progress_of(r) is None else f"{progress_of(r)}%",
                align_right=True,
            ),
            Column(self.tr("Customers"), lambda r: r.customers or "", align_right=True),
            Column(
                self.tr("Overdue deadlines"),
                lambda r: r.overdue_deadlines or "",
                align_right=True,
            ),
        ]

    def style_cell(self, row: CaseRow, column: int, role: Qt.ItemDataRole) -> Any:
        if role != Qt.ItemDataRole.ForegroundRole:
            return None
        if row.state not in OPEN_STATES:
            return MUTED_FG
        if column == 5 and row.last_day < self.today():
            return OVERDUE_FG
        if column == 8 and row.overdue_deadlines:
            return OVERDUE_FG
        return None

    def build_filters(self, bar: QHBoxLayout) -> None:
        self.state_filter = QComboBox()
        self.state_filter.addItem(self.tr("Open cases"), {"open_only": True})
        self.state_filter.addItem(self.tr("All cases"), {})
        for state in (*CASE_STATES, "withdrawn", "cancelled"):
            self.state_filter.addItem(case_state_label(state), {"state": state})
        self.state_filter.currentIndexChanged.connect(self.filters_changed)
        bar.addWidget(QLabel(self.tr("Show")))
        bar.addWidget(self.state_filter)
        bar.addStretch()
        self.panel.model.styler = self.style_cell

    def filters(self) -> dict[str, Any]:
        return dict(self.state_filter.currentData() or {})

    def filters_changed(self, *args: Any) -> None:
        super().filters_changed(*args)
        if self.ctx is not None:
            self.panel.resize_columns(self.stretch_column)

    def fetch(
        self, offset: int, limit: int, search: str, sort: str | None, desc: bool
    ) -> list[CaseRow]:
        assert self.ctx is not None
        return departures.list_cases(self.ctx, offset, limit, search, self.filters() or None)

    def count(self, search: str) -> int:
        assert self.ctx is not None
        return departures.count_cases(self.ctx, search, self.filters() or None)

    def build_actions(self, bar: QHBoxLayout) -> None:
        self.new_button = QPushButton(self.tr("New case…"))
        self.new_button.setToolTip(self.tr("Open a departure case (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_case)
        self.open_button = QPushButton(self.tr("Open case"))
        self.open_button.clicked.connect(self.open_selected)
        bar.addWidget(self.new_button)
        bar.addWidget(self.open_button)
        QShortcut(QKeySequence.StandardKey.New, self, activated=self.new_case)
        for key in ("Return", "Enter"):
            shortcut = QShortcut(QKeySequence(key), self.panel.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.open_selected)

    def build_detail(self) -> QWidget:
        self.summary = CaseSummary()
        self.summary.setMaximumWidth(380)
        self.summary.open_button.clicked.connect(self.open_selected)
        return self.summary

    def update_actions(self, row: CaseRow | None) -> None:
        role = self.ctx.actor.role if self.ctx else None
        self.new_button.setEnabled(role is not None and can(role, Action.DEPARTURES_EDIT))
        self.open_button.setEnabled(row is not None)

    def show_detail(self, row: CaseRow | None) -> None:
        self.summary.show_row(row, self.today())

    def open_selected(self) -> None:
        row = self.panel.selected()
        if row is not None:
            self.open_requested.emit(row.id)

    def new_case(self) -> None:
        if self.ctx is None or not can(self.ctx.actor.role, Action.DEPARTURES_EDIT):
            return
        self.run(read_settings, self.ctx, CASE_SETTINGS, on_done=self._open_new_case)

    def _open_new_case(self, settings: dict[str, Any]) -> None:
        """Open the form once the worker read the notice periods it starts from."""
        assert self.ctx is not None
        self.dialog = CaseDialog(self.ctx, self.runner, self, settings=settings)
        self.dialog.finished_with.connect(self._started)
        self.dialog.open()

    def _started(self, changes: Changes) -> None:
        self.emit_changes(changes)
        self.refresh()
        if changes.ids:
            self.started.emit(next(iter(changes.ids)))


class DeparturesPage(Page):
    """The list of cases, or one case."""

    action = Action.DEPARTURES_VIEW
    watches = frozenset(
        {
            Kind.CONTRACTS,
            Kind.BUSINESS_SETTINGS,
            Kind.CHECKLIST_TEMPLATES,
            Kind.POOL,
            Kind.DEPARTURES,
            Kind.HANDOVER,
            Kind.EMPLOYEES,
            Kind.CUSTOMERS,
            Kind.OWNERSHIP,
            Kind.CLAUSES,
            Kind.RECEIVABLES,
        }
    )

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.list = CaseList(runner)
        self.screen = CaseScreen(runner)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list)
        self.stack.addWidget(self.screen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.list.changed.connect(self.changed)
        self.list.open_requested.connect(self.open_case)
        self.list.started.connect(self.open_case)
        self.screen.changed.connect(self.changed)
        self.screen.back.connect(self.show_list)
        self.settlement = SettlementPreview(runner=runner)
        self.settlement_index = self.screen.add_tab(self.settlement, self.tr("Commission"))
        self.documents = DocumentsTab(None, None, runner)
        self.screen.set_documents_tab(self.documents, self.tr("Documents"))
        self.documents.changed.connect(self.screen.after_change)
        self.screen.case_loaded.connect(self._case_loaded)

    def title(self) -> str:
        return self.tr("Departures")

    def load(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.list.load(ctx)
        if self.showing_case() and self.screen.case_id is not None:
            self.screen.open_case(ctx, self.screen.case_id)

    def refresh(self) -> None:
        if self.ctx is None:
            return
        if self.showing_case():
            self.screen.reload()
        else:
            self.list.refresh()

    def _case_loaded(self, detail: CaseDetail | None) -> None:
        """Keep the documents and the commission settlement on the case shown."""
        if detail is None or self.ctx is None:
            self.documents.clear()
            self.settlement.set_case(None, None)
            return
        case_id = detail.case.id
        if self.documents.case_id != case_id or self.documents.ctx is not self.ctx:
            self.documents.set_case(self.ctx, case_id)
        else:
            self.documents.refresh()
        visible = can(self.ctx.actor.role, Action.COMMISSION_SETTLEMENT_VIEW)
        self.screen.tabs.setTabVisible(self.settlement_index, visible)
        if visible:
            self.settlement.set_case(self.ctx, case_id)

    def showing_case(self) -> bool:
        return self.stack.currentWidget() is self.screen

    def open_case(self, case_id: int) -> None:
        if self.ctx is None:
            return
        self.stack.setCurrentWidget(self.screen)
        self.screen.open_case(self.ctx, case_id)
        self.screen.tabs.setFocus()

    def show_list(self) -> None:
        self.stack.setCurrentWidget(self.list)
        if self.ctx is not None:
            self.list.refresh()
        self.list.panel.table.setFocus()

    def clear(self) -> None:
        super().clear()
        self.list.clear()
        self.screen.forget_context()
        self.stack.setCurrentWidget(self.list)
