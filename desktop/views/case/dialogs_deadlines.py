"""The dialogs of the Deadlines & clauses tab: record a duty, the non-compete decision, its
payments and release, and the clauses the employee acknowledged."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import format_money
from desktop.services import business_settings as bsettings
from desktop.services import departures
from desktop.services.context import ServiceContext
from desktop.services.departures import CaseDetail, NonCompeteInput
from desktop.views.case.dialogs import _html, _wrap
from desktop.views.language import language_name, ui_language_first
from desktop.views.qtext import fill
from desktop.views.widgets.inputs import DateEdit, MoneyEdit
from desktop.views.widgets.style import set_style_role
from desktop.views.widgets.task_dialog import TaskDialog
from desktop.views.workers import TaskRunner


def deadline_text(template: str, params: dict[str, Any]) -> str:
    """A deadline's title or basis, translated (context "Departures") and filled in."""
    values = {
        k: QCoreApplication.translate("Departures", v) if k == "kind" and isinstance(v, str) else v
        for k, v in params.items()
    }
    text = QCoreApplication.translate("Departures", template)
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError):
        return template.format(**values)


class RecordDutyDialog(TaskDialog):
    """Record a legal duty done (termination certificate issued, file transferred …)."""

    def __init__(
        self,
        ctx: ServiceContext,
        runner: TaskRunner,
        case_id: int,
        duty: str,
        title: str,
        done_on: date | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, self.tr("Record done"), parent)
        self.ctx, self.case_id, self.duty = ctx, case_id, duty
        self.set_intro(f"<b>{_html(title)}</b>")
        self.day = DateEdit(done_on or ctx.today())
        self.note = QLineEdit()
        self.add_row("done_on", self.tr("Done on"), self.day)
        self.add_row("note", self.tr("Note"), self.note)
        self.ok_button.setText(self.tr("Record"))

    def submit(self) -> None:
        self.run(
            departures.record_duty,
            self.ctx,
            self.case_id,
            self.duty,
            self.day.value(),
            self.note.text(),
        )


#: The business settings the non-compete form starts from (the law's floor and ceiling).
NON_COMPETE_SETTINGS = (
    bsettings.NON_COMPETE_MIN_PERCENT,
    bsettings.NON_COMPETE_MAX_MONTHS,
    bsettings.LOCAL_MINIMUM_WAGE,
)


class NonCompeteDialog(TaskDialog):
    """The firm's non-compete decision, checked against the law's floor and ceiling."""

    def __init__(
        self,
        ctx: ServiceContext,
        runner: TaskRunner,
        detail: CaseDetail,
        parent: QWidget | None = None,
        *,
        settings: dict[str, Any],
    ) -> None:
        super().__init__(runner, self.tr("Non-compete decision"), parent)
        self.ctx = ctx
        self.case_id = detail.case.id
        nc = detail.non_compete
        self.percent = int(settings[bsettings.NON_COMPETE_MIN_PERCENT])
        longest = int(settings[bsettings.NON_COMPETE_MAX_MONTHS])
        default_minimum = Decimal(str(settings[bsettings.LOCAL_MINIMUM_WAGE] or 0))
        self.set_intro(
            fill(
                self.tr(
                    "None (0 months), or at most %1 months with a monthly compensation of at "
                    "least %2% of the last 12 months' average wage and at least the local "
                    "minimum wage."
                ),
                longest,
                self.percent,
            )
        )
        self.months = QSpinBox()
        self.months.setRange(0, 120)
        self.months.setSuffix(self.tr(" months"))
        self.months.setValue(nc.months or 0)
        self.monthly = MoneyEdit()
        self.monthly.set_value(nc.monthly)
        self.average = MoneyEdit()
        self.average.set_value(nc.average_monthly_wage)
        self.minimum = MoneyEdit()
        self.minimum.set_value(nc.local_minimum_wage or (default_minimum or None))
        self.floor = QLabel()
        set_style_role(self.floor, "role", "hint")
        self.add_row("months", self.tr("Duration"), self.months)
        self.add_row(
            "average_monthly_wage", self.tr("Average monthly wage (12 months)"), self.average
        )
        self.add_row("local_minimum_wage", self.tr("Local minimum wage"), self.minimum)
        self.add_row("monthly", self.tr("Monthly compensation"), self.monthly)
        self.form.addRow("", self.floor)
        for edit in (self.average, self.minimum):
            edit.textChanged.connect(lambda _t: self._floor())
        self.months.valueChanged.connect(lambda _v: self._floor())
        self._floor()
        self.ok_button.setText(self.tr("Record the decision"))

    def _floor(self) -> None:
        on = self.months.value() > 0
        for w in (self.monthly, self.average, self.minimum):
            w.setEnabled(on)
        average, minimum = self.average.value(), self.minimum.value()
        if not on or average is None:
            self.floor.setText("")
            return
        self.floor.setText(
            fill(
                self.tr("At least %1 a month (%2% of the average wage; local minimum %3)."),
                format_money(departures.non_compete_least(average, minimum, self.percent)),
                self.percent,
                format_money(minimum) if minimum is not None else "—",
            )
        )

    def submit(self) -> None:
        bad = {
            name: self.tr("Enter an amount such as 4500 or 4,500.00.")
            for name, edit in (
                ("monthly", self.monthly),
                ("average_monthly_wage", self.average),
                ("local_minimum_wage", self.minimum),
            )
            if not edit.is_valid()
        }
        if bad:
            self.errors.show(bad)
            return
        months = self.months.value()
        data = NonCompeteInput(
            months=months,
            monthly=self.monthly.value() if months else None,
            average_monthly_wage=self.average.value() if months else None,
            local_minimum_wage=self.minimum.value() if months else None,
        )
        self.run(departures.decide_non_compete, self.ctx, self.case_id, data)


class NonCompetePaymentDialog(TaskDialog):
    def __init__(
        self,
        ctx: ServiceContext,
        runner: TaskRunner,
        case_id: int,
        month: int,
        amount: Decimal | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, self.tr("Non-compete compensation paid"), parent)
        self.ctx, self.case_id, self.month = ctx, case_id, month
        self.set_intro(fill(self.tr("Month %1 of the non-compete period"), month))
        self.amount = MoneyEdit()
        self.amount.set_value(amount)
        self.day = DateEdit(ctx.today())
        self.add_row("amount", self.tr("Amount paid"), self.amount)
        self.add_row("paid_on", self.tr("Paid on"), self.day)
        self.ok_button.setText(self.tr("Record"))

    def submit(self) -> None:
        value = self.amount.value()
        if value is None:
            self.errors.show({"amount": self.tr("Enter an amount such as 4500 or 4,500.00.")})
            return
        self.run(
            departures.record_non_compete_payment,
            self.ctx,
            self.case_id,
            self.month,
            value,
            self.day.value(),
        )


class ReleaseDialog(TaskDialog):
    def __init__(
        self,
        ctx: ServiceContext,
        runner: TaskRunner,
        case_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, self.tr("Release from the non-compete"), parent)
        self.ctx, self.case_id = ctx, case_id
        self.set_intro(
            self.tr(
                "Later months are no longer due, and 3 months' compensation is due in addition "
                "(it appears in the deadlines)."
            )
        )
        self.day = DateEdit(ctx.today())
        self.add_row("on", self.tr("Released on"), self.day)
        self.ok_button.setText(self.tr("Release"))

    def submit(self) -> None:
        self.run(departures.release_non_compete, self.ctx, self.case_id, self.day.value())


class AcknowledgeDialog(TaskDialog):
    """Record that the employee, present, acknowledged the checked clauses."""

    def __init__(
        self,
        ctx: ServiceContext,
        runner: TaskRunner,
        detail: CaseDetail,
        preselected: set[int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, self.tr("Acknowledge clauses"), parent)
        self.ctx = ctx
        self.case_id = detail.case.id
        self.set_intro(
            fill(
                self.tr(
                    "Record that %1 read and acknowledged these clauses now, in your presence "
                    "(the time, the version and the text's SHA-256 are kept)."
                ),
                _html(detail.case.employee_name),
            )
        )
        self.boxes: list[tuple[QCheckBox, int]] = []
        box = QVBoxLayout()
        order = ui_language_first([v.clause.language for v in detail.clauses])
        for view in (detail.clauses[i] for i in order):  # the window's language first
            c = view.clause
            check = QCheckBox(
                fill(self.tr("%1 (%2, version %3)"), c.title, language_name(c.language), c.version)
            )
            check.setChecked(c.id in preselected)
            if view.acknowledged and not view.outdated:
                check.setEnabled(False)
                check.setChecked(False)
                check.setText(check.text() + " — " + self.tr("acknowledged"))
            box.addWidget(check)
            self.boxes.append((check, c.id))
        self.add_row("clause_ids", self.tr("Clauses"), _wrap(box))
        self.ok_button.setText(self.tr("Acknowledge"))

    def chosen(self) -> list[int]:
        return [ident for check, ident in self.boxes if check.isChecked() and check.isEnabled()]

    def submit(self) -> None:
        ids = self.chosen()
        if not ids:
            self.errors.show(
                {"clause_ids": self.tr("Check the clauses the employee acknowledged.")}
            )
            return
        self.run(departures.acknowledge_clauses, self.ctx, self.case_id, ids)
