"""The commission plan editor: base, trigger, flat or tiered rates, effective dates, who the plan
applies to, and the handover policy — with its warnings shown as the options are chosen."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from html import escape
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import ValidationError, ValidationErrors
from desktop.i18n import format_date
from desktop.services.commissions import plans as cp
from desktop.services.commissions.plans import PlanInfo, PlanInput, TierInput
from desktop.services.commissions.rules import percent_text
from desktop.services.context import Changes, ServiceContext
from desktop.services.dates import first_of_month
from desktop.views.errors import show_error, translate_error
from desktop.views.pages.base import save_in_background
from desktop.views.pages.staff import OptionalDate
from desktop.views.qtext import fill
from desktop.views.widgets.forms import FieldErrors
from desktop.views.widgets.inputs import DateEdit, SearchPicker, choice_items
from desktop.views.widgets.style import set_style_role
from desktop.views.workers import TaskRunner

HUNDRED = Decimal(100)


def base_label(value: str) -> str:
    return {
        "revenue": QCoreApplication.translate("CommissionLabels", "freight revenue"),
        "margin": QCoreApplication.translate(
            "CommissionLabels", "gross margin (revenue − carrier cost)"
        ),
    }.get(value, value)


def trigger_label(value: str) -> str:
    return {
        "order": QCoreApplication.translate("CommissionLabels", "on the order date"),
        "payment": QCoreApplication.translate(
            "CommissionLabels", "on payment collected (回款提成)"
        ),
    }.get(value, value)


def window_label(value: str) -> str:
    return {
        "departing": QCoreApplication.translate("CommissionLabels", "the departing employee"),
        "successor": QCoreApplication.translate("CommissionLabels", "the successor"),
        "split": QCoreApplication.translate("CommissionLabels", "split between them"),
        "company": QCoreApplication.translate("CommissionLabels", "the company (forfeited)"),
    }.get(value, value)


def after_label(value: str) -> str:
    return {
        "pay": QCoreApplication.translate("CommissionLabels", "pay it"),
        "pay_within": QCoreApplication.translate(
            "CommissionLabels", "pay it only if collected within N days"
        ),
        "forfeit": QCoreApplication.translate("CommissionLabels", "forfeit it"),
        "collector": QCoreApplication.translate(
            "CommissionLabels", "give it to the collector of record"
        ),
    }.get(value, value)


def rates_text(info: PlanInfo) -> str:
    if info.rate_mode == "flat":
        return percent_text(info.flat_rate)
    steps = " / ".join(percent_text(t.rate) for t in info.tiers)
    mode = (
        QCoreApplication.translate("CommissionLabels", "marginal")
        if info.tier_mode == "marginal"
        else QCoreApplication.translate("CommissionLabels", "whole amount")
    )
    return f"{steps} ({mode})"


def _percent(text: str) -> Decimal | None:
    """A rate typed in percent ("3.5", "3.5%") as a fraction (0.035); None if not a number."""
    clean = text.strip().rstrip("%").strip().replace(",", ".")
    try:
        value = Decimal(clean)
    except InvalidOperation:
        return None
    return value / HUNDRED if value.is_finite() else None


def _yuan(text: str) -> Decimal | None:
    clean = text.strip().replace(",", "").replace("¥", "")
    try:
        value = Decimal(clean)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def plan_form(ctx: ServiceContext, info: PlanInfo | None) -> tuple[PlanInput, list[Any]]:
    """What the plan form starts from -- the plan, or the standard plan for a new one -- and
    the positions it offers; read on the worker before the form opens."""
    data = info.as_input() if info else cp.standard_plan(ctx, "", first_of_month(ctx.today()))
    return data, list(cp.positions(ctx))


class PlanDialog(QDialog):
    """Create or edit a plan (read-only for those who may not edit plans)."""

    def __init__(
        self,
        ctx: ServiceContext,
        runner: TaskRunner,
        info: PlanInfo | None,
        form: tuple[PlanInput, list[Any]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner = runner
        self.info = info
        self.editable = cp.may_edit(ctx)
        self.changes: Changes | None = None
        self.setWindowTitle(
            fill(self.tr("Commission plan: %1"), info.name)
            if info
            else self.tr("New commission plan")
        )
        self.resize(760, 820)
        data, positions = form

        self.name = QLineEdit(data.name)
        self.base = QComboBox()
        choice_items(self.base, [(v, base_label(v)) for v in ("revenue", "margin")], data.base)
        self.trigger = QComboBox()
        choice_items(
            self.trigger, [(v, trigger_label(v)) for v in ("order", "payment")], data.trigger
        )
        self.rate_mode = QComboBox()
        choice_items(
            self.rate_mode,
            [("flat", self.tr("one flat rate")), ("tiered", self.tr("tiers by monthly base"))],
            data.rate_mode,
        )
        self.flat_rate = QLineEdit(self._pct(data.flat_rate))
        self.flat_rate.setPlaceholderText(self.tr("e.g. 3.5 (percent)"))
        self.tier_mode = QComboBox()
        choice_items(
            self.tier_mode,
            [
                ("marginal", self.tr("marginal: each tier's rate on the part of the base in it")),
                ("whole", self.tr("whole amount: the reached tier's rate on the whole base")),
            ],
            data.tier_mode,
        )
        self.tiers = QTableWidget(0, 3)
        self.tiers.setHorizontalHeaderLabels(
            [self.tr("From (¥)"), self.tr("To (¥, empty: no limit)"), self.tr("Rate (%)")]
        )
        self.tiers.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.tiers.verticalHeader().setVisible(True)
        self.tiers.setMinimumHeight(120)
        for t in data.tiers:
            self._add_tier(t)
        self.add_tier = QPushButton(self.tr("Add tier"))
        self.add_tier.clicked.connect(lambda: self._add_tier(None))
        self.remove_tier = QPushButton(self.tr("Remove tier"))
        self.remove_tier.clicked.connect(self._remove_tier)
        tier_box = QWidget()
        tier_layout = QVBoxLayout(tier_box)
        tier_layout.setContentsMargins(0, 0, 0, 0)
        tier_layout.addWidget(self.tier_mode)
        tier_layout.addWidget(self.tiers)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(self.add_tier)
        buttons_row.addWidget(self.remove_tier)
        buttons_row.addStretch()
        tier_layout.addLayout(buttons_row)
        self.tier_box = tier_box

        self.effective_from = DateEdit(data.effective_from)
        self.effective_until = OptionalDate(data.effective_until)

        self.positions = QListWidget()
        self.positions.setMaximumHeight(110)
        chosen = set(data.position_ids)
        for p in positions:
            item = QListWidgetItem(p.label)
            item.setData(Qt.ItemDataRole.UserRole, p.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if p.id in chosen else Qt.CheckState.Unchecked)
            self.positions.addItem(item)
        self.employees = QListWidget()
        self.employees.setMaximumHeight(90)
        self.employees.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for e in info.employees if info else ():
            self._add_employee(e.id, e.label)
        self.picker = SearchPicker(self._search_employees, runner)
        self.add_employee = QPushButton(self.tr("Add"))
        self.add_employee.clicked.connect(self._pick_employee)
        self.remove_employee = QPushButton(self.tr("Remove"))
        self.remove_employee.clicked.connect(
            lambda: self.employees.takeItem(self.employees.currentRow())
        )
        people = QWidget()
        people_layout = QVBoxLayout(people)
        people_layout.setContentsMargins(0, 0, 0, 0)
        pick_row = QHBoxLayout()
        pick_row.addWidget(self.picker, 1)
        pick_row.addWidget(self.add_employee)
        pick_row.addWidget(self.remove_employee)
        people_layout.addLayout(pick_row)
        people_layout.addWidget(self.employees)

        self.window_rule = QComboBox()
        choice_items(
            self.window_rule,
            [(v, window_label(v)) for v in ("departing", "successor", "split", "company")],
            data.window_rule,
        )
        self.split_x = QSpinBox()
        self.split_y = QSpinBox()
        for box, value in (
            (self.split_x, data.split_departing),
            (self.split_y, data.split_successor),
        ):
            box.setRange(1, 1000)
            box.setValue(value)
        split = QWidget()
        split_layout = QHBoxLayout(split)
        split_layout.setContentsMargins(0, 0, 0, 0)
        split_layout.addWidget(QLabel(self.tr("departing")))
        split_layout.addWidget(self.split_x)
        split_layout.addWidget(QLabel(":"))
        split_layout.addWidget(self.split_y)
        split_layout.addWidget(QLabel(self.tr("successor")))
        split_layout.addStretch()
        self.split = split
        self.after_rule = QComboBox()
        choice_items(
            self.after_rule,
            [(v, after_label(v)) for v in ("pay", "pay_within", "forfeit", "collector")],
            data.after_rule,
        )
        self.after_days = QSpinBox()
        self.after_days.setRange(1, cp.MAX_DAYS)
        self.after_days.setSuffix(self.tr(" days"))
        self.after_days.setValue(max(1, data.after_days or 90))
        self.clawback = QCheckBox(self.tr("Claw back when the invoice is written off within"))
        self.clawback.setChecked(data.clawback_days is not None)
        self.clawback_days = QSpinBox()
        self.clawback_days.setRange(1, cp.MAX_DAYS)
        self.clawback_days.setSuffix(self.tr(" days of the commission"))
        self.clawback_days.setValue(data.clawback_days or 180)
        claw = QWidget()
        claw_layout = QHBoxLayout(claw)
        claw_layout.setContentsMargins(0, 0, 0, 0)
        claw_layout.addWidget(self.clawback)
        claw_layout.addWidget(self.clawback_days)
        claw_layout.addStretch()
        self.note = QPlainTextEdit(data.note or "")
        self.note.setMaximumHeight(60)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setTextFormat(Qt.TextFormat.RichText)
        self.warning.setObjectName("policyWarning")

        self.errors = FieldErrors()
        plan_form = QFormLayout()
        self.errors.add_row(plan_form, "name", self.tr("Name"), self.name)
        self.errors.add_row(plan_form, "base", self.tr("Commission on"), self.base)
        self.errors.add_row(plan_form, "trigger", self.tr("Earned"), self.trigger)
        self.errors.add_row(plan_form, "rate_mode", self.tr("Rates"), self.rate_mode)
        self.errors.add_row(plan_form, "flat_rate", self.tr("Flat rate (%)"), self.flat_rate)
        self.errors.add_row(plan_form, "tiers", self.tr("Tiers"), tier_box)
        self.errors.add_row(
            plan_form, "effective_from", self.tr("In force from"), self.effective_from
        )
        self.errors.add_row(
            plan_form, "effective_until", self.tr("Last day (optional)"), self.effective_until
        )
        self.errors.add_row(plan_form, "positions", self.tr("Positions"), self.positions)
        self.errors.add_row(plan_form, "assignments", self.tr("Employees"), people)
        self.errors.add_row(plan_form, "note", self.tr("Note"), self.note)
        plan_group = QGroupBox(self.tr("Plan"))
        plan_group.setLayout(plan_form)
        policy_form = QFormLayout()
        policy_form.addRow(
            QLabel(
                self.tr(
                    "Orders before the notice date are always the departing employee's. "
                    "Attribution follows the ownership history and the departure case, never "
                    "today's owner."
                )
            )
        )
        self.errors.add_row(
            policy_form,
            "window_rule",
            self.tr("Orders in the handover window go to"),
            self.window_rule,
        )
        self.errors.add_row(policy_form, "split", self.tr("Split X:Y"), split)
        self.errors.add_row(
            policy_form,
            "after_rule",
            self.tr("Money collected after the last working day"),
            self.after_rule,
        )
        self.errors.add_row(policy_form, "after_days", self.tr("N"), self.after_days)
        self.errors.add_row(policy_form, "clawback_days", self.tr("Bad debt"), claw)
        policy_group = QGroupBox(self.tr("Handover policy"))
        policy_group.setLayout(policy_form)
        for label in policy_group.findChildren(QLabel):
            label.setWordWrap(True)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(plan_group)
        body_layout.addWidget(policy_group)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.general = QLabel()
        set_style_role(self.general, "role", "error")
        self.general.setWordWrap(True)
        buttons = QDialogButtonBox(
            (
                QDialogButtonBox.StandardButton.Save
                if self.editable
                else QDialogButtonBox.StandardButton.NoButton
            )
            | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.warning)
        layout.addWidget(self.general)
        layout.addWidget(buttons)

        for combo in (self.rate_mode, self.window_rule, self.after_rule):
            combo.currentIndexChanged.connect(self._sync)
        self.clawback.toggled.connect(self._sync)
        self.after_days.valueChanged.connect(self._sync)
        self._sync()
        if not self.editable:
            body.setEnabled(False)

    # -- pieces ------------------------------------------------------------------

    @staticmethod
    def _pct(rate: Decimal) -> str:
        text = f"{(rate * HUNDRED).normalize():f}"
        return text

    def _add_tier(self, tier: TierInput | None) -> None:
        row = self.tiers.rowCount()
        self.tiers.insertRow(row)
        if tier is None:
            previous = self.tiers.item(row - 1, 1) if row else None
            lower = previous.text() if previous is not None and previous.text() else "0"
            values = (lower, "", "")
        else:
            values = (
                f"{tier.lower:.2f}",
                "" if tier.upper is None else f"{tier.upper:.2f}",
                self._pct(tier.rate),
            )
        for col, text in enumerate(values):
            self.tiers.setItem(row, col, QTableWidgetItem(text))

    def _remove_tier(self) -> None:
        row = self.tiers.currentRow()
        self.tiers.removeRow(row if row >= 0 else self.tiers.rowCount() - 1)

    def _search_employees(self, text: str) -> list[tuple[int, str]]:
        return [(c.id, c.label) for c in cp.pick_employees(self.ctx, text)]

    def _add_employee(self, employee_id: int, label: str) -> None:
        for i in range(self.employees.count()):
            if self.employees.item(i).data(Qt.ItemDataRole.UserRole) == employee_id:
                return
        item = QListWidgetItem(label)
        item.setData(Qt.ItemDataRole.UserRole, employee_id)
        self.employees.addItem(item)

    def _pick_employee(self) -> None:
        employee = self.picker.value()
        if employee is not None:
            self._add_employee(employee, self.picker.text())
            self.picker.clear()

    def _sync(self) -> None:
        tiered = self.rate_mode.currentData() == "tiered"
        self.flat_rate.setEnabled(self.editable and not tiered)
        self.tier_box.setEnabled(self.editable and tiered)
        self.split.setEnabled(self.editable and self.window_rule.currentData() == "split")
        self.after_days.setEnabled(self.editable and self.after_rule.currentData() == "pay_within")
        self.clawback_days.setEnabled(self.editable and self.clawback.isChecked())
        warnings = cp.policy_warnings(
            str(self.window_rule.currentData()),
            str(self.after_rule.currentData()),
            self.after_days.value(),
            self.clawback_days.value() if self.clawback.isChecked() else None,
        )
        self.show_warnings(warnings)

    def show_warnings(self, warnings: list[cp.PolicyWarning]) -> None:
        if not warnings:
            self.warning.clear()
            self.warning.hide()
            return
        parts = []
        for w in warnings:
            colour = "#b00020" if w.forfeits else "#8a5a00"
            head = self.tr("Warning:") if w.forfeits else self.tr("Note:")
            text = escape(w.text(QCoreApplication.translate))
            parts.append(f"<p style='color:{colour}'><b>{head}</b> {text}</p>")
        self.warning.setText("".join(parts))
        self.warning.show()

    # -- saving ------------------------------------------------------------------

    def _tiers(self, problems: dict[str, str]) -> tuple[TierInput, ...]:
        out = []
        for row in range(self.tiers.rowCount()):
            cells = [
                (self.tiers.item(row, c).text() if self.tiers.item(row, c) else "").strip()
                for c in range(3)
            ]
            lower, upper, rate = _yuan(cells[0] or "0"), None, _percent(cells[2])
            if cells[1]:
                upper = _yuan(cells[1])
                if upper is None:
                    problems["tiers"] = fill(
                        self.tr("Tier %1: the upper bound is not an amount."), row + 1
                    )
            if lower is None:
                problems["tiers"] = fill(
                    self.tr("Tier %1: the lower bound is not an amount."), row + 1
                )
            if rate is None:
                problems["tiers"] = fill(self.tr("Tier %1: the rate is not a percentage."), row + 1)
            if lower is not None and rate is not None:
                out.append(TierInput(lower, upper, rate))
        return tuple(out)

    def plan_input(self) -> tuple[PlanInput | None, dict[str, str]]:
        problems: dict[str, str] = {}
        flat = Decimal(0)
        if self.rate_mode.currentData() == "flat":
            parsed = _percent(self.flat_rate.text())
            if parsed is None:
                problems["flat_rate"] = self.tr("Enter the rate in percent, e.g. 3.5.")
            else:
                flat = parsed
        tiers = self._tiers(problems) if self.rate_mode.currentData() == "tiered" else ()
        positions = tuple(
            self.positions.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.positions.count())
            if self.positions.item(i).checkState() == Qt.CheckState.Checked
        )
        employees = tuple(
            self.employees.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.employees.count())
        )
        if problems:
            return None, problems
        until: date | None = self.effective_until.value()
        return (
            PlanInput(
                name=self.name.text(),
                base=str(self.base.currentData()),
                trigger=str(self.trigger.currentData()),
                rate_mode=str(self.rate_mode.currentData()),
                tier_mode=str(self.tier_mode.currentData()),
                flat_rate=flat,
                tiers=tiers,
                effective_from=self.effective_from.value(),
                effective_until=until,
                window_rule=str(self.window_rule.currentData()),
                split_departing=self.split_x.value(),
                split_successor=self.split_y.value(),
                after_rule=str(self.after_rule.currentData()),
                after_days=self.after_days.value(),
                clawback_days=self.clawback_days.value() if self.clawback.isChecked() else None,
                employee_ids=employees,
                position_ids=positions,
                note=self.note.toPlainText() or None,
            ),
            {},
        )

    def save(self) -> None:
        data, problems = self.plan_input()
        if data is None:
            self.errors.show(problems)
            self.general.setText(self.tr("Correct the fields marked in red."))
            return
        save_in_background(
            self,
            self.runner,
            cp.save_plan,
            self.ctx,
            data,
            self.info.id if self.info else None,
            self.info.version if self.info else None,
            on_problems=self._problems,
        )

    def _problems(self, exc: ValidationError | ValidationErrors) -> None:
        errors: dict[str, str] = {}
        for e in exc.errors if isinstance(exc, ValidationErrors) else [exc]:
            key = e.field or "_"
            text = translate_error(e)
            errors[key] = f"{errors[key]}\n{text}" if key in errors else text
        self.errors.show(errors)
        self.general.setText(errors.get("_", self.tr("Correct the fields marked in red.")))


class PlansDialog(QDialog):
    """Every plan, with New / Edit / Delete for those who may edit plans."""

    def __init__(
        self,
        ctx: ServiceContext,
        runner: TaskRunner,
        plans: list[PlanInfo],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner = runner
        self.changed: Changes | None = None
        self.setWindowTitle(self.tr("Commission plans"))
        self.resize(900, 420)
        self.table = QTableWidget(0, 7)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Name"),
                self.tr("On"),
                self.tr("Earned"),
                self.tr("Rates"),
                self.tr("In force"),
                self.tr("Applies to"),
                self.tr("Policy"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(lambda _i: self.edit())
        editable = cp.may_edit(ctx)
        self.new_button = QPushButton(self.tr("New plan…"))
        self.new_button.clicked.connect(self.new)
        self.edit_button = QPushButton(self.tr("Edit…") if editable else self.tr("View…"))
        self.edit_button.clicked.connect(self.edit)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.clicked.connect(self.delete)
        self.new_button.setVisible(editable)
        self.delete_button.setVisible(editable)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        for b in (self.new_button, self.edit_button, self.delete_button):
            row.addWidget(b)
        row.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table)
        layout.addWidget(close)
        self.plans: list[PlanInfo] = []
        self.show_plans(plans)

    @staticmethod
    def read(ctx: ServiceContext) -> list[PlanInfo]:
        """What the dialog lists (run it on the worker)."""
        return cp.list_plans(ctx)

    def refresh(self) -> None:
        """Read the plans again on the worker."""
        self.runner.start(
            self.read, self.ctx, on_done=self.show_plans, on_error=lambda e: show_error(self, e)
        )

    def show_plans(self, plans: list[PlanInfo]) -> None:
        self.plans = plans
        self.table.setRowCount(len(self.plans))
        for r, p in enumerate(self.plans):
            applies = ", ".join([x.label for x in p.positions] + [x.label for x in p.employees])
            until = format_date(p.effective_until) if p.effective_until else "…"
            policy = window_label(p.window_rule)
            if p.window_rule == "split":
                policy += f" {p.split_departing}:{p.split_successor}"
            policy += " / " + after_label(p.after_rule).replace("N", str(p.after_days))
            if p.warnings and any(w.forfeits for w in p.warnings):
                policy = "⚠ " + policy
            values = [
                p.name,
                base_label(p.base),
                trigger_label(p.trigger),
                rates_text(p),
                f"{format_date(p.effective_from)} – {until}",
                applies,
                policy,
            ]
            for c, v in enumerate(values):
                item = QTableWidgetItem(v)
                if c == 6 and p.warnings:
                    item.setToolTip(
                        "\n\n".join(w.text(QCoreApplication.translate) for w in p.warnings)
                    )
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()

    def _selected(self) -> PlanInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.plans[rows[0].row()] if rows else None

    def new(self) -> None:
        self._open(None)

    def edit(self) -> None:
        plan = self._selected()
        if plan is not None:
            self._open(plan)

    def _open(self, plan: PlanInfo | None) -> None:
        """Read the form's data on the worker, then open the plan form."""
        self.runner.start(
            plan_form,
            self.ctx,
            plan,
            on_done=lambda form: self._edit(plan, form),
            on_error=lambda e: show_error(self, e),
        )

    def _edit(self, plan: PlanInfo | None, form: tuple[PlanInput, list[Any]]) -> None:
        dialog = PlanDialog(self.ctx, self.runner, plan, form, self)
        if dialog.exec():
            self.changed = dialog.changes
            self.refresh()

    def delete(self) -> None:
        plan = self._selected()
        if plan is None:
            return
        self.runner.start(
            cp.delete_plan,
            self.ctx,
            plan.id,
            on_done=self._deleted,
            on_error=lambda e: show_error(self, e),
        )

    def _deleted(self, changes: Changes) -> None:
        self.changed = changes
        self.refresh()
