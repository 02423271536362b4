"""Orders & Receivables: waybills, invoices with aging, payments, and the aging report."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import partial
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import ValidationError, ValidationErrors
from desktop.i18n import format_date, format_money
from desktop.services import customers, money
from desktop.services.changes import Kind
from desktop.services.context import Changes, ServiceContext
from desktop.services.money import (
    OrderInput,
    OrderRow,
    PaymentInput,
    PaymentRow,
    ReceivableRow,
)
from desktop.services.permissions import Action, can
from desktop.views.labels import order_status_label, service_type_label
from desktop.views.pages.base import Page, save_in_background
from desktop.views.pages.customers import _errors_by_field, employee_picker
from desktop.views.pages.listing import ListPage
from desktop.views.qtext import fill
from desktop.views.tablemodels import Column
from desktop.views.widgets.date_range import DateRange
from desktop.views.widgets.forms import FieldErrors, fit_dialog
from desktop.views.widgets.inputs import DateEdit, MoneyEdit, SearchPicker, choice_items
from desktop.views.widgets.rows import OVERDUE_FG
from desktop.views.widgets.style import set_style_role
from desktop.views.widgets.tables import detail_table, fill_table
from desktop.views.workers import TaskRunner

SERVICE_TYPES = ("ftl", "ltl", "express", "warehousing")


def customer_picker(ctx: ServiceContext, runner: TaskRunner) -> SearchPicker:
    def search(text: str) -> list[tuple[int, str]]:
        return [(c.id, f"{c.name} ({c.code})") for c in customers.list_customers(ctx, 0, 30, text)]

    return SearchPicker(search, runner)


class _FormDialog(QDialog):
    """A form with field errors and Save/Cancel; subclasses implement ``submit``, which checks
    the fields on the GUI thread and returns the save to run on the worker."""

    def __init__(
        self, ctx: ServiceContext, runner: TaskRunner, title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner = runner
        self.setWindowTitle(title)
        self.errors = FieldErrors()
        self.form = QFormLayout()
        self.general = QLabel()
        set_style_role(self.general, "role", "error")
        self.general.setWordWrap(True)
        self.changes: Changes | None = None

    def finish_layout(self) -> None:
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.general)
        layout.addWidget(buttons)

    def submit(self) -> Callable[[], Changes]:
        raise NotImplementedError

    def _save(self) -> None:
        try:
            save = self.submit()
        except (ValidationError, ValidationErrors) as exc:
            self._problems(exc)
            return
        save_in_background(self, self.runner, save, on_problems=self._problems)

    def _problems(self, exc: ValidationError | ValidationErrors) -> None:
        errors = _errors_by_field(exc)
        self.general.setText(errors.get("_", ""))
        self.errors.show(errors)
        fit_dialog(self.general)


class OrderDialog(_FormDialog):
    def __init__(
        self, ctx: ServiceContext, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, runner, "", parent)
        self.setWindowTitle(self.tr("New waybill"))
        self.number = QLineEdit()
        self.customer = customer_picker(ctx, runner)
        self.day = DateEdit(ctx.today())
        self.salesperson = employee_picker(ctx, runner)
        self.salesperson.setPlaceholderText(self.tr("Empty: the customer's owner on that day"))
        self.service = QComboBox()
        choice_items(self.service, [(s, service_type_label(s)) for s in SERVICE_TYPES], "ltl")
        self.origin = QLineEdit()
        self.destination = QLineEdit()
        self.revenue = MoneyEdit()
        self.cost = MoneyEdit()
        for name, label, widget in (
            ("number", self.tr("Waybill number"), self.number),
            ("customer_id", self.tr("Customer"), self.customer),
            ("order_date", self.tr("Date"), self.day),
            ("salesperson_id", self.tr("Salesperson"), self.salesperson),
            ("service_type", self.tr("Service"), self.service),
            ("origin", self.tr("From"), self.origin),
            ("destination", self.tr("To"), self.destination),
            ("revenue", self.tr("Freight revenue"), self.revenue),
            ("cost", self.tr("Carrier cost"), self.cost),
        ):
            self.errors.add_row(self.form, name, label, widget)
        self.finish_layout()

    def submit(self) -> Callable[[], Changes]:
        customer = self.customer.value()
        if customer is None:
            raise ValidationError(
                self.tr("Choose the customer from the list."), field="customer_id"
            )
        if not (self.revenue.is_valid() and self.cost.is_valid()) or self.revenue.value() is None:
            raise ValidationError(
                self.tr("Enter the amounts as numbers, e.g. 1234.50."), field="revenue"
            )
        return partial(
            money.create_order,
            self.ctx,
            OrderInput(
                number=self.number.text(),
                customer_id=customer,
                order_date=self.day.value(),
                revenue=self.revenue.value() or Decimal("0"),
                cost=self.cost.value() or Decimal("0"),
                salesperson_id=self.salesperson.value()
                if self.salesperson.text().strip()
                else None,
                service_type=str(self.service.currentData()),
                origin=self.origin.text() or None,
                destination=self.destination.text() or None,
            ),
        )


class PaymentDialog(_FormDialog):
    """Record a payment; it is applied to the customer's oldest open invoices first."""

    def __init__(
        self,
        ctx: ServiceContext,
        runner: TaskRunner,
        customer_id: int | None,
        label: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, runner, "", parent)
        self.setWindowTitle(self.tr("Record payment"))
        self.customer = customer_picker(ctx, runner)
        if customer_id is not None:
            self.customer.set_value(customer_id, label)
        self.day = DateEdit(ctx.today())
        self.amount = MoneyEdit()
        self.reference = QLineEdit()
        self.method = QLineEdit()
        self.method.setPlaceholderText(self.tr("e.g. bank transfer"))
        for name, label_text, widget in (
            ("customer_id", self.tr("Customer"), self.customer),
            ("received_on", self.tr("Received on"), self.day),
            ("amount", self.tr("Amount"), self.amount),
            ("reference", self.tr("Bank reference"), self.reference),
            ("method", self.tr("Method"), self.method),
        ):
            self.errors.add_row(self.form, name, label_text, widget)
        note = QLabel(self.tr("The payment settles the customer's oldest open invoices first."))
        set_style_role(note, "role", "hint")
        self.form.addRow("", note)
        self.finish_layout()

    def submit(self) -> Callable[[], Changes]:
        customer = self.customer.value()
        amount = self.amount.value()
        if customer is None:
            raise ValidationError(
                self.tr("Choose the customer from the list."), field="customer_id"
            )
        if amount is None:
            raise ValidationError(
                self.tr("Enter the amount as a number, e.g. 1234.50."), field="amount"
            )
        ctx, received_on = self.ctx, self.day.value()
        method, reference = self.method.text() or None, self.reference.text() or None

        def save() -> Changes:  # on the worker: the allocation reads the open invoices
            allocations = money.suggest_allocation(ctx, customer, amount)
            return money.record_payment(
                ctx,
                PaymentInput(
                    customer_id=customer,
                    received_on=received_on,
                    amount=amount,
                    method=method,
                    reference=reference,
                    allocations=tuple(allocations),
                ),
            )

        return save


class OrdersList(ListPage):
    action = Action.ORDERS_VIEW
    watches = frozenset({Kind.ORDERS, Kind.CUSTOMERS, Kind.RECEIVABLES})
    import_kind = "orders"
    export_kind = "orders"
    #: The customer's name takes the spare width, not the date.
    stretch_column = 2

    def title(self) -> str:
        return self.tr("Waybills")

    def placeholder(self) -> str:
        return self.tr("Search waybill number or customer…")

    def columns(self) -> list[Column]:
        return [
            Column(self.tr("Waybill"), lambda r: r.number, "number"),
            Column(self.tr("Date"), lambda r: format_date(r.order_date), "order_date"),
            Column(self.tr("Customer"), lambda r: r.customer_name, "customer"),
            Column(self.tr("Salesperson"), lambda r: r.salesperson_name, "salesperson"),
            Column(
                self.tr("Service"), lambda r: service_type_label(r.service_type), "service_type"
            ),
            Column(self.tr("Lane"), lambda r: f"{r.origin or ''} → {r.destination or ''}"),
            Column(
                self.tr("Revenue"), lambda r: format_money(r.revenue), "revenue", align_right=True
            ),
            Column(self.tr("Margin"), lambda r: format_money(r.margin), None, align_right=True),
            Column(self.tr("Status"), lambda r: order_status_label(r.status), "status"),
        ]

    def build_filters(self, bar: QHBoxLayout) -> None:
        self.status = QComboBox()
        self.status.addItem(self.tr("All statuses"), None)
        for s in ("open", "delivered", "invoiced", "cancelled"):
            self.status.addItem(order_status_label(s), s)
        self.status.currentIndexChanged.connect(self.filters_changed)
        bar.addWidget(self.status)
        self.dates = DateRange(self)
        self.dates.changed.connect(self.filters_changed)
        bar.addWidget(self.dates)

    def filters(self) -> dict[str, Any]:
        out = self.dates.filters()
        if self.status.currentData():
            out["status"] = self.status.currentData()
        return out

    def fetch(
        self, offset: int, limit: int, search: str, sort: str | None, desc: bool
    ) -> list[OrderRow]:
        assert self.ctx is not None
        return money.list_orders(
            self.ctx, offset, limit, search, sort, desc, self.filters() or None
        )

    def count(self, search: str) -> int:
        assert self.ctx is not None
        return money.count_orders(self.ctx, search, self.filters() or None)

    def totals(self, search: str) -> dict[str, Decimal]:
        assert self.ctx is not None
        return money.total_orders(self.ctx, search, self.filters() or None)

    def total_figures(self, sums: Mapping[str, Decimal]) -> list[tuple[str, Decimal]]:
        return [
            (self.tr("Revenue"), sums["revenue"]),
            (self.tr("Cost"), sums["cost"]),
            (self.tr("Margin"), sums["margin"]),
        ]

    def build_actions(self, bar: QHBoxLayout) -> None:
        self.new_button = QPushButton(self.tr("New waybill…"))
        self.new_button.clicked.connect(self.new_order)
        bar.addWidget(self.new_button)

    def update_actions(self, row: OrderRow | None) -> None:
        self.new_button.setEnabled(
            self.ctx is not None and can(self.ctx.actor.role, Action.ORDERS_EDIT)
        )

    def new_order(self) -> None:
        if self.ctx is None:
            return
        dialog = OrderDialog(self.ctx, self.runner, self)
        if dialog.exec() and dialog.changes is not None:
            self.emit_changes(dialog.changes)
            self.refresh()


class ReceivablesList(ListPage):
    action = Action.RECEIVABLES_VIEW
    watches = frozenset({Kind.RECEIVABLES, Kind.PAYMENTS, Kind.ORDERS, Kind.CUSTOMERS})
    import_kind = "receivables"
    export_kind = "receivables"

    def title(self) -> str:
        return self.tr("Invoices")

    def placeholder(self) -> str:
        return self.tr("Search invoice number or customer…")

    def columns(self) -> list[Column]:
        return [
            Column(self.tr("Invoice"), lambda r: r.number, "number"),
            Column(self.tr("Customer"), lambda r: r.customer_name, "customer"),
            Column(self.tr("Salesperson"), lambda r: r.salesperson_name, "salesperson"),
            Column(self.tr("Issued"), lambda r: format_date(r.issued_on), "issued_on"),
            Column(self.tr("Due"), lambda r: format_date(r.due_on), "due_on"),
            Column(self.tr("Amount"), lambda r: format_money(r.amount), "amount", align_right=True),
            Column(
                self.tr("Outstanding"),
                lambda r: format_money(r.outstanding),
                "outstanding",
                align_right=True,
            ),
            Column(
                self.tr("Days overdue"),
                lambda r: r.days_overdue or "",
                "days_overdue",
                align_right=True,
            ),
        ]

    def build_filters(self, bar: QHBoxLayout) -> None:
        self.open_only = QCheckBox(self.tr("Open only"))
        self.open_only.setChecked(True)
        self.overdue_only = QCheckBox(self.tr("Overdue only"))
        self.open_only.toggled.connect(self.filters_changed)
        self.overdue_only.toggled.connect(self.filters_changed)
        bar.addWidget(self.open_only)
        bar.addWidget(self.overdue_only)
        self.dates = DateRange(self)
        self.dates.setToolTip(self.tr("Issue date"))
        self.dates.changed.connect(self.filters_changed)
        bar.addWidget(self.dates)

    def filters(self) -> dict[str, Any]:
        out: dict[str, Any] = self.dates.filters()
        if self.open_only.isChecked():
            out["open_only"] = True
        if self.overdue_only.isChecked():
            out["overdue_only"] = True
        return out

    def fetch(
        self, offset: int, limit: int, search: str, sort: str | None, desc: bool
    ) -> list[ReceivableRow]:
        assert self.ctx is not None
        return money.list_receivables(
            self.ctx, offset, limit, search, sort, desc, self.filters() or None
        )

    def count(self, search: str) -> int:
        assert self.ctx is not None
        return money.count_receivables(self.ctx, search, self.filters() or None)

    def totals(self, search: str) -> dict[str, Decimal]:
        assert self.ctx is not None
        return money.total_receivables(self.ctx, search, self.filters() or None)

    def total_figures(self, sums: Mapping[str, Decimal]) -> list[tuple[str, Decimal]]:
        return [
            (self.tr("Amount"), sums["amount"]),
            (self.tr("Paid"), sums["paid"]),
            (self.tr("Written off"), sums["written_off"]),
            (self.tr("Outstanding"), sums["outstanding"]),
        ]

    def build_actions(self, bar: QHBoxLayout) -> None:
        self.pay_button = QPushButton(self.tr("Record payment…"))
        self.pay_button.clicked.connect(self.record_payment)
        self.write_off_button = QPushButton(self.tr("Write off…"))
        self.write_off_button.clicked.connect(self.write_off)
        bar.addWidget(self.pay_button)
        bar.addWidget(self.write_off_button)

    def _style(self, row: ReceivableRow, column: int, role: Qt.ItemDataRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and row.days_overdue > 90:
            return OVERDUE_FG
        return None

    def refresh(self) -> None:
        self.panel.model.styler = self._style
        super().refresh()

    def update_actions(self, row: ReceivableRow | None) -> None:
        role = self.ctx.actor.role if self.ctx else None
        self.pay_button.setEnabled(role is not None and can(role, Action.PAYMENTS_EDIT))
        self.write_off_button.setEnabled(
            row is not None
            and role is not None
            and row.outstanding > 0
            and can(role, Action.RECEIVABLES_WRITE_OFF)
        )

    def record_payment(self) -> None:
        if self.ctx is None:
            return
        row = self.panel.selected()
        dialog = PaymentDialog(
            self.ctx,
            self.runner,
            row.customer_id if row else None,
            f"{row.customer_name} ({row.customer_code})" if row else "",
            self,
        )
        if dialog.exec() and dialog.changes is not None:
            self.emit_changes(dialog.changes)
            self.refresh()

    def write_off(self) -> None:
        row = self.panel.selected()
        if self.ctx is None or row is None:
            return
        reason, ok = QInputDialog.getText(
            self,
            self.tr("Write off"),
            fill(
                self.tr(
                    "Write off %1 of invoice %2 as a bad-debt loss. Reason (e.g. court ruling, bankruptcy):"
                ),
                format_money(row.outstanding),
                row.number,
            ),
        )
        if ok:
            self.run(
                money.write_off,
                self.ctx,
                row.id,
                self.ctx.today(),
                reason,
                on_done=self._written_off,
            )

    def _written_off(self, changes: Changes) -> None:
        self.emit_changes(changes)
        self.refresh()


class PaymentsList(ListPage):
    action = Action.RECEIVABLES_VIEW
    watches = frozenset({Kind.PAYMENTS, Kind.RECEIVABLES})
    import_kind = "payments"
    export_kind = "payments"

    def title(self) -> str:
        return self.tr("Payments")

    def columns(self) -> list[Column]:
        return [
            Column(self.tr("Received"), lambda r: format_date(r.received_on)),
            Column(self.tr("Customer"), lambda r: r.customer_name),
            Column(self.tr("Amount"), lambda r: format_money(r.amount), align_right=True),
            Column(self.tr("Applied"), lambda r: format_money(r.allocated), None, align_right=True),
            Column(
                self.tr("Unapplied"), lambda r: format_money(r.unallocated), None, align_right=True
            ),
            Column(self.tr("Reference"), lambda r: r.reference),
            Column(self.tr("Collector"), lambda r: r.collector_name),
        ]

    def build_filters(self, bar: QHBoxLayout) -> None:
        self.panel.search.hide()
        self.unapplied = QCheckBox(self.tr("Not fully applied only"))
        self.unapplied.toggled.connect(self.filters_changed)
        bar.addWidget(self.unapplied)
        self.dates = DateRange(self)
        self.dates.changed.connect(self.filters_changed)
        bar.addWidget(self.dates)

    def filters(self) -> dict[str, Any]:
        out = self.dates.filters()
        if self.unapplied.isChecked():
            out["unallocated_only"] = True
        return out

    def fetch(
        self, offset: int, limit: int, search: str, sort: str | None, desc: bool
    ) -> list[PaymentRow]:
        assert self.ctx is not None
        return money.list_payments(self.ctx, offset, limit, self.filters() or None)

    def count(self, search: str) -> int:
        assert self.ctx is not None
        return money.count_payments(self.ctx, self.filters() or None)

    def totals(self, search: str) -> dict[str, Decimal]:
        assert self.ctx is not None
        return money.total_payments(self.ctx, self.filters() or None)

    def total_figures(self, sums: Mapping[str, Decimal]) -> list[tuple[str, Decimal]]:
        return [
            (self.tr("Received"), sums["amount"]),
            (self.tr("Applied"), sums["allocated"]),
            (self.tr("Unapplied"), sums["unallocated"]),
        ]


class AgingView(QWidget):
    """Receivables aging by salesperson, with totals per bucket and the provision."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = detail_table([])
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)

    def show_report(self, report: Any) -> None:
        if report is None:
            self.summary.clear()
            self.table.setRowCount(0)
            return
        labels = [b.label for b in report.buckets]
        headers = [
            self.tr("Salesperson"),
            self.tr("Outstanding"),
            self.tr("Not yet due"),
            *labels,
            self.tr("Provision"),
        ]
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        rows = [
            [
                g.name,
                format_money(g.outstanding),
                format_money(g.not_due),
                *(format_money(v) for v in g.buckets),
                format_money(g.provision),
            ]
            for g in report.by_salesperson
        ]
        rows.append(
            [
                self.tr("Total"),
                format_money(report.outstanding),
                format_money(report.not_due),
                *(format_money(b.outstanding) for b in report.buckets),
                format_money(report.provision),
            ]
        )
        fill_table(self.table, rows, right_aligned=tuple(range(1, len(headers))))
        mode = (
            self.tr("provision ladder")
            if report.mode == "ladder"
            else self.tr(
                "no provision (small-enterprise standard: losses written off when they happen)"
            )
        )
        self.summary.setText(
            fill(
                self.tr(
                    "As of %1: outstanding %2, overdue %3, %4 invoices; %5; bad-debt risk coefficient %6."
                ),
                format_date(report.as_of),
                format_money(report.outstanding),
                format_money(report.overdue),
                report.receivables,
                mode,
                f"{report.risk_coefficient:.2%}",
            )
        )


class OrdersPage(Page):
    """Tabs for waybills, invoices, payments and the aging report."""

    action = Action.ORDERS_VIEW
    watches = frozenset({Kind.ORDERS, Kind.RECEIVABLES, Kind.PAYMENTS, Kind.CUSTOMERS})

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.orders = OrdersList(runner)
        self.invoices = ReceivablesList(runner)
        self.payments = PaymentsList(runner)
        self.aging = AgingView()
        for child in (self.orders, self.invoices, self.payments):
            child.changed.connect(self.changed)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.orders, self.orders.title())
        self.tabs.addTab(self.invoices, self.invoices.title())
        self.tabs.addTab(self.payments, self.payments.title())
        self.tabs.addTab(self.aging, self.tr("Aging"))
        self.tabs.currentChanged.connect(lambda _i: self._load_current())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self._loaded: set[int] = set()

    def title(self) -> str:
        return self.tr("Orders & Receivables")

    def load(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self._loaded.clear()
        money = can(ctx.actor.role, Action.RECEIVABLES_VIEW)
        for i in (1, 2, 3):
            self.tabs.setTabVisible(i, money)
        self._load_current()

    def _load_current(self) -> None:
        if self.ctx is None:
            return
        index = self.tabs.currentIndex()
        if index in self._loaded:
            return
        self._loaded.add(index)
        if index == 3:
            self.aging.show_report(None)
            self.run(money.age_receivables, self.ctx, on_done=self.aging.show_report)
        else:
            [self.orders, self.invoices, self.payments][index].load(self.ctx)

    def refresh(self) -> None:
        self._loaded.clear()
        self._load_current()

    def on_changes(self, changes: Changes) -> None:
        if self.ctx is not None and changes.touches(self.watches):
            self.refresh()

    def clear(self) -> None:
        super().clear()
        self._loaded.clear()
        for child in (self.orders, self.invoices, self.payments):
            child.clear()
        self.aging.show_report(None)
