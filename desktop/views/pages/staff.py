"""Staff: employees with their branch, position and status; what each one owns and leaves open."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import BatonError, ValidationError, ValidationErrors
from desktop.i18n import format_date, format_money
from desktop.services import money, organisation, staff
from desktop.services.changes import Kind
from desktop.services.context import Changes, ServiceContext
from desktop.services.permissions import Action, can
from desktop.services.staff import EmployeeDetail, EmployeeInput, EmployeeRow
from desktop.views.labels import employee_status_label
from desktop.views.pages.base import save_in_background
from desktop.views.pages.customers import _errors_by_field, employee_picker
from desktop.views.pages.listing import ListPage
from desktop.views.qtext import fill
from desktop.views.tablemodels import Column
from desktop.views.widgets.commissions import EmployeeCommissions
from desktop.views.widgets.forms import FieldErrors
from desktop.views.widgets.inputs import DateEdit, choice_items
from desktop.views.widgets.style import set_style_role
from desktop.views.workers import TaskRunner

STATUSES = ("active", "notice", "handover", "departed")


class OptionalDate(QWidget):
    """A date that may be left empty (a checkbox enables it)."""

    def __init__(self, value: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.enabled = QCheckBox()
        self.edit = DateEdit(value)
        self.enabled.setChecked(value is not None)
        self.edit.setEnabled(value is not None)
        self.enabled.toggled.connect(self.edit.setEnabled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.enabled)
        layout.addWidget(self.edit, 1)

    def value(self) -> Any:
        return self.edit.value() if self.enabled.isChecked() else None


@dataclass(frozen=True)
class EmployeeChoices:
    """What the employee form's lists offer, read on the worker before the form opens."""

    branches: list[tuple[int, str]]
    positions: list[tuple[int, str]]
    departments: dict[int, list[tuple[int, str]]]


def employee_choices(ctx: ServiceContext) -> EmployeeChoices:
    """Branches, positions and every branch's departments (a firm has a handful of each)."""
    branches = [(b.id, b.name) for b in organisation.list_branches(ctx)]
    return EmployeeChoices(
        branches,
        [(p.id, p.name) for p in staff.list_positions(ctx)],
        {b: [(d.id, d.name) for d in staff.list_departments(ctx, b)] for b, _n in branches},
    )


def employee_form(ctx: ServiceContext, employee_id: int | None) -> tuple[Any, EmployeeChoices]:
    """The employee (ID number shown: the form edits it) and the lists, in one worker run."""
    detail = staff.get_employee(ctx, employee_id, True) if employee_id is not None else None
    return detail, employee_choices(ctx)


class EmployeeDialog(QDialog):
    def __init__(
        self,
        ctx: ServiceContext,
        runner: TaskRunner,
        detail: EmployeeDetail | None,
        choices: EmployeeChoices,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner = runner
        self.detail = detail
        self.choices = choices
        self.setWindowTitle(self.tr("Edit employee") if detail else self.tr("New employee"))
        d = detail
        self.employee_no = QLineEdit(d.employee_no if d else "")
        self.name = QLineEdit(d.name if d else "")
        self.branch = QComboBox()
        choice_items(
            self.branch,
            [(None, "—"), *choices.branches],
            d.branch_id if d else None,
        )
        self.department = QComboBox()
        self.position = QComboBox()
        choice_items(
            self.position,
            [(None, "—"), *choices.positions],
            d.position_id if d else None,
        )
        self.branch.currentIndexChanged.connect(self._departments)
        self._departments()
        self.department.setCurrentIndex(
            max(0, self.department.findData(d.department_id if d else None))
        )
        self.manager = employee_picker(ctx, runner, sales_only=False)
        if d and d.manager_id:
            self.manager.set_value(d.manager_id, d.manager_name or "")
        self.phone = QLineEdit(d.phone or "" if d else "")
        self.email = QLineEdit(d.email or "" if d else "")
        self.id_number = QLineEdit(d.id_number or "" if d else "")
        self.id_number.setEnabled(can(ctx.actor.role, Action.PERSONAL_DATA_VIEW))
        self.hire_date = OptionalDate(d.hire_date if d else ctx.today())
        self.probation_end = OptionalDate(d.probation_end if d else None)
        self.status = QComboBox()
        choice_items(
            self.status,
            [(s, employee_status_label(s)) for s in STATUSES],
            d.status if d else "active",
        )
        self.departed_on = OptionalDate(d.departed_on if d else None)
        self.is_sales = QCheckBox(self.tr("Sells to customers (can own customers)"))
        self.is_sales.setChecked(d.is_sales if d else False)
        self.non_compete = QCheckBox(self.tr("Non-compete agreement"))
        self.non_compete.setChecked(d.non_compete if d else False)
        self.confidentiality = QCheckBox(self.tr("Confidentiality duty"))
        self.confidentiality.setChecked(d.confidentiality if d else False)
        self.errors = FieldErrors()
        form = QFormLayout()
        for name, label, widget in (
            ("employee_no", self.tr("Employee number"), self.employee_no),
            ("name", self.tr("Name"), self.name),
            ("branch_id", self.tr("Branch"), self.branch),
            ("department_id", self.tr("Department"), self.department),
            ("position_id", self.tr("Position"), self.position),
            ("manager_id", self.tr("Manager"), self.manager),
            ("phone", self.tr("Phone"), self.phone),
            ("email", self.tr("E-mail"), self.email),
            ("id_number", self.tr("ID number"), self.id_number),
            ("hire_date", self.tr("Hire date"), self.hire_date),
            ("probation_end", self.tr("Probation ends"), self.probation_end),
            ("status", self.tr("Status"), self.status),
            ("departed_on", self.tr("Departed on"), self.departed_on),
            ("is_sales", "", self.is_sales),
            ("non_compete", "", self.non_compete),
            ("confidentiality", "", self.confidentiality),
        ):
            self.errors.add_row(form, name, label, widget)
        self.general = QLabel()
        set_style_role(self.general, "role", "error")
        self.general.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general)
        layout.addWidget(buttons)
        self.changes: Changes | None = None

    def _departments(self) -> None:
        branch = self.branch.currentData()
        items = [(None, "—")]
        if branch is not None:
            items += self.choices.departments.get(branch, [])
        choice_items(self.department, items, self.department.currentData())

    def save(self) -> None:
        data = EmployeeInput(
            employee_no=self.employee_no.text(),
            name=self.name.text(),
            branch_id=self.branch.currentData(),
            department_id=self.department.currentData(),
            position_id=self.position.currentData(),
            manager_id=self.manager.value() if self.manager.text().strip() else None,
            phone=self.phone.text() or None,
            email=self.email.text() or None,
            id_number=(self.id_number.text() or None)
            if self.id_number.isEnabled()
            else (self.detail.id_number if self.detail else None),
            hire_date=self.hire_date.value(),
            probation_end=self.probation_end.value(),
            status=str(self.status.currentData()),
            is_sales=self.is_sales.isChecked(),
            non_compete=self.non_compete.isChecked(),
            confidentiality=self.confidentiality.isChecked(),
            departed_on=self.departed_on.value(),
        )
        if self.detail is None:
            save_in_background(
                self,
                self.runner,
                staff.create_employee,
                self.ctx,
                data,
                on_problems=self._problems,
            )
        else:
            save_in_background(
                self,
                self.runner,
                staff.update_employee,
                self.ctx,
                self.detail.id,
                data,
                expected_version=self.detail.version,
                on_problems=self._problems,
            )

    def _problems(self, exc: ValidationError | ValidationErrors) -> None:
        errors = _errors_by_field(exc)
        self.errors.show(errors)
        self.general.setText(errors.get("_", ""))


def employee_with_money(
    ctx: ServiceContext, employee_id: int, reveal: bool, with_money: bool
) -> tuple[EmployeeDetail, Any]:
    """The detail pane's data in one worker run: the employee (revealing the ID number is
    audited) and, for roles that see money, their open receivables (best effort)."""
    detail = staff.get_employee(ctx, employee_id, reveal_id_number=reveal)
    figures = None
    if with_money:
        try:
            figures = money.employee_receivables(ctx, employee_id)
        except BatonError:
            figures = None
    return detail, figures


class EmployeePane(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reveal = QPushButton(self.tr("Show ID number (audited)"))
        self.reveal.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.reveal)
        layout.addStretch()

    def show_employee(self, d: EmployeeDetail | None, money: Any = None) -> None:
        if d is None:
            self.text.clear()
            self.reveal.hide()
            return
        rows = [
            (self.tr("Employee number"), escape(d.employee_no)),
            (self.tr("Branch"), escape(d.branch_name or "—")),
            (self.tr("Department"), escape(d.department_name or "—")),
            (self.tr("Position"), escape(d.position_name or "—")),
            (self.tr("Manager"), escape(d.manager_name or "—")),
            (self.tr("Status"), employee_status_label(d.status)),
            (self.tr("Hire date"), format_date(d.hire_date) or "—"),
            (self.tr("Probation ends"), format_date(d.probation_end) or "—"),
            (self.tr("Phone"), escape(d.phone or "—")),
            (self.tr("ID number"), escape(d.id_number or "—")),
            (self.tr("App account"), escape(d.username or "—")),
            (self.tr("Customers owned"), str(d.customers_owned)),
            (self.tr("Direct reports"), str(d.direct_reports)),
        ]
        if money is not None:
            rows += [
                (
                    self.tr("Open receivables"),
                    fill(
                        self.tr("%1 (%n invoice(s))", "", money.open_receivables),
                        format_money(money.outstanding),
                    ),
                ),
                (
                    self.tr("Overdue"),
                    fill(
                        self.tr("%1 (%n invoice(s))", "", money.overdue_receivables),
                        format_money(money.overdue),
                    ),
                ),
            ]
        flags = [
            label
            for on, label in (
                (d.is_sales, self.tr("sales")),
                (d.non_compete, self.tr("non-compete")),
                (d.confidentiality, self.tr("confidentiality duty")),
            )
            if on
        ]
        if flags:
            rows.append((self.tr("Flags"), ", ".join(flags)))
        self.text.setText(
            f"<h3>{escape(d.name)}</h3><table cellspacing='4'>"
            + "".join(f"<tr><td style='color:#555'>{k}</td><td>{v}</td></tr>" for k, v in rows)
            + "</table>"
        )
        self.reveal.setVisible(d.id_number_masked)


class StaffPage(ListPage):
    action = Action.STAFF_VIEW
    watches = frozenset(
        {Kind.DEPARTMENTS, Kind.POSITIONS, Kind.EMPLOYEES, Kind.CUSTOMERS, Kind.RECEIVABLES}
    )
    import_kind = "staff"
    export_kind = "staff"
    #: A departure case was opened from here: the window shows it.
    open_case = Signal(int)

    def title(self) -> str:
        return self.tr("Staff")

    def placeholder(self) -> str:
        return self.tr("Search name or employee number…")

    def columns(self) -> list[Column]:
        return [
            Column(self.tr("No."), lambda r: r.employee_no, "employee_no"),
            Column(self.tr("Name"), lambda r: r.name, "name"),
            Column(self.tr("Branch"), lambda r: r.branch_name, "branch"),
            Column(self.tr("Department"), lambda r: r.department_name, "department"),
            Column(self.tr("Position"), lambda r: r.position_name, "position"),
            Column(self.tr("Status"), lambda r: employee_status_label(r.status), "status"),
            Column(self.tr("Hired"), lambda r: format_date(r.hire_date), "hire_date"),
            Column(
                self.tr("Customers"), lambda r: r.customers_owned, "customers", align_right=True
            ),
        ]

    def build_filters(self, bar: QHBoxLayout) -> None:
        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("Current staff"), ["active", "notice", "handover"])
        self.status_filter.addItem(self.tr("Leaving (notice or handover)"), ["notice", "handover"])
        self.status_filter.addItem(self.tr("Departed"), ["departed"])
        self.status_filter.addItem(self.tr("Everyone"), None)
        self.status_filter.currentIndexChanged.connect(self.filters_changed)
        self.sales_only = QCheckBox(self.tr("Sales only"))
        self.sales_only.toggled.connect(self.filters_changed)
        bar.addWidget(self.status_filter)
        bar.addWidget(self.sales_only)

    def filters(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        status = self.status_filter.currentData()
        if status:
            out["status"] = status
        if self.sales_only.isChecked():
            out["is_sales"] = True
        return out

    def fetch(
        self, offset: int, limit: int, search: str, sort: str | None, desc: bool
    ) -> list[EmployeeRow]:
        assert self.ctx is not None
        return staff.list_employees(
            self.ctx, offset, limit, search, sort, desc, self.filters() or None
        )

    def count(self, search: str) -> int:
        assert self.ctx is not None
        return staff.count_employees(self.ctx, search, self.filters() or None)

    def build_actions(self, bar: QHBoxLayout) -> None:
        self.new_button = QPushButton(self.tr("New employee…"))
        self.new_button.clicked.connect(self.new_employee)
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.clicked.connect(self.open_selected)
        self.depart_button = QPushButton(self.tr("Start departure…"))
        self.depart_button.clicked.connect(self.start_departure)
        bar.addWidget(self.new_button)
        bar.addWidget(self.edit_button)
        bar.addWidget(self.depart_button)
        self.privacy_button = QPushButton(self.tr("Personal data (PIPL)…"))
        self.privacy_button.setToolTip(
            self.tr("Publications of notices and rules; the retention purge (administrators)")
        )
        self.privacy_button.clicked.connect(self.open_privacy)
        bar.addWidget(self.privacy_button)

    def build_detail(self) -> QWidget:
        self.pane = EmployeePane()
        self.pane.reveal.clicked.connect(self.reveal_id)
        self.commission = EmployeeCommissions()
        self.detail_tabs = QTabWidget()
        self.detail_tabs.addTab(self.pane, self.tr("Employee"))
        self.detail_tabs.addTab(self.commission, self.tr("Commission"))
        from desktop.views.pages.privacy import PersonalDataTab

        self.personal = PersonalDataTab(self.runner)
        self.personal.changed.connect(self.emit_changes)
        self.detail_tabs.addTab(self.personal, self.tr("Personal data"))
        self.detail_tabs.currentChanged.connect(lambda _i: self._show_commission())
        self.detail_tabs.currentChanged.connect(lambda _i: self._show_personal())
        return self.detail_tabs

    def _show_personal(self) -> None:
        """The personal-data tab (acknowledgements, export), read when it is looked at."""
        if self.detail_tabs.currentWidget() is not self.personal:
            return
        row = self.panel.selected() if self.ctx is not None else None
        if row is None:
            self.personal.show_employee(None, None)
            return
        self.personal.show_employee(self.ctx, row.id, f"{row.name} ({row.employee_no})")

    def open_privacy(self) -> None:
        """The publication record and the retention purge."""
        from desktop.views.pages.privacy import PrivacyDialog

        if self.ctx is None:
            return
        self.privacy_dialog = PrivacyDialog(self.ctx, self.runner, self)
        self.privacy_dialog.changed.connect(self.emit_changes)
        self.privacy_dialog.open()

    def _show_commission(self) -> None:
        """The commission tab (roles that see commissions), read when it is looked at."""
        if self.detail_tabs.count() < 2:
            return
        allowed = self.ctx is not None and can(self.ctx.actor.role, Action.COMMISSIONS_VIEW)
        self.detail_tabs.setTabVisible(1, allowed)
        row = self.panel.selected() if self.ctx is not None else None
        if allowed and self.detail_tabs.currentWidget() is self.commission:
            if row is None:
                self.commission.clear()
                return
            self.run(
                self.commission.read,
                self.ctx,
                row.id,
                on_done=lambda d: self._if_selected(row.id, self.commission.show_data, d),
            )

    def _if_selected(self, row_id: int, show: Any, *args: Any) -> None:
        """Show what the worker read unless another row was selected meanwhile."""
        selected = self.panel.selected()
        if selected is not None and selected.id == row_id:
            show(*args)

    def update_actions(self, row: EmployeeRow | None) -> None:
        edit = self.ctx is not None and can(self.ctx.actor.role, Action.STAFF_EDIT)
        self.new_button.setEnabled(edit)
        self.edit_button.setEnabled(edit and row is not None)
        self.depart_button.setEnabled(
            self.ctx is not None
            and can(self.ctx.actor.role, Action.DEPARTURES_EDIT)
            and row is not None
            and row.status != "departed"
        )
        self.privacy_button.setEnabled(
            self.ctx is not None and can(self.ctx.actor.role, Action.PERSONAL_DATA_VIEW)
        )

    def show_detail(self, row: EmployeeRow | None) -> None:
        if row is None or self.ctx is None:
            self.pane.show_employee(None)
            self.commission.clear()
            self.personal.show_employee(None, None)
            return
        self._read_employee(row.id, reveal=False)
        self._show_commission()
        self._show_personal()

    def _read_employee(self, employee_id: int, reveal: bool) -> None:
        assert self.ctx is not None
        with_money = can(self.ctx.actor.role, Action.RECEIVABLES_VIEW)
        self.run(
            employee_with_money,
            self.ctx,
            employee_id,
            reveal,
            with_money,
            on_done=lambda got: self._if_selected(employee_id, self.pane.show_employee, *got),
        )

    def reveal_id(self) -> None:
        row = self.panel.selected()
        if self.ctx is None or row is None:
            return
        self._read_employee(row.id, reveal=True)

    def _after(self, changes: Changes | None) -> None:
        if changes is not None:
            self.emit_changes(changes)
            self.refresh()

    def new_employee(self) -> None:
        if self.ctx is None:
            return
        self.run(employee_form, self.ctx, None, on_done=self._edit)

    def open_selected(self) -> None:
        row = self.panel.selected()
        if self.ctx is None or row is None or not can(self.ctx.actor.role, Action.STAFF_EDIT):
            return
        self.run(employee_form, self.ctx, row.id, on_done=self._edit)

    def _edit(self, form: tuple[EmployeeDetail | None, EmployeeChoices]) -> None:
        """Open the form once the worker read the employee and the lists."""
        assert self.ctx is not None
        dialog = EmployeeDialog(self.ctx, self.runner, *form, parent=self)
        if dialog.exec():
            self._after(dialog.changes)

    def start_departure(self) -> None:
        """Open the New departure case dialog for the selected employee."""
        from desktop.views.case import CaseDialog

        row = self.panel.selected()
        if self.ctx is None or row is None:
            return
        from desktop.views.case.dialogs import CASE_SETTINGS, read_settings

        employee = (row.id, f"{row.name} ({row.employee_no})")

        def open_form(settings: dict[str, Any]) -> None:
            assert self.ctx is not None
            self.dialog = CaseDialog(self.ctx, self.runner, self, employee, settings=settings)
            self.dialog.finished_with.connect(self._departure_started)
            self.dialog.open()

        self.run(read_settings, self.ctx, CASE_SETTINGS, on_done=open_form)

    def _departure_started(self, changes: Changes) -> None:
        self._after(changes)
        if changes.ids:
            self.open_case.emit(next(iter(changes.ids)))
