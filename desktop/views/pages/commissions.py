"""Commissions: the months (compute, approve, lock, mark paid — by role), a month's lines with
filters, the explanation of the selected line, plans, and statements."""

from __future__ import annotations

from decimal import Decimal
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import format_date, format_datetime, format_money
from desktop.reports import issue
from desktop.services import commissions
from desktop.services.changes import Kind
from desktop.services.commissions import ComputeResult, LineRow, PeriodRow, PeriodSummary
from desktop.services.commissions.rules import percent_text
from desktop.services.context import Changes
from desktop.services.documents import save_issued_file
from desktop.services.permissions import Action, can
from desktop.views.commission_plans import PlansDialog
from desktop.views.filedialogs import get_save_file_name
from desktop.views.pages.base import Page
from desktop.views.pages.listing import ListPanel
from desktop.views.qtext import fill
from desktop.views.tablemodels import Column, freeze_on_worker
from desktop.views.widgets.commissions import (
    cap_warning_text,
    clause_text,
    explanation,
    period_state_label,
    source_label,
    status_label,
)
from desktop.views.widgets.date_range import DateRange
from desktop.views.widgets.forms import ask_first
from desktop.views.widgets.inputs import SearchPicker
from desktop.views.workers import TaskRunner, run_with_progress

STATUSES = ("accrued", "approved", "paid", "withheld", "forfeited", "clawed_back")
SOURCES = ("order", "payment", "write_off")


class CommissionsPage(Page):
    action = Action.COMMISSIONS_VIEW
    watches = frozenset({Kind.COMMISSIONS, Kind.COMMISSION_PLANS})

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.periods: list[PeriodRow] = []
        self.summary_data: PeriodSummary | None = None
        self.last_result: ComputeResult | None = None

        # -- the months ----------------------------------------------------------------
        self.period_table = QTableWidget(0, 5)
        self.period_table.setHorizontalHeaderLabels(
            [
                self.tr("Month"),
                self.tr("State"),
                self.tr("Lines"),
                self.tr("Payable"),
                self.tr("Computed"),
            ]
        )
        self.period_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.period_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.period_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.period_table.verticalHeader().hide()
        self.period_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.period_table.itemSelectionChanged.connect(self._period_selected)
        self.compute_button = QPushButton(self.tr("Compute"))
        self.compute_button.clicked.connect(self.compute)
        self.approve_button = QPushButton(self.tr("Approve"))
        self.approve_button.clicked.connect(self.approve)
        self.reopen_button = QPushButton(self.tr("Reopen"))
        self.reopen_button.clicked.connect(lambda: self._move(commissions.reopen_period))
        self.lock_button = QPushButton(self.tr("Lock"))
        self.lock_button.clicked.connect(lambda: self._move(commissions.lock_period))
        self.paid_button = QPushButton(self.tr("Mark paid"))
        self.paid_button.clicked.connect(lambda: self._move(commissions.mark_paid))
        self.plans_button = QPushButton(self.tr("Plans…"))
        self.plans_button.clicked.connect(self.open_plans)
        moves = QHBoxLayout()
        for b in (
            self.compute_button,
            self.approve_button,
            self.reopen_button,
            self.lock_button,
            self.paid_button,
        ):
            moves.addWidget(b)
        moves.addStretch()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        heading = self.tr("Commission periods")
        title = QLabel(f"<h3>{escape(heading)}</h3>")
        left_layout.addWidget(title)
        left_layout.addLayout(moves)
        left_layout.addWidget(self.period_table, 1)
        left_layout.addWidget(self.plans_button)

        # -- the lines -----------------------------------------------------------------
        self.panel = ListPanel(
            self._columns(),
            self._fetch,
            self._count,
            self.tr("Search employee, waybill or invoice…"),
            self,
            runner,
        )
        # The worker sees the month, period and filters as they were when a page was asked.
        self.panel.model.prepare = freeze_on_worker(self, "month", "period", "filters")
        self.employee = SearchPicker(self._search_employees, runner)
        self.employee.setPlaceholderText(self.tr("Employee…"))
        self.employee.chosen.connect(lambda _id: self._filters_changed())
        self.employee.textChanged.connect(lambda t: self._filters_changed() if not t else None)
        self.status = QComboBox()
        self.status.addItem(self.tr("Every status"), None)
        for value in STATUSES:
            self.status.addItem(status_label(value), value)
        self.status.currentIndexChanged.connect(self._filters_changed)
        self.source = QComboBox()
        self.source.addItem(self.tr("Every source"), None)
        for value in SOURCES:
            self.source.addItem(source_label(value), value)
        self.source.currentIndexChanged.connect(self._filters_changed)
        self.panel.filter_bar.addWidget(self.employee, 2)
        self.panel.filter_bar.addWidget(self.status, 1)
        self.panel.filter_bar.addWidget(self.source, 1)
        self.dates = DateRange(self)
        self.dates.changed.connect(self._filters_changed)
        self.panel.filter_bar.addWidget(self.dates)
        self.panel.model.summing = self._totals
        self.panel.remember_columns("CommissionLines")
        self.panel.totals_text = self._totals_text
        self.pdf_button = QPushButton(self.tr("Statement (PDF)…"))
        self.pdf_button.clicked.connect(lambda: self.save_statement("pdf"))
        self.xlsx_button = QPushButton(self.tr("Statement (XLSX)…"))
        self.xlsx_button.clicked.connect(lambda: self.save_statement("xlsx"))
        self.panel.action_bar.addWidget(self.pdf_button)
        self.panel.action_bar.addWidget(self.xlsx_button)
        self.panel.action_bar.addStretch()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setObjectName("periodSummary")
        self.explanation = QTextBrowser()
        self.explanation.setObjectName("lineExplanation")
        self.explanation.setMinimumHeight(120)
        self.panel.table.selectionModel().selectionChanged.connect(lambda *_: self._line_selected())
        self.panel.reloaded.connect(self._line_selected)
        right = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.summary)
        top_layout.addWidget(self.panel, 1)
        right.addWidget(top)
        right.addWidget(self.explanation)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([330, 870])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def title(self) -> str:
        return self.tr("Commissions")

    # -- columns and queries ---------------------------------------------------------------

    def _columns(self) -> list[Column]:
        def rate(r: LineRow) -> str:
            text = percent_text(r.rate) if r.rate is not None else ""
            return f"{text} ({r.tier})" if r.tier else text

        return [
            Column(self.tr("No."), lambda r: r.employee_no or "—", "employee"),
            Column(self.tr("Employee"), lambda r: r.employee_name or self.tr("(no successor yet)")),
            Column(self.tr("Date"), lambda r: format_date(r.source_date), "source_date"),
            Column(self.tr("Source"), lambda r: source_label(r.source), "source"),
            Column(self.tr("Reference"), lambda r: r.reference),
            Column(self.tr("Base"), lambda r: format_money(r.base), "base", align_right=True),
            Column(self.tr("Rate"), rate),
            Column(self.tr("Amount"), lambda r: format_money(r.amount), "amount", align_right=True),
            Column(self.tr("Status"), lambda r: status_label(r.status), "status"),
            Column(
                self.tr("Clause"),
                lambda r: (
                    clause_text(r.clause) + (f" ← {r.origin_month}" if r.origin_month else "")
                ),
            ),
        ]

    def month(self) -> str | None:
        rows = self.period_table.selectionModel().selectedRows()
        if not rows or not self.periods:
            return None
        return self.periods[rows[0].row()].month

    def period(self) -> PeriodRow | None:
        rows = self.period_table.selectionModel().selectedRows()
        return self.periods[rows[0].row()] if rows and self.periods else None

    def filters(self) -> dict[str, Any]:
        out: dict[str, Any] = self.dates.filters()
        employee = self.employee.value() if self.employee.text().strip() else None
        if employee is not None:
            out["employee_id"] = employee
        if self.status.currentData():
            out["status"] = self.status.currentData()
        if self.source.currentData():
            out["source"] = self.source.currentData()
        return out

    def _fetch(
        self, offset: int, limit: int, search: str, sort: str | None, desc: bool
    ) -> list[Any]:
        month = self.month()
        period = self.period()
        if self.ctx is None or month is None or period is None or period.id is None:
            return []
        return commissions.list_lines(
            self.ctx, month, offset, limit, search, sort, desc, self.filters() or None
        )

    def _count(self, search: str) -> int:
        month = self.month()
        period = self.period()
        if self.ctx is None or month is None or period is None or period.id is None:
            return 0
        return commissions.count_lines(self.ctx, month, search, self.filters() or None)

    def _totals(self, search: str) -> dict[str, Decimal] | None:
        month = self.month()
        period = self.period()
        if self.ctx is None or month is None or period is None or period.id is None:
            return None
        return commissions.total_lines(self.ctx, month, search, self.filters() or None)

    def _totals_text(self, sums: dict[str, Decimal]) -> str:
        return fill(
            self.tr("Totals: base %1 · commission %2"),
            format_money(sums["base"]),
            format_money(sums["amount"]),
        )

    def _search_employees(self, text: str) -> list[tuple[int, str]]:
        if self.ctx is None:
            return []
        from desktop.services import staff

        return [
            (e.id, f"{e.name} ({e.employee_no})")
            for e in staff.pick_employees(self.ctx, text, limit=30, active_only=False)
        ]

    # -- refreshing ------------------------------------------------------------------

    def refresh(self) -> None:
        if self.ctx is None:
            return
        role = self.ctx.actor.role
        self.compute_button.setVisible(can(role, Action.COMMISSIONS_COMPUTE))
        self.approve_button.setVisible(can(role, Action.COMMISSIONS_APPROVE))
        self.reopen_button.setVisible(can(role, Action.COMMISSIONS_APPROVE))
        self.lock_button.setVisible(can(role, Action.COMMISSIONS_LOCK))
        self.paid_button.setVisible(can(role, Action.COMMISSIONS_PAY))
        current = self.month()
        self.run(
            commissions.list_periods,
            self.ctx,
            24,
            on_done=lambda periods: self._show_periods(periods, current),
        )

    def _show_periods(self, periods: list[PeriodRow], current: str | None) -> None:
        """Fill the periods read on the worker and select the month shown before."""
        self.periods = periods
        table = self.period_table
        table.blockSignals(True)
        table.setRowCount(len(periods))
        select = 0
        for r, p in enumerate(periods):
            state = period_state_label(p.state)
            stale = p.plans_changed or p.data_changed or (p.state == "open" and p.lines > 0)
            if p.state == "open" and p.lines > 0:
                state = self.tr("to compute again")
            elif stale:
                state += " *"
            values = [
                p.month,
                state,
                str(p.lines) if p.id else "",
                format_money(p.payable) if p.id else "",
                format_datetime(p.computed_at),
            ]
            for c, v in enumerate(values):
                item = QTableWidgetItem(v)
                if c in (2, 3):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if stale:
                    item.setToolTip(
                        self.tr(
                            "A plan or the data changed after this month was computed: compute it again."
                        )
                    )
                table.setItem(r, c, item)
            if p.month == current:
                select = r
        table.blockSignals(False)
        if periods:
            table.selectRow(select)
        self._period_selected()

    def _period_selected(self) -> None:
        if self.ctx is None:
            return
        self._update_buttons()
        self._show_summary()
        self.panel.reload()
        self.panel.resize_columns(9)

    def _filters_changed(self, *_: Any) -> None:
        if self.ctx is not None:
            self.panel.reload()

    def _update_buttons(self) -> None:
        p = self.period()
        state = p.state if p else None
        self.compute_button.setEnabled(p is not None and state in ("open", "computed"))
        self.approve_button.setEnabled(state == "computed")
        self.reopen_button.setEnabled(state == "approved")
        self.lock_button.setEnabled(state == "approved")
        self.paid_button.setEnabled(state == "locked")
        has_lines = p is not None and p.id is not None
        self.pdf_button.setEnabled(has_lines)
        self.xlsx_button.setEnabled(has_lines)

    def _show_summary(self) -> None:
        p = self.period()
        if self.ctx is None or p is None:
            self.summary.clear()
            return
        if p.id is None:
            self.summary.setText(escape(fill(self.tr("%1 has not been computed yet."), p.month)))
            return
        self.run(
            commissions.period_summary,
            self.ctx,
            p.month,
            on_done=lambda data: self._show_period_summary(p, data) if self.period() == p else None,
        )

    def _show_period_summary(self, p: PeriodRow, data: PeriodSummary) -> None:
        self.summary_data = data
        totals = ", ".join(
            f"{status_label(k)} {format_money(v)}" for k, v in sorted(data.totals.items())
        )
        parts = [
            "<b>"
            + escape(
                fill(
                    self.tr("%1 — %2: payable %3 to %4 people"),
                    p.month,
                    period_state_label(p.state),
                    format_money(data.payable),
                    data.employees,
                )
            )
            + "</b>",
            escape(totals),
        ]
        who = []
        if p.approved_by:
            who.append(fill(self.tr("approved by %1"), p.approved_by))
        if p.locked_by:
            who.append(fill(self.tr("locked by %1"), p.locked_by))
        if p.paid_by:
            who.append(fill(self.tr("paid by %1"), p.paid_by))
        if who:
            parts.append(escape(", ".join(who)))
        if p.plans_changed or p.data_changed or (p.state == "open" and p.lines > 0):
            parts.append(
                "<span style='color:#8a5a00'>"
                + escape(
                    self.tr(
                        "A plan or the data changed after this month was computed: compute it again."
                    )
                )
                + "</span>"
            )
        for plan, w in data.policy_warnings:
            parts.append(
                "<span style='color:#b00020'><b>"
                + escape(self.tr("Warning:"))
                + "</b> "
                + escape(f"{plan}: {w.text(QCoreApplication.translate)}")
                + "</span>"
            )
        computed = self.last_result
        if computed is not None and computed.month == p.month and computed.uncovered:
            parts.append(
                "<span style='color:#b00020'><b>"
                + escape(self.tr("Warning:"))
                + "</b> "
                + escape(
                    fill(
                        self.tr(
                            "No commission plan covers %n salesperson(s), so they earn nothing: "
                            "%1. Add them to a plan (Plans…) and compute again.",
                            "",
                            len(computed.uncovered),
                        ),
                        ", ".join(computed.uncovered),
                    )
                )
                + "</span>"
            )
        for w in data.cap_warnings:
            parts.append(
                "<span style='color:#b00020'><b>"
                + escape(self.tr("Warning:"))
                + "</b> "
                + escape(cap_warning_text(w))
                + "</span>"
            )
        self.summary.setText("<br>".join(parts))

    def _line_selected(self) -> None:
        row = self.panel.selected()
        if self.ctx is None or row is None:
            self.explanation.clear()
            return
        self.run(commissions.get_line, self.ctx, row.id, on_done=self._show_line)

    def _show_line(self, detail: Any) -> None:
        """Explain the line read on the worker, unless another line was selected meanwhile."""
        selected = self.panel.selected()
        if selected is None or selected.id != detail.row.id:
            return
        r = detail.row
        facts = [
            (self.tr("Line"), f"#{r.id} ({r.month})"),
            (self.tr("Employee"), r.employee_name or self.tr("(no successor yet)")),
            (self.tr("Clause"), clause_text(r.clause)),
            (self.tr("Amount"), f"{format_money(r.amount)} ({status_label(r.status)})"),
            (self.tr("Plan"), detail.plan_name or "—"),
            (self.tr("Credited to"), detail.credited_name or "—"),
        ]
        if detail.case_number:
            facts.append((self.tr("Departure case"), detail.case_number))
        if r.origin_month:
            facts.append((self.tr("Belongs to"), r.origin_month))
        if detail.ref is not None:
            facts.append(
                (
                    self.tr("Refers to line"),
                    f"#{detail.ref.id} ({detail.ref.month}, {format_money(detail.ref.amount)})",
                )
            )
        rows = "".join(
            f"<tr><td style='color:#555;padding-right:8px'>{escape(k)}</td><td>{escape(v)}</td></tr>"
            for k, v in facts
        )
        self.explanation.setHtml(f"<p>{escape(explanation(detail.parts))}</p><table>{rows}</table>")

    def clear(self) -> None:
        super().clear()
        self.periods = []
        self.period_table.setRowCount(0)
        self.panel.clear()
        self.summary.clear()
        self.explanation.clear()

    # -- actions ---------------------------------------------------------------------

    def compute(self) -> None:
        month = self.month()
        if self.ctx is None or month is None:
            return
        ctx = self.ctx

        def work(progress: Any) -> ComputeResult:
            def report(done: int, total: int, label: str) -> None:
                progress(done, total, QCoreApplication.translate("Commissions", label))

            return commissions.compute_period(ctx, month, progress=report)

        def done(result: ComputeResult) -> None:
            self.last_result = result
            self.emit_changes(Changes.of(Kind.COMMISSIONS))
            self.refresh()

        run_with_progress(
            self,
            self.runner,
            fill(self.tr("Computing commissions for %1…"), month),
            work,
            on_done=done,
        )

    def approve(self) -> None:
        """Approving a month hands its lines to finance: ask first, naming what is approved."""
        p = self.period()
        if self.ctx is None or p is None:
            return
        if not ask_first(
            self,
            self.tr("Approve"),
            fill(
                self.tr("Approve the commissions of %1: %2 on %3 lines, payable to finance?"),
                p.month,
                format_money(p.payable),
                p.lines,
            ),
        ):
            return
        self._move(commissions.approve_period)

    def _move(self, fn: Any) -> None:
        month = self.month()
        if self.ctx is None or month is None:
            return
        self.run(fn, self.ctx, month, on_done=self._moved)

    def _moved(self, changes: Changes) -> None:
        self.emit_changes(changes)
        self.refresh()

    def open_plans(self) -> None:
        if self.ctx is None:
            return
        self.run(PlansDialog.read, self.ctx, on_done=self._show_plans)

    def _show_plans(self, plans: Any) -> None:
        """Open the plans once the worker read them."""
        assert self.ctx is not None
        dialog = PlansDialog(self.ctx, self.runner, plans, self)
        dialog.exec()
        if dialog.changed is not None:
            self.emit_changes(dialog.changed)
            self.refresh()

    def statement_employee(self) -> int | None:
        employee = self.filters().get("employee_id")
        if employee is not None:
            return int(employee)
        row = self.panel.selected()
        if row is not None and row.employee_id is not None:
            return int(row.employee_id)
        if self.ctx is not None and self.ctx.actor.employee_id is not None:
            return self.ctx.actor.employee_id
        return None

    def save_statement(self, kind: str, path: Path | None = None) -> None:
        """Issue the statement on the worker (recorded, so ``verify-document`` knows the file),
        ask where to save it, and write it there (on the worker too); the count line names the
        file when it is written."""
        month = self.month()
        employee = self.statement_employee()
        if self.ctx is None or month is None or employee is None:
            return
        self.run(
            issue.issue_statement,
            self.ctx,
            employee,
            month,
            kind,
            QCoreApplication.translate,
            on_done=lambda issued: self._save_statement(issued, kind, path),
        )

    def _save_statement(self, issued: Any, kind: str, path: Path | None) -> None:
        number = issued.info.number
        if path is None:
            suffix = "*.pdf" if kind == "pdf" else "*.xlsx"
            name, _ = get_save_file_name(
                self,
                self.tr("Save the statement"),
                str(Path.home() / f"{number}.{kind}"),
                f"{kind.upper()} ({suffix})",
            )
            if not name:
                return
            path = Path(name)
        assert self.ctx is not None
        self.run(
            save_issued_file,
            self.ctx,
            issued,
            path,
            on_done=lambda _r: self.panel.count_label.setText(
                fill(self.tr("Statement %1 saved to %2"), number, path)
            ),
        )
