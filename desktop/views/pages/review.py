"""The manager's review: cases waiting for approval or completion, with their progress per
section, deadlines and risks; approve (or complete) or send back with a comment."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import format_date, format_money
from desktop.services import departures
from desktop.services.changes import Kind
from desktop.services.departures import TRANSITIONS, CaseDetail, ReviewRow, TransitionRefused
from desktop.services.permissions import Action, can
from desktop.views.case import CommentDialog, deadline_text, failure_html
from desktop.views.errors import show_error
from desktop.views.labels import case_state_label, case_type_label, section_label, transition_label
from desktop.views.pages.base import Page
from desktop.views.qtext import fill
from desktop.views.widgets.rows import OVERDUE_FG, Column, RowsModel
from desktop.views.widgets.style import set_style_role
from desktop.views.widgets.tables import detail_table, fill_table
from desktop.views.workers import TaskRunner, run_with_progress


class ReviewDetail(QWidget):
    """One waiting case: progress bars per section, risks, deadlines, what blocks the step."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sections_box = QGroupBox(self.tr("Progress per section"))
        self.sections = QGridLayout(self.sections_box)
        self.sections.setColumnStretch(1, 1)
        self.risks = QLabel()
        self.risks.setWordWrap(True)
        risks_box = QGroupBox(self.tr("Risks"))
        QVBoxLayout(risks_box).addWidget(self.risks)
        self.deadlines = detail_table([self.tr("Deadline"), self.tr("Due"), self.tr("Status")])
        self.deadlines.setMinimumHeight(150)
        deadlines_box = QGroupBox(self.tr("Deadlines"))
        QVBoxLayout(deadlines_box).addWidget(self.deadlines)
        self.blockers = QLabel()
        self.blockers.setObjectName("blockers")
        self.blockers.setWordWrap(True)
        self.blockers.hide()
        self.decide = QPushButton()
        self.decide.setObjectName("decide")
        self.send_back = QPushButton(self.tr("Send back…"))
        self.open_button = QPushButton(self.tr("Open case"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.decide)
        buttons.addWidget(self.send_back)
        buttons.addStretch()
        buttons.addWidget(self.open_button)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.addWidget(self.heading)
        layout.addLayout(buttons)
        layout.addWidget(self.blockers)
        layout.addWidget(self.sections_box)
        layout.addWidget(risks_box)
        layout.addWidget(deadlines_box)
        layout.addStretch()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.show_row(None)

    def show_row(self, row: ReviewRow | None, today: Any = None) -> None:
        for w in (self.decide, self.send_back, self.open_button):
            w.setEnabled(row is not None)
        while self.sections.count():
            item = self.sections.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.deadlines.setRowCount(0)
        if row is None:
            self.heading.setText(self.tr("No case selected."))
            self.risks.clear()
            self.blockers.hide()
            self.decide.setText(self.tr("Approve"))
            return
        c = row.case
        days = (c.last_day - today).days if today is not None else 0
        self.heading.setText(
            f"<h2 style='margin:0'>{escape(c.number)} · {escape(c.employee_name)}</h2>"
            + fill(
                self.tr("%1 · %2 · %3 · last working day %4 (%5 days) · waiting for: %6"),
                case_type_label(c.case_type),
                escape(c.position_name or "—"),
                escape(c.branch_name or "—"),
                format_date(c.last_day),
                f"{days:+d}",
                transition_label(TRANSITIONS[row.awaiting].label),
            )
        )
        self.decide.setText(transition_label(TRANSITIONS[row.awaiting].label))
        if not row.sections:
            self.sections.addWidget(
                QLabel(self.tr("The handover items are generated when the case is approved.")),
                0,
                0,
                1,
                3,
            )
        for r, section in enumerate(row.sections):
            bar = QProgressBar()
            bar.setRange(0, max(section.total, 1))
            bar.setValue(section.finished)
            bar.setFormat(fill(self.tr("%1 of %2"), section.finished, section.total))
            extra = []
            if section.with_successor is not None:
                extra.append(fill(self.tr("%1 with successor"), section.with_successor))
            if section.required_open:
                extra.append(fill(self.tr("%1 required open"), section.required_open))
            note = QLabel(" · ".join(extra))
            set_style_role(note, "role", "hint")
            self.sections.addWidget(QLabel(section_label(section.key)), r, 0)
            self.sections.addWidget(bar, r, 1)
            self.sections.addWidget(note, r, 2)
        self.risks.setText(
            fill(
                self.tr(
                    "%n customer(s) without successor · %1 overdue receivables of the employee (%2)",
                    "",
                    row.customers_without_successor,
                ),
                row.overdue_receivables,
                format_money(row.overdue_amount),
            )
        )
        if row.failures:
            self.blockers.setText(
                fill(
                    self.tr("<b>%1 is not possible yet (%2):</b>"),
                    escape(transition_label(TRANSITIONS[row.awaiting].label)),
                    len(row.failures),
                )
                + failure_html(row.failures)
            )
            self.blockers.show()
        else:
            self.blockers.hide()

    def show_detail(self, row: ReviewRow, detail: CaseDetail, today: Any) -> None:
        """Add what only the full case knows: deadlines, lock attempts, customers not told."""
        r = detail.risks
        lines = [
            self.tr("%n customer(s) without successor", "", r.customers_without_successor),
            self.tr("%n customer(s) not yet told", "", r.customers_not_informed),
            fill(
                self.tr("%1 open receivables of the employee (%2), %3 overdue (%4)"),
                r.open_receivables,
                format_money(r.outstanding),
                r.overdue_receivables,
                format_money(r.overdue_amount),
            ),
            self.tr("%n refused attempt(s) to book orders under the employee", "", r.lock_attempts),
            self.tr("%n overdue deadline(s)", "", r.overdue_deadlines),
        ]
        if r.non_compete_alert:
            lines.append(
                self.tr(
                    "%n month(s) of non-compete compensation unpaid",
                    "",
                    r.non_compete_unpaid_months,
                )
            )
        flagged = {
            0: r.customers_without_successor,
            2: r.overdue_receivables,
            3: r.lock_attempts,
            4: r.overdue_deadlines,
        }
        self.risks.setText(
            "<br>".join(
                f"<b style='color:#b00020'>{line}</b>" if flagged.get(i) else line
                for i, line in enumerate(lines)
            )
        )
        shown = [d for d in detail.deadlines if d.applies and d.recordable]
        rows = []
        for d in shown:
            if d.done_on is not None:
                status = fill(self.tr("done %1"), format_date(d.done_on))
            elif d.overdue:
                status = self.tr("overdue")
            else:
                status = self.tr("open")
            rows.append(
                (
                    deadline_text(d.title, d.params),
                    format_date(d.due_on) if d.due_on else "—",
                    status,
                )
            )
        fill_table(self.deadlines, rows)
        for i, d in enumerate(shown):
            if d.overdue:
                for c in range(3):
                    self.deadlines.item(i, c).setForeground(OVERDUE_FG)


class ReviewPage(Page):
    """Cases waiting for this manager (an administrator or auditor sees every one)."""

    action = Action.REVIEW_VIEW
    watches = frozenset({Kind.DEPARTURES, Kind.HANDOVER, Kind.CUSTOMERS, Kind.RECEIVABLES})
    open_case = Signal(int)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.rows: list[ReviewRow] = []
        self._request = 0
        self.model = RowsModel(
            [
                Column(self.tr("Case"), lambda r: r.case.number),
                Column(self.tr("Employee"), lambda r: r.case.employee_name),
                Column(
                    self.tr("Waiting for"),
                    lambda r: transition_label(TRANSITIONS[r.awaiting].label),
                ),
                Column(
                    self.tr("Last day"),
                    lambda r: format_date(r.case.last_day),
                    key=lambda r: r.case.last_day,
                ),
                Column(
                    self.tr("No successor"),
                    lambda r: r.customers_without_successor or "",
                    key=lambda r: r.customers_without_successor,
                    align_right=True,
                ),
                Column(
                    self.tr("Overdue receivables"),
                    lambda r: format_money(r.overdue_amount) if r.overdue_receivables else "",
                    key=lambda r: r.overdue_amount,
                    align_right=True,
                ),
                Column(
                    self.tr("Blocking"),
                    lambda r: len(r.failures) or "",
                    key=lambda r: len(r.failures),
                    align_right=True,
                ),
            ]
        )
        self.model.colours = lambda r, c: (OVERDUE_FG, None) if c == 6 and r.failures else None
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        self.table.doubleClicked.connect(lambda _i: self._open())
        self.count = QLabel()
        set_style_role(self.count, "role", "hint")
        self.reload_button = QPushButton(self.tr("Reload"))
        self.reload_button.clicked.connect(self.refresh)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.count, 1)
        top.addWidget(self.reload_button)
        left_layout.addLayout(top)
        left_layout.addWidget(self.table)
        self.detail = ReviewDetail()
        self.detail.decide.clicked.connect(self.decide)
        self.detail.send_back.clicked.connect(self.send_back)
        self.detail.open_button.clicked.connect(self._open)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([660, 560])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.dialog: CommentDialog | None = None

    def title(self) -> str:
        return self.tr("Review")

    def refresh(self) -> None:
        if self.ctx is None:
            return
        self._request += 1
        request = self._request
        self.count.setText(self.tr("Loading…"))
        self.runner.start(
            departures.cases_awaiting,
            self.ctx,
            on_done=lambda rows: self._show(request, rows),
            on_error=lambda exc: self._failed(request, exc),
        )

    def _failed(self, request: int, exc: BaseException) -> None:
        if request == self._request:
            self.count.clear()
            show_error(self, exc)

    def _show(self, request: int, rows: list[ReviewRow]) -> None:
        if request != self._request or self.ctx is None:
            return
        current = self.selected()
        self.rows = rows
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self.count.setText(
            fill(self.tr("Cases waiting for a decision: %1"), len(rows))
            if rows
            else self.tr("No case is waiting for a decision.")
        )
        index = 0
        if current is not None:
            index = next(
                (i for i, r in enumerate(self.model.rows) if r.case.id == current.case.id), 0
            )
        if rows:
            self.table.selectRow(index)
        self._selected()

    def selected(self) -> ReviewRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_object(rows[0].row()) if rows else None

    def _selected(self) -> None:
        row = self.selected()
        today = self.ctx.today() if self.ctx else None
        self.detail.show_row(row, today)
        role = self.ctx.actor.role if self.ctx else None
        may = role is not None and can(role, Action.DEPARTURES_APPROVE)
        self.detail.decide.setEnabled(row is not None and may)
        self.detail.send_back.setEnabled(row is not None and may)
        self.detail.open_button.setEnabled(
            row is not None and role is not None and can(role, Action.DEPARTURES_VIEW)
        )
        if row is not None and self.ctx is not None:
            self.runner.start(
                departures.get_case,
                self.ctx,
                row.case.id,
                on_done=lambda detail, row=row: self._detail(row, detail),
                on_error=lambda _exc: None,
            )

    def _detail(self, row: ReviewRow, detail: CaseDetail) -> None:
        current = self.selected()
        if self.ctx is None or current is None or current.case.id != row.case.id:
            return
        self.detail.show_detail(row, detail, self.ctx.today())

    def _open(self) -> None:
        row = self.selected()
        if (
            row is not None
            and self.ctx is not None
            and can(self.ctx.actor.role, Action.DEPARTURES_VIEW)
        ):
            self.open_case.emit(row.case.id)

    def decide(self) -> None:
        row = self.selected()
        if row is None or self.ctx is None:
            return
        if row.failures:
            self.detail.blockers.show()
            return
        label = transition_label(TRANSITIONS[row.awaiting].label)
        intro = fill(
            self.tr("%1 of %2: the step is recorded with your name, the time and the comment."),
            escape(label),
            escape(row.case.number),
        )
        if row.awaiting == "approve":
            intro += "<br><br>" + self.tr(
                "Approving generates the handover items from today's data; with many customers "
                "this takes a moment."
            )
        self._ask(label, intro, False, row, row.awaiting)

    def send_back(self) -> None:
        row = self.selected()
        if row is None or self.ctx is None:
            return
        label = transition_label(TRANSITIONS["send_back"].label)
        intro = fill(
            self.tr("Send %1 back to “%2”: say what must change."),
            escape(row.case.number),
            case_state_label(TRANSITIONS["send_back"].target(row.case.state) or ""),
        )
        self._ask(label, intro, True, row, "send_back")

    def _ask(self, label: str, intro: str, required: bool, row: ReviewRow, move: str) -> None:
        self.dialog = CommentDialog(self.runner, label, intro, required, self)
        ctx = self.ctx

        def go(comment: str) -> None:
            run_with_progress(
                self,
                self.runner,
                fill(self.tr("%1…"), label),
                departures.transition,
                ctx,
                row.case.id,
                move,
                comment,
                row.case.version,
                on_done=self._done,
                on_error=self._refused,
                cancellable=False,
            )

        self.dialog.finished_with.connect(go)
        self.dialog.open()

    def _done(self, changes: Any) -> None:
        self.emit_changes(changes)
        self.refresh()

    def _refused(self, exc: BaseException) -> None:
        if isinstance(exc, TransitionRefused):
            self.detail.blockers.setText(
                fill(self.tr("<b>Refused (%1):</b>"), len(exc.failures))
                + failure_html(exc.failures)
            )
            self.detail.blockers.show()
        else:
            show_error(self, exc)
        self.refresh()

    def clear(self) -> None:
        super().clear()
        self._request += 1
        self.rows = []
        self.model.set_rows([])
        self.detail.show_row(None)
        self.count.clear()
