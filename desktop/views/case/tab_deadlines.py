"""The Deadlines & clauses tab: the legal deadlines, duties, the non-compete decision and
the clauses the employee acknowledged."""

from __future__ import annotations

from datetime import date
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import format_date, format_datetime
from desktop.services import departures
from desktop.services.departures import (
    RECORDABLE_DUTIES,
    CaseDetail,
    ClauseView,
    Deadline,
)
from desktop.services.permissions import Action
from desktop.views.case import dialogs_deadlines as dialogs
from desktop.views.case.common import (
    CLOSED,
    CaseTab,
    _money,
)
from desktop.views.case.dialogs import when_settings_read
from desktop.views.language import language_name, ui_language_first
from desktop.views.qtext import fill
from desktop.views.widgets.rows import (
    MUTED_FG,
    OVERDUE_BG,
    OVERDUE_FG,
)
from desktop.views.widgets.tables import detail_table, fill_table

if TYPE_CHECKING:
    from desktop.views.case.screen import CaseScreen


class DeadlinesTab(CaseTab):
    """Legal and business deadlines, the non-compete decision, and the clauses."""

    def __init__(self, screen: CaseScreen) -> None:
        super().__init__(screen)
        #: The case's clauses as the table lists them: the window's language first.
        self.clause_views: list[ClauseView] = []
        self.deadlines = detail_table(
            [
                self.tr("Duty"),
                self.tr("Due"),
                self.tr("Status"),
                self.tr("Done on"),
                self.tr("Amount"),
                self.tr("Basis"),
            ]
        )
        self.deadlines.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.deadlines.itemSelectionChanged.connect(self.update_actions)
        self.deadlines.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.deadline_rows: list[Deadline] = []
        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        for name, text, slot in (
            ("record", self.tr("Record done…"), self.record),
            ("pay", self.tr("Record payment…"), self.pay),
            ("non_compete", self.tr("Non-compete decision…"), self.non_compete),
            ("release", self.tr("Release early…"), self.release),
            ("severance", self.tr("Severance…"), self.severance),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            bar.addWidget(button)
            self.buttons[name] = button
        bar.addStretch()
        self.non_compete_line = QLabel()
        self.non_compete_line.setWordWrap(True)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(bar)
        top_layout.addWidget(self.deadlines, 1)
        top_layout.addWidget(self.non_compete_line)

        self.clauses = detail_table(
            [self.tr("Clause"), self.tr("Language"), self.tr("Version"), self.tr("Acknowledged")]
        )
        self.clauses.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.clauses.itemSelectionChanged.connect(self._show_clause)
        self.clause_text = QTextBrowser()
        self.acknowledge_button = QPushButton(self.tr("Acknowledge (employee present)…"))
        self.acknowledge_button.clicked.connect(self.acknowledge)
        clause_box = QGroupBox(self.tr("Clauses shown to the employee"))
        clause_layout = QHBoxLayout(clause_box)
        left = QVBoxLayout()
        left.addWidget(self.clauses, 1)
        left.addWidget(self.acknowledge_button)
        clause_layout.addLayout(left, 1)
        clause_layout.addWidget(self.clause_text, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(clause_box)
        splitter.setSizes([380, 260])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def show_case(self, detail: CaseDetail) -> None:
        today = self.ctx.today() if self.ctx else date.today()
        self.deadline_rows = list(detail.deadlines)
        rows = []
        for d in self.deadline_rows:
            rows.append(
                (
                    dialogs.deadline_text(d.title, d.params),
                    format_date(d.due_on) if d.due_on else self.tr("when the handover completes"),
                    self._status(d, today),
                    format_date(d.done_on),
                    _money(d.amount),
                    dialogs.deadline_text(d.basis, d.params)
                    + (
                        " " + QCoreApplication.translate("Departures", d.warning)
                        if d.warning
                        else ""
                    ),
                )
            )
        fill_table(self.deadlines, rows, right_aligned=(4,))
        for r, d in enumerate(self.deadline_rows):
            for c in range(self.deadlines.columnCount()):
                item = self.deadlines.item(r, c)
                if d.overdue:
                    item.setBackground(OVERDUE_BG)
                    item.setForeground(OVERDUE_FG)
                elif not d.applies:
                    item.setForeground(MUTED_FG)
                elif d.warning and c == 2:
                    item.setForeground(OVERDUE_FG)
            self.deadlines.item(r, 5).setToolTip(rows[r][5])
        header = self.deadlines.horizontalHeader()
        metrics = self.deadlines.fontMetrics()
        self.deadlines.resizeColumnsToContents()
        for column in range(5):
            header.resizeSection(
                column, min(header.sectionSize(column) + 8, metrics.averageCharWidth() * 40)
            )
        nc = detail.non_compete
        if not nc.possible:
            text = self.tr("Non-compete: not possible (no confidentiality duty).")
        elif not nc.decided:
            text = self.tr("Non-compete: <b>not decided yet</b> — decide by the last working day.")
        elif not nc.months:
            text = self.tr("Non-compete: none.")
        else:
            text = fill(
                self.tr(
                    "Non-compete: %1 months at %2 a month (average wage %3, local minimum %4)."
                ),
                nc.months,
                _money(nc.monthly),
                _money(nc.average_monthly_wage),
                _money(nc.local_minimum_wage),
            )
            if nc.released_on:
                text += " " + fill(self.tr("Released early on %1."), format_date(nc.released_on))
        if detail.risks.non_compete_alert:
            text += (
                " <b style='color:#b00020'>"
                + self.tr(
                    "%n month(s) unpaid: the employee may end the restriction.",
                    "",
                    detail.risks.non_compete_unpaid_months,
                )
                + "</b>"
            )
        self.non_compete_line.setText(text)
        order = ui_language_first([v.clause.language for v in detail.clauses])
        self.clause_views = [detail.clauses[i] for i in order]
        fill_table(
            self.clauses,
            [
                (
                    v.clause.title,
                    language_name(v.clause.language),
                    str(v.clause.version),
                    (
                        fill(
                            self.tr("%1 (recorded by %2)"),
                            format_datetime(v.acknowledged_at),
                            v.recorded_by or "",
                        )
                        + (
                            " — " + fill(self.tr("an older version (%1)"), v.acknowledged_version)
                            if v.outdated
                            else ""
                        )
                    )
                    if v.acknowledged
                    else self.tr("not yet"),
                )
                for v in self.clause_views
            ],
        )
        for r, v in enumerate(self.clause_views):
            if not v.acknowledged or v.outdated:
                self.clauses.item(r, 3).setForeground(OVERDUE_FG)
        if self.clause_views and not self.clauses.selectedItems():
            self.clauses.selectRow(0)
        self._show_clause()
        self.update_actions()

    def _status(self, d: Deadline, today: date) -> str:
        if not d.applies:
            return self.tr("does not apply")
        if d.done_on is not None:
            return self.tr("done")
        if not d.recordable:
            return self.tr("for information")
        if d.due_on is None:
            return self.tr("open")
        days = (d.due_on - today).days
        if days < 0:
            return self.tr("overdue by %n day(s)", "", -days)
        if days == 0:
            return self.tr("due today")
        return self.tr("due in %n day(s)", "", days)

    def _show_clause(self) -> None:
        rows = sorted({i.row() for i in self.clauses.selectedIndexes()})
        if self.detail is None or not rows or rows[0] >= len(self.clause_views):
            self.clause_text.clear()
            return
        c = self.clause_views[rows[0]].clause
        self.clause_text.setHtml(
            f"<h3>{escape(c.title)}</h3><p>{escape(c.body).replace(chr(10), '<br>')}</p>"
            f"<p style='color:#777'>SHA-256 {c.sha256[:16]}…</p>"
        )

    def selected_deadline(self) -> Deadline | None:
        rows = sorted({i.row() for i in self.deadlines.selectedIndexes()})
        return self.deadline_rows[rows[0]] if rows and rows[0] < len(self.deadline_rows) else None

    def update_actions(self) -> None:
        detail = self.detail
        open_case = detail is not None and detail.case.state not in CLOSED
        edit = open_case and self.role_can(Action.DEPARTURES_EDIT)
        d = self.selected_deadline()
        self.buttons["record"].setEnabled(
            edit and d is not None and d.key in RECORDABLE_DUTIES and d.applies
        )
        self.buttons["pay"].setEnabled(
            edit and d is not None and d.key.startswith(departures.DUTY_NON_COMPETE_PAY + ":")
        )
        nc = detail.non_compete if detail else None
        self.buttons["non_compete"].setEnabled(edit and nc is not None and nc.possible)
        self.buttons["release"].setEnabled(
            edit and nc is not None and bool(nc.months) and nc.released_on is None
        )
        unacknowledged = detail is not None and any(
            not v.acknowledged or v.outdated for v in detail.clauses
        )
        may_acknowledge = (
            detail is not None
            and self.ctx is not None
            and departures.may_acknowledge_clauses(self.ctx, detail.case.employee_id)
        )
        self.acknowledge_button.setEnabled(open_case and unacknowledged and may_acknowledge)
        self.buttons["severance"].setEnabled(
            detail is not None and self.role_can(Action.PERSONAL_DATA_VIEW)
        )
        self.buttons["severance"].setToolTip(
            self.tr("经济补偿: N, N+1 (代通知金, art. 40), 2N, with the basis of every figure")
        )

    def severance(self) -> None:
        """The severance calculator of this case (a read: nothing is recorded)."""
        from desktop.views.case.severance import SeveranceDialog

        if self.ctx is None or self.detail is None:
            return
        self.severance_dialog = SeveranceDialog(
            self.ctx, self.screen.runner, self.detail.case.id, self
        )
        self.severance_dialog.open()

    def clear(self) -> None:
        self.deadlines.setRowCount(0)
        self.clauses.setRowCount(0)
        self.clause_views = []
        self.clause_text.clear()
        self.non_compete_line.clear()
        self.deadline_rows = []

    def record(self) -> None:
        d = self.selected_deadline()
        if self.ctx is None or self.detail is None or d is None:
            return
        self.screen.open_dialog(
            dialogs.RecordDutyDialog(
                self.ctx,
                self.screen.runner,
                self.detail.case.id,
                d.key,
                dialogs.deadline_text(d.title, d.params),
                d.done_on,
                self,
            )
        )

    def pay(self) -> None:
        d = self.selected_deadline()
        if self.ctx is None or self.detail is None or d is None:
            return
        month = int(d.key.split(":", 1)[1])
        self.screen.open_dialog(
            dialogs.NonCompetePaymentDialog(
                self.ctx, self.screen.runner, self.detail.case.id, month, d.amount, self
            )
        )

    def non_compete(self) -> None:
        if self.ctx is None or self.detail is None:
            return
        ctx, detail = self.ctx, self.detail
        when_settings_read(
            self.screen.runner,
            self,
            ctx,
            dialogs.NON_COMPETE_SETTINGS,
            lambda settings: (
                self.screen.open_dialog(
                    dialogs.NonCompeteDialog(
                        ctx, self.screen.runner, detail, self, settings=settings
                    )
                )
                if self.ctx is ctx
                else None
            ),
        )

    def release(self) -> None:
        if self.ctx is not None and self.detail is not None:
            self.screen.open_dialog(
                dialogs.ReleaseDialog(self.ctx, self.screen.runner, self.detail.case.id, self)
            )

    def acknowledge(self) -> None:
        if self.ctx is None or self.detail is None:
            return
        rows = sorted({i.row() for i in self.clauses.selectedIndexes()})
        chosen = {self.clause_views[r].clause.id for r in rows if r < len(self.clause_views)}
        if len(chosen) <= 1:
            chosen = {v.clause.id for v in self.detail.clauses if not v.acknowledged or v.outdated}
        self.screen.open_dialog(
            dialogs.AcknowledgeDialog(self.ctx, self.screen.runner, self.detail, chosen, self)
        )
