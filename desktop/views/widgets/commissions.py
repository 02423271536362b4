"""Commission widgets other screens embed: an employee's commission months (the staff page) and
a departing employee's settlement preview (the departure case screen).

Embedding the settlement in the case screen::

    from desktop.views.widgets.commissions import SettlementPreview
    screen.add_tab(SettlementPreview(ctx, case_id, runner), screen.tr("Commission"))

It reads the settlement the first time it is shown (off the GUI thread when given a runner)
and again on "Refresh"; "Save as PDF…" writes the settlement document.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import format_date, format_money
from desktop.reports import issue
from desktop.services import commissions
from desktop.services.commissions import CapWarning, Settlement
from desktop.services.commissions.rules import clause_label, explain
from desktop.services.context import ServiceContext
from desktop.services.documents import save_issued_file
from desktop.views.errors import show_error
from desktop.views.filedialogs import get_save_file_name
from desktop.views.qtext import fill
from desktop.views.widgets.tables import detail_table, fill_table
from desktop.views.workers import TaskRunner


def status_label(value: str | None) -> str:
    return {
        "accrued": QCoreApplication.translate("CommissionLabels", "accrued"),
        "approved": QCoreApplication.translate("CommissionLabels", "approved"),
        "paid": QCoreApplication.translate("CommissionLabels", "paid"),
        "withheld": QCoreApplication.translate("CommissionLabels", "withheld"),
        "forfeited": QCoreApplication.translate("CommissionLabels", "forfeited"),
        "clawed_back": QCoreApplication.translate("CommissionLabels", "clawed back"),
    }.get(value or "", value or "")


def source_label(value: str | None) -> str:
    return {
        "order": QCoreApplication.translate("CommissionLabels", "order"),
        "payment": QCoreApplication.translate("CommissionLabels", "payment"),
        "write_off": QCoreApplication.translate("CommissionLabels", "write-off"),
    }.get(value or "", value or "")


def period_state_label(value: str | None) -> str:
    return {
        "open": QCoreApplication.translate("CommissionLabels", "open"),
        "computed": QCoreApplication.translate("CommissionLabels", "computed"),
        "approved": QCoreApplication.translate("CommissionLabels", "approved"),
        "locked": QCoreApplication.translate("CommissionLabels", "locked"),
        "paid": QCoreApplication.translate("CommissionLabels", "paid"),
    }.get(value or "", value or "")


def group_label(value: str) -> str:
    return {
        "earned": QCoreApplication.translate(
            "CommissionLabels", "Earned — settled with the final wages"
        ),
        "paid": QCoreApplication.translate("CommissionLabels", "Already paid"),
        "withheld": QCoreApplication.translate(
            "CommissionLabels", "Withheld pending collection or a successor"
        ),
        "forfeited": QCoreApplication.translate("CommissionLabels", "Forfeited"),
        "clawed_back": QCoreApplication.translate("CommissionLabels", "Clawed back"),
    }.get(value, value)


def clause_text(clause: str) -> str:
    return clause_label(clause, QCoreApplication.translate)


def explanation(parts: Any) -> str:
    return explain(parts, QCoreApplication.translate)


def cap_warning_text(w: CapWarning) -> str:
    if w.wage is None:
        return fill(
            QCoreApplication.translate(
                "CommissionLabels",
                "%1: clawback %2 in %3 cannot be checked against the 20% cap — no wage figure "
                "(set the monthly wage in business settings or on the departure case).",
            ),
            w.employee_name,
            format_money(w.clawback),
            w.month,
        )
    return fill(
        QCoreApplication.translate(
            "CommissionLabels",
            "%1: clawback %2 in %3 exceeds what may be deducted, %4 (20% of the wage %5, never "
            "below the minimum wage %6).",
        ),
        w.employee_name,
        format_money(w.clawback),
        w.month,
        format_money(w.cap),
        format_money(w.wage),
        format_money(w.minimum_wage) if w.minimum_wage is not None else "—",
    )


class EmployeeCommissions(QWidget):
    """One employee's computed months and the plan in force for them today."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = detail_table(
            [
                self.tr("Month"),
                self.tr("Period"),
                self.tr("Earned"),
                self.tr("Withheld"),
                self.tr("Forfeited"),
                self.tr("Clawed back"),
                self.tr("Payable"),
                self.tr("Lines"),
            ]
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        self.data: commissions.EmployeeCommissions | None = None

    @staticmethod
    def read(ctx: ServiceContext, employee_id: int) -> commissions.EmployeeCommissions:
        """What the widget shows, read by the service (run it on the worker)."""
        return commissions.employee_commissions(ctx, employee_id)

    def show_data(self, d: commissions.EmployeeCommissions) -> None:
        """Show what :meth:`read` returned."""
        self.data = d
        plan = d.plan_today or self.tr("none")
        self.summary.setText(fill(self.tr("Commission plan in force today: %1"), plan))
        fill_table(
            self.table,
            [
                (
                    m.month,
                    period_state_label(m.state),
                    format_money(m.earned),
                    format_money(m.withheld),
                    format_money(m.forfeited),
                    format_money(m.clawed_back),
                    format_money(m.payable),
                    m.lines,
                )
                for m in d.months
            ],
            right_aligned=(2, 3, 4, 5, 6, 7),
        )

    def clear(self) -> None:
        self.data = None
        self.summary.clear()
        self.table.setRowCount(0)


class SettlementPreview(QWidget):
    """A departing employee's commission at the end of employment: earned, withheld pending
    collection, forfeited, clawed back — each under the clause that decided it."""

    COLUMNS = 6

    def __init__(
        self,
        ctx: ServiceContext | None = None,
        case_id: int | None = None,
        runner: TaskRunner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.case_id = case_id
        self.runner = runner
        self.settlement: Settlement | None = None
        self._loaded = False
        self._request = 0
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setTextFormat(Qt.TextFormat.RichText)
        self.warnings.setObjectName("settlementWarnings")
        self.tree = QTreeWidget()
        self.tree.setColumnCount(self.COLUMNS)
        self.tree.setHeaderLabels(
            [
                self.tr("Item"),
                self.tr("Date"),
                self.tr("Reference"),
                self.tr("Amount"),
                self.tr("Clause"),
                self.tr("Explanation"),
            ]
        )
        self.tree.setRootIsDecorated(True)
        self.tree.setWordWrap(True)
        self.tree.setColumnWidth(0, 220)
        self.tree.setColumnWidth(2, 150)
        self.tree.setColumnWidth(4, 230)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.pdf_button = QPushButton(self.tr("Save as PDF…"))
        self.pdf_button.clicked.connect(self.save_pdf)
        self.pdf_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.pdf_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.warnings)
        layout.addLayout(buttons)
        layout.addWidget(self.tree, 1)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded:
            self.refresh()

    def set_case(self, ctx: ServiceContext | None, case_id: int | None) -> None:
        """Follow the case shown; the settlement is read when the tab is next seen."""
        if case_id != self.case_id or ctx is not self.ctx:
            self.clear()
        self.ctx = ctx
        self.case_id = case_id
        self._loaded = False
        if self.isVisible():
            self.refresh()

    def clear(self) -> None:
        self._request += 1
        self.settlement = None
        self._loaded = False
        self.header.clear()
        self.warnings.clear()
        self.warnings.hide()
        self.tree.clear()
        self.pdf_button.setEnabled(False)

    def refresh(self) -> None:
        if self.ctx is None or self.case_id is None:
            return
        self._loaded = True
        self._request += 1
        request = self._request
        self.header.setText(self.tr("Reading the settlement…"))
        assert self.runner is not None, "the settlement is read on the worker"
        self.runner.start(
            commissions.settlement,
            self.ctx,
            self.case_id,
            on_done=lambda s: request == self._request and self.show_settlement(s),
            on_error=lambda exc: request == self._request and show_error(self, exc),
        )

    def show_settlement(self, s: Settlement) -> None:
        self.settlement = s
        self.pdf_button.setEnabled(True)
        t = s.totals
        self.header.setText(
            "<b>"
            + escape(
                fill(self.tr("%1 (%2), case %3"), s.employee_name, s.employee_no, s.case_number)
            )
            + "</b><br>"
            + escape(
                fill(
                    self.tr("Notice %1, last working day %2, as of %3. Plans: %4."),
                    format_date(s.notice_on) or "—",
                    format_date(s.last_day),
                    format_date(s.as_of),
                    ", ".join(s.plans) or "—",
                )
            )
            + "<br>"
            + escape(
                fill(
                    self.tr(
                        "To settle with the final wages: %1 (earned %2, clawed back %3). "
                        "Withheld ≈ %4; forfeited %5."
                    ),
                    format_money(s.to_pay),
                    format_money(t["earned"]),
                    format_money(t["clawed_back"]),
                    format_money(t["withheld"]),
                    format_money(t["forfeited"]),
                )
            )
        )
        notes = []
        if not s.plans:
            notes.append(
                "<p>"
                + escape(
                    self.tr(
                        "No commission plan covers this employee, so nothing is earned or "
                        "withheld here. Finance sets plans up under Commissions → Plans."
                    )
                )
                + "</p>"
            )
        head = escape(self.tr("Warning:"))
        for plan, w in s.policy_warnings:
            if w.forfeits:
                text = escape(f"{plan}: {w.text(QCoreApplication.translate)}")
                notes.append(f"<p style='color:#b00020'><b>{head}</b> {text}</p>")
        for w in s.cap_warnings:
            notes.append(
                f"<p style='color:#b00020'><b>{head}</b> {escape(cap_warning_text(w))}</p>"
            )
        self.warnings.setText("".join(notes))
        self.warnings.setVisible(bool(notes))
        self.tree.clear()
        for group in commissions.SETTLEMENT_GROUPS:
            items = s.group(group)
            if group == "paid" and not items:
                continue
            head = QTreeWidgetItem(
                [
                    group_label(group),
                    "",
                    self.tr("%n item(s)", "", len(items)),
                    format_money(t[group]),
                    "",
                    "",
                ]
            )
            head.setTextAlignment(3, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            font = head.font(0)
            font.setBold(True)
            for c in range(self.COLUMNS):
                head.setFont(c, font)
            for i in items:
                flags = []
                if i.preview:
                    flags.append(self.tr("preview: month not computed"))
                if i.estimated:
                    flags.append(self.tr("estimate"))
                label = i.month + (f" ({', '.join(flags)})" if flags else "")
                amount = ("≈" if i.estimated else "") + format_money(i.amount)
                text = explanation(i.parts)
                child = QTreeWidgetItem(
                    [
                        label,
                        format_date(i.source_date),
                        i.reference,
                        amount,
                        clause_text(i.clause),
                        text,
                    ]
                )
                child.setToolTip(5, text)
                child.setTextAlignment(
                    3, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                )
                head.addChild(child)
            self.tree.addTopLevelItem(head)
            head.setExpanded(group != "paid" and len(items) <= 30)

    def save_pdf(self) -> None:
        if self.settlement is None:
            return
        name, _ = get_save_file_name(
            self,
            self.tr("Save the settlement"),
            str(Path.home() / f"{self.settlement.case_number}-commission.pdf"),
            self.tr("PDF (*.pdf)"),
        )
        if name:
            self.write_pdf(Path(name))

    def write_pdf(self, path: Path) -> None:
        """Issue the settlement on the worker (recorded, so ``verify-document`` knows it; a
        draft while a month is not computed) and write it to ``path``."""
        assert self.settlement is not None
        settlement = self.settlement

        def issue_and_save() -> None:
            issued = issue.issue_settlement(
                self.ctx,
                self.case_id,
                settlement.as_of,
                QCoreApplication.translate,
                draft=not settlement.final,
            )
            save_issued_file(self.ctx, issued, path)

        self.runner.start(issue_and_save, on_error=lambda exc: show_error(self, exc))
