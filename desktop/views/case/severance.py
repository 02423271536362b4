"""The severance calculator of a case (经济补偿, Labour Contract Law art. 47): the figures and
the basis the service prints for each step — months of service counted, the wage, the cap at
three times the local average wage (and twelve years), N / N+1 / 2N — and, for an art. 40
dismissal paid in lieu of notice, the month's wage in lieu (代通知金).

The computation runs on the database worker (``departures.severance.case_severance``); a case
that carries no severance (art. 39 misconduct, a resignation) is refused there, and the
refusal is shown in the dialog.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import BatonError
from desktop.i18n import format_money
from desktop.services.context import ServiceContext
from desktop.services.departures.severance import Severance, case_severance
from desktop.views.errors import translate_error
from desktop.views.qtext import fill
from desktop.views.widgets.style import set_style_role
from desktop.views.workers import QueryOp, TaskRunner


class SeveranceDialog(QDialog):
    """Compute a case's severance from the local average wage (and, if given, the average
    wage of the last twelve months instead of the one recorded)."""

    def __init__(
        self,
        ctx: ServiceContext,
        runner: TaskRunner,
        case_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.runner, self.case_id = ctx, runner, case_id
        self.result: Severance | None = None
        self.setWindowTitle(self.tr("Severance (经济补偿)"))
        self.local_average = QLineEdit()
        self.local_average.setPlaceholderText(self.tr("e.g. 12183.00"))
        self.local_average.setToolTip(
            self.tr("The local average monthly wage of the previous year (the cap is 3 times it)")
        )
        self.wage = QLineEdit()
        self.wage.setPlaceholderText(self.tr("empty: the case's or the recorded wage"))
        self.kind = QComboBox()
        self.kind.addItem(self.tr("As the case provides"), None)
        self.kind.addItem(self.tr("N (severance)"), "N")
        self.kind.addItem(self.tr("N+1 (with a month's wage in lieu of notice)"), "N+1")
        self.kind.addItem(self.tr("2N (unlawful termination, art. 87)"), "2N")
        self.compute_button = QPushButton(self.tr("Compute"))
        self.compute_button.clicked.connect(self.compute)
        self.figures = QLabel()
        self.figures.setTextFormat(Qt.TextFormat.RichText)
        self.figures.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.figures.setWordWrap(True)
        self.error = QLabel()
        self.error.setWordWrap(True)
        set_style_role(self.error, "role", "error")
        form = QFormLayout()
        form.addRow(self.tr("Local average monthly wage"), self.local_average)
        form.addRow(self.tr("Average wage, last 12 months"), self.wage)
        form.addRow(self.tr("Kind"), self.kind)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.compute_button)
        layout.addWidget(self.error)
        layout.addWidget(self.figures, 1)
        layout.addWidget(buttons)
        self.resize(640, 480)

    def compute(self) -> None:
        ctx, case_id = self.ctx, self.case_id
        local = self.local_average.text().strip()
        wage = self.wage.text().strip() or None
        kind = self.kind.currentData()
        self.error.clear()
        self.compute_button.setEnabled(False)
        QueryOp(
            parent=self,
            op=lambda: case_severance(ctx, case_id, local, wage, kind),
            success=self.show_result,
        ).failure(self._failed).run(self.runner)

    def _failed(self, exc: BaseException) -> None:
        self.compute_button.setEnabled(True)
        if not isinstance(exc, BatonError):
            from desktop.views.errors import show_error

            show_error(self, exc)
            return
        self.result = None
        self.figures.clear()
        self.error.setText(translate_error(exc))

    def show_result(self, result: Severance) -> None:
        self.compute_button.setEnabled(True)
        self.result = result
        rows: list[tuple[str, Any]] = [
            (
                self.tr("Service"),
                fill(self.tr("%1 y %2 m %3 d"), result.years, result.months, result.days),
            ),
            (self.tr("Months counted"), str(result.months_counted)),
            (self.tr("Monthly wage"), format_money(result.monthly_wage)),
            (
                self.tr("Wage counted"),
                format_money(result.base_wage)
                + (" " + self.tr("(capped at 3 × the local average)") if result.capped else ""),
            ),
            (self.tr("Severance N"), format_money(result.severance)),
        ]
        if result.kind == "N+1":
            rows.append((self.tr("Pay in lieu of notice (代通知金)"), format_money(result.in_lieu)))
        rows.append((fill(self.tr("Total (%1)"), result.kind), format_money(result.total)))
        table = "".join(
            f"<tr><td style='color:#555'>{escape(k)}</td><td align='right'>{escape(v)}</td></tr>"
            for k, v in rows
        )
        basis = "".join(f"<li>{escape(zh)}<br><i>{escape(en)}</i></li>" for zh, en in result.basis)
        self.figures.setText(
            f"<table cellspacing='4'>{table}</table><p><b>{escape(self.tr('Basis'))}</b></p>"
            f"<ol>{basis}</ol>"
        )
