"""Customers: the firm's list with owners, and each customer's history, money and follow-ups."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import ValidationError, ValidationErrors
from desktop.i18n import format_date, format_money
from desktop.services import customers, followups, staff
from desktop.services.changes import Kind
from desktop.services.context import Changes, ServiceContext
from desktop.services.customers import ContactInput, CustomerDetail, CustomerInput, CustomerRow
from desktop.services.permissions import Action, can
from desktop.views.errors import translate_error
from desktop.views.labels import (
    CHANNELS,
    assignment_reason_label,
    channel_label,
    order_status_label,
)
from desktop.views.pages.base import save_in_background
from desktop.views.pages.listing import ListPage
from desktop.views.qtext import fill
from desktop.views.tablemodels import Column
from desktop.views.widgets.forms import FieldErrors
from desktop.views.widgets.inputs import DateEdit, MoneyEdit, SearchPicker, choice_items
from desktop.views.widgets.style import set_style_role
from desktop.views.widgets.tables import detail_table, fill_table
from desktop.views.workers import TaskRunner


def _errors_by_field(exc: ValidationError | ValidationErrors) -> dict[str, str]:
    errors = exc.errors if isinstance(exc, ValidationErrors) else [exc]
    out: dict[str, str] = {}
    for e in errors:
        out.setdefault(e.field or "_", translate_error(e))
    return out


def employee_picker(
    ctx: ServiceContext, runner: TaskRunner, sales_only: bool = True
) -> SearchPicker:
    def search(text: str) -> list[tuple[int, str]]:
        return [
            (e.id, f"{e.name} ({e.employee_no})")
            for e in staff.pick_employees(ctx, text, limit=30, sales_only=sales_only)
        ]

    return SearchPicker(search, runner)


class CustomerDialog(QDialog):
    """Create or edit a customer; errors appear under the field at fault."""

    def __init__(
        self,
        ctx: ServiceContext,
        runner: TaskRunner,
        detail: CustomerDetail | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner = runner
        self.detail = detail
        self.setWindowTitle(self.tr("Edit customer") if detail else self.tr("New customer"))
        self.code = QLineEdit(detail.code if detail else "")
        self.name = QLineEdit(detail.name if detail else "")
        self.credit_code = QLineEdit(detail.credit_code or "" if detail else "")
        self.credit_code.setPlaceholderText(self.tr("18 characters, e.g. 91310000631191633A"))
        self.industry = QLineEdit(detail.industry or "" if detail else "")
        self.region = QLineEdit(detail.region or "" if detail else "")
        self.address = QLineEdit(detail.address or "" if detail else "")
        self.terms = QSpinBox()
        self.terms.setRange(0, 720)
        self.terms.setSuffix(self.tr(" days"))
        self.terms.setValue(detail.payment_terms_days if detail else 30)
        self.limit = MoneyEdit()
        self.limit.set_value(detail.credit_limit if detail else None)
        self.tier = QComboBox()
        choice_items(
            self.tier,
            [(None, "—"), ("A", "A"), ("B", "B"), ("C", "C"), ("D", "D")],
            detail.tier if detail else None,
        )
        primary = next((c for c in detail.contacts if c.is_primary), None) if detail else None
        self.contact_name = QLineEdit(primary.name if primary else "")
        self.contact_phone = QLineEdit(primary.phone or "" if primary else "")
        self.notes = QPlainTextEdit(detail.notes or "" if detail else "")
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(70)
        self.owner: SearchPicker | None = None
        self.errors = FieldErrors()
        form = QFormLayout()
        self.errors.add_row(form, "code", self.tr("Customer code"), self.code)
        self.errors.add_row(form, "name", self.tr("Name"), self.name)
        self.errors.add_row(
            form, "credit_code", self.tr("Unified social credit code"), self.credit_code
        )
        self.errors.add_row(form, "industry", self.tr("Industry"), self.industry)
        self.errors.add_row(form, "region", self.tr("Region"), self.region)
        self.errors.add_row(form, "address", self.tr("Address"), self.address)
        self.errors.add_row(form, "payment_terms_days", self.tr("Payment terms"), self.terms)
        self.errors.add_row(form, "credit_limit", self.tr("Credit limit"), self.limit)
        self.errors.add_row(form, "tier", self.tr("Tier"), self.tier)
        self.errors.add_row(form, "contacts", self.tr("Main contact"), self.contact_name)
        self.errors.add_row(form, "contact_phone", self.tr("Contact phone"), self.contact_phone)
        self.errors.add_row(form, "notes", self.tr("Notes"), self.notes)
        if detail is None and can(ctx.actor.role, Action.CUSTOMERS_REASSIGN):
            self.owner = employee_picker(ctx, runner)
            self.errors.add_row(form, "owner_id", self.tr("Owner (empty: public pool)"), self.owner)
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

    def _contacts(self) -> tuple[ContactInput, ...] | None:
        name = self.contact_name.text().strip()
        phone = self.contact_phone.text().strip() or None
        others: list[ContactInput] = []
        primary_id = None
        if self.detail is not None:
            for c in self.detail.contacts:
                if c.is_primary:
                    primary_id = c.id
                else:
                    others.append(ContactInput(c.name, c.title, c.phone, c.email, False, c.id))
        if not name:
            return tuple(others) if self.detail is not None else ()
        return (ContactInput(name, None, phone, None, True, primary_id), *others)

    def save(self) -> None:
        if not self.limit.is_valid():
            self.errors.show({"credit_limit": self.tr("Not an amount.")})
            return
        data = CustomerInput(
            code=self.code.text(),
            name=self.name.text(),
            credit_code=self.credit_code.text() or None,
            industry=self.industry.text() or None,
            region=self.region.text() or None,
            address=self.address.text() or None,
            payment_terms_days=self.terms.value(),
            credit_limit=self.limit.value() or 0,
            tier=self.tier.currentData(),
            notes=self.notes.toPlainText() or None,
            active=self.detail.active if self.detail else True,
            contacts=self._contacts(),
        )
        if self.detail is None:
            owner = self.owner.value() if self.owner is not None else None
            save_in_background(
                self,
                self.runner,
                customers.create_customer,
                self.ctx,
                data,
                owner_id=owner,
                on_problems=self._problems,
            )
        else:
            save_in_background(
                self,
                self.runner,
                customers.update_customer,
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


class ReassignDialog(QDialog):
    def __init__(
        self,
        ctx: ServiceContext,
        runner: TaskRunner,
        row: CustomerRow,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner = runner
        self.row = row
        self.setWindowTitle(fill(self.tr("Reassign %1"), row.name))
        self.picker = employee_picker(ctx, runner)
        self.effective = DateEdit(ctx.today())
        self.reason = QComboBox()
        choice_items(
            self.reason,
            [(r, assignment_reason_label(r)) for r in ("rebalance", "handover")],
            "rebalance",
        )
        self.note = QLineEdit()
        self.errors = FieldErrors()
        form = QFormLayout()
        form.addRow(
            self.tr("Current owner"), QLabel(row.owner_name or self.tr("none (public pool)"))
        )
        self.errors.add_row(form, "employee_id", self.tr("New owner"), self.picker)
        self.errors.add_row(form, "effective", self.tr("From"), self.effective)
        self.errors.add_row(form, "reason", self.tr("Reason"), self.reason)
        self.errors.add_row(form, "note", self.tr("Note"), self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.changes: Changes | None = None

    def save(self) -> None:
        employee = self.picker.value()
        if employee is None:
            self.errors.show({"employee_id": self.tr("Choose the new owner from the list.")})
            return
        save_in_background(
            self,
            self.runner,
            customers.reassign,
            self.ctx,
            self.row.id,
            employee,
            self.effective.value(),
            str(self.reason.currentData()),
            self.note.text(),
            on_problems=self._problems,
        )

    def _problems(self, exc: ValidationError | ValidationErrors) -> None:
        errors = _errors_by_field(exc)
        errors.setdefault("employee_id", errors.pop("_", ""))
        self.errors.show({k: v for k, v in errors.items() if v})


class FollowUpDialog(QDialog):
    def __init__(
        self,
        ctx: ServiceContext,
        runner: TaskRunner,
        customer_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner = runner
        self.customer_id = customer_id
        self.setWindowTitle(self.tr("Add follow-up"))
        self.day = DateEdit(ctx.today())
        self.channel = QComboBox()
        choice_items(self.channel, [(c, channel_label(c)) for c in CHANNELS], "phone")
        self.content = QPlainTextEdit()
        self.content.setTabChangesFocus(True)
        self.next_step = QLineEdit()
        self.errors = FieldErrors()
        form = QFormLayout()
        self.errors.add_row(form, "followed_on", self.tr("Date"), self.day)
        self.errors.add_row(form, "channel", self.tr("Channel"), self.channel)
        self.errors.add_row(form, "content", self.tr("What was discussed"), self.content)
        self.errors.add_row(form, "next_step", self.tr("Next step"), self.next_step)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.changes: Changes | None = None

    def save(self) -> None:
        save_in_background(
            self,
            self.runner,
            followups.add_followup,
            self.ctx,
            self.customer_id,
            self.day.value(),
            str(self.channel.currentData()),
            self.content.toPlainText(),
            self.next_step.text() or None,
            on_problems=self._problems,
        )

    def _problems(self, exc: ValidationError | ValidationErrors) -> None:
        errors = _errors_by_field(exc)
        errors.setdefault("content", errors.pop("_", ""))
        self.errors.show({k: v for k, v in errors.items() if v})


class CustomerDetailPane(QTabWidget):
    """Overview, ownership timeline (with "owner on date"), orders, receivables, follow-ups."""

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.ctx: ServiceContext | None = None
        self.detail: CustomerDetail | None = None
        self.overview = QLabel()
        self.overview.setWordWrap(True)
        self.overview.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.overview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.addTab(self.overview, self.tr("Overview"))
        ownership = QWidget()
        self.history = detail_table(
            [
                self.tr("From"),
                self.tr("Until"),
                self.tr("Owner"),
                self.tr("Reason"),
                self.tr("Approved by"),
                self.tr("Note"),
            ]
        )
        self.on_date = DateEdit()
        self.on_date_answer = QLabel()
        ask = QHBoxLayout()
        ask.addWidget(QLabel(self.tr("Who owned it on")))
        ask.addWidget(self.on_date)
        ask.addWidget(self.on_date_answer, 1)
        self.on_date.dateChanged.connect(lambda _d: self._answer_owner_on())
        layout = QVBoxLayout(ownership)
        layout.addWidget(self.history)
        layout.addLayout(ask)
        self.addTab(ownership, self.tr("Ownership"))
        self.orders = detail_table(
            [
                self.tr("Waybill"),
                self.tr("Date"),
                self.tr("Salesperson"),
                self.tr("Lane"),
                self.tr("Revenue"),
                self.tr("Status"),
            ]
        )
        self.addTab(self.orders, self.tr("Orders"))
        money = QWidget()
        self.aging_line = QLabel()
        self.aging_line.setWordWrap(True)
        self.receivables = detail_table(
            [
                self.tr("Invoice"),
                self.tr("Issued"),
                self.tr("Due"),
                self.tr("Amount"),
                self.tr("Outstanding"),
                self.tr("Days overdue"),
            ]
        )
        money_layout = QVBoxLayout(money)
        money_layout.addWidget(self.aging_line)
        money_layout.addWidget(self.receivables)
        self.addTab(money, self.tr("Receivables"))
        self.followups = detail_table(
            [
                self.tr("Date"),
                self.tr("By"),
                self.tr("Channel"),
                self.tr("Content"),
                self.tr("Next step"),
            ]
        )
        self.addTab(self.followups, self.tr("Follow-ups"))

    def show_customer(self, ctx: ServiceContext | None, detail: CustomerDetail | None) -> None:
        self.ctx, self.detail = ctx, detail
        if detail is None:
            self.overview.clear()
            for table in (self.history, self.orders, self.receivables, self.followups):
                table.setRowCount(0)
            self.aging_line.clear()
            self.on_date_answer.clear()
            return
        owner = (
            fill(
                self.tr("%1 since %2"),
                escape(detail.owner.name),
                format_date(detail.owner.valid_from),
            )
            if detail.owner
            else self.tr("none — in the public pool")
            if detail.in_pool
            else self.tr("none")
        )
        contacts = (
            "<br>".join(
                escape(f"{c.name} {c.title or ''} {c.phone or ''} {c.email or ''}".strip())
                for c in detail.contacts
            )
            or "—"
        )
        rows = [
            (self.tr("Code"), escape(detail.code)),
            (self.tr("Credit code"), escape(detail.credit_code or "—")),
            (self.tr("Industry"), escape(detail.industry or "—")),
            (self.tr("Region"), escape(detail.region or "—")),
            (self.tr("Address"), escape(detail.address or "—")),
            (self.tr("Payment terms"), self.tr("%n day(s)", "", detail.payment_terms_days)),
            (self.tr("Credit limit"), format_money(detail.credit_limit)),
            (self.tr("Tier"), escape(detail.tier or "—")),
            (self.tr("Owner"), owner),
            (self.tr("Contacts"), contacts),
            (self.tr("Notes"), escape(detail.notes or "—")),
        ]
        self.overview.setText(
            f"<h3>{escape(detail.name)}</h3><table cellspacing='4'>"
            + "".join(f"<tr><td style='color:#555'>{k}</td><td>{v}</td></tr>" for k, v in rows)
            + "</table>"
        )
        fill_table(
            self.history,
            [
                (
                    format_date(a.valid_from),
                    format_date(a.valid_to) if a.valid_to else self.tr("(now)"),
                    f"{a.employee_name} ({a.employee_no})",
                    assignment_reason_label(a.reason),
                    a.approved_by,
                    a.note,
                )
                for a in detail.ownership
            ],
        )
        self._answer_owner_on()
        fill_table(
            self.orders,
            [
                (
                    o.number,
                    format_date(o.order_date),
                    o.salesperson_name,
                    f"{o.origin or ''} → {o.destination or ''}",
                    format_money(o.revenue),
                    order_status_label(o.status),
                )
                for o in detail.recent_orders
            ],
            right_aligned=(4,),
        )
        if detail.aging is not None:
            a = detail.aging
            self.aging_line.setText(
                fill(
                    self.tr("Outstanding %1, overdue %2 (%n invoice(s)).", "", a.receivables),
                    format_money(a.outstanding),
                    format_money(a.overdue),
                )
            )
        else:
            self.aging_line.setText(self.tr("Your role does not show this customer's money."))
        fill_table(
            self.receivables,
            [
                (
                    r.number,
                    format_date(r.issued_on),
                    format_date(r.due_on),
                    format_money(r.amount),
                    format_money(r.outstanding),
                    r.days_overdue or "",
                )
                for r in detail.open_receivables
            ],
            right_aligned=(3, 4, 5),
        )
        fill_table(
            self.followups,
            [
                (
                    format_date(f.followed_on),
                    f.employee_name,
                    channel_label(f.channel),
                    f.content,
                    f.next_step,
                )
                for f in detail.followups
            ],
        )

    def _answer_owner_on(self) -> None:
        """Asked on the worker; an answer for another customer or date is dropped."""
        if self.ctx is None or self.detail is None:
            return
        asked = (self.ctx, self.detail.id, self.on_date.value())

        def current() -> bool:
            return self.detail is not None and asked == (
                self.ctx,
                self.detail.id,
                self.on_date.value(),
            )

        def failed(exc: BaseException) -> None:
            if current():
                self.on_date_answer.setText(
                    translate_error(exc) if isinstance(exc, ValidationError) else str(exc)
                )

        self.runner.start(
            customers.owner_on,
            *asked,
            on_done=lambda owner: self._show_owner_on(owner) if current() else None,
            on_error=failed,
        )

    def _show_owner_on(self, owner: Any) -> None:
        self.on_date_answer.setText(
            fill(self.tr("%1 (%2)"), owner.name, assignment_reason_label(owner.reason))
            if owner
            else self.tr("nobody")
        )


class CustomersPage(ListPage):
    action = Action.CUSTOMERS_VIEW
    watches = frozenset(
        {
            Kind.CONTRACTS,
            Kind.POOL,
            Kind.CLAIMS,
            Kind.CUSTOMERS,
            Kind.ORDERS,
            Kind.RECEIVABLES,
            Kind.PAYMENTS,
            Kind.FOLLOWUPS,
            Kind.EMPLOYEES,
        }
    )
    import_kind = "customers"
    export_kind = "customers"

    def title(self) -> str:
        return self.tr("Customers")

    def placeholder(self) -> str:
        return self.tr("Search code, name or credit code…")

    def columns(self) -> list[Column]:
        return [
            Column(self.tr("Code"), lambda r: r.code, "code"),
            Column(self.tr("Name"), lambda r: r.name, "name"),
            Column(self.tr("Region"), lambda r: r.region, "region"),
            Column(self.tr("Industry"), lambda r: r.industry, "industry"),
            Column(self.tr("Tier"), lambda r: r.tier, "tier"),
            Column(
                self.tr("Owner"),
                lambda r: r.owner_name or (self.tr("public pool") if r.in_pool else ""),
                "owner",
            ),
            Column(self.tr("Owner since"), lambda r: format_date(r.owner_since), "owner_since"),
            Column(
                self.tr("Credit limit"),
                lambda r: format_money(r.credit_limit),
                "credit_limit",
                align_right=True,
            ),
        ]

    def build_filters(self, bar: QHBoxLayout) -> None:
        self.view = QComboBox()
        self.view.addItem(self.tr("All customers"), {})
        self.view.addItem(self.tr("Public pool (公海)"), {"in_pool": True})
        self.view.addItem(self.tr("Inactive customers"), {"active": False})
        self.view.currentIndexChanged.connect(self.filters_changed)
        bar.addWidget(self.view)

    def filters(self) -> dict[str, Any]:
        return dict(self.view.currentData() or {})

    def fetch(
        self, offset: int, limit: int, search: str, sort: str | None, desc: bool
    ) -> list[CustomerRow]:
        assert self.ctx is not None
        return customers.list_customers(
            self.ctx, offset, limit, search, sort, desc, self.filters() or None
        )

    def count(self, search: str) -> int:
        assert self.ctx is not None
        return customers.count_customers(self.ctx, search, self.filters() or None)

    def build_actions(self, bar: QHBoxLayout) -> None:
        self.buttons: dict[str, QPushButton] = {}
        for name, text, slot in (
            ("new", self.tr("New customer…"), self.new_customer),
            ("edit", self.tr("Edit…"), self.open_selected),
            ("reassign", self.tr("Reassign…"), self.reassign),
            ("release", self.tr("Release to pool"), self.release),
            ("claim", self.tr("Claim from pool…"), self.claim),
            ("followup", self.tr("Add follow-up…"), self.add_followup),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            self.buttons[name] = button
            bar.addWidget(button)

    def build_detail(self) -> QWidget:
        self.pane = CustomerDetailPane(self.runner)
        return self.pane

    def update_actions(self, row: CustomerRow | None) -> None:
        role = self.ctx.actor.role if self.ctx else None
        allowed = {
            "new": role is not None and can(role, Action.CUSTOMERS_EDIT),
            "edit": row is not None and can(role, Action.CUSTOMERS_EDIT) if role else False,
            "reassign": row is not None
            and role is not None
            and can(role, Action.CUSTOMERS_REASSIGN),
            "release": row is not None
            and role is not None
            and not row.in_pool
            and can(role, Action.POOL_RELEASE),
            "claim": row is not None
            and role is not None
            and row.in_pool
            and can(role, Action.POOL_CLAIM),
            "followup": row is not None and role is not None and can(role, Action.FOLLOWUPS_EDIT),
        }
        for name, button in self.buttons.items():
            button.setEnabled(bool(allowed[name]))

    def show_detail(self, row: CustomerRow | None) -> None:
        if row is None or self.ctx is None:
            self.pane.show_customer(None, None)
            return
        ctx = self.ctx
        self.run(
            customers.get_customer,
            ctx,
            row.id,
            on_done=lambda detail: self._show_customer(ctx, row.id, detail),
        )

    def _show_customer(self, ctx: ServiceContext, row_id: int, detail: CustomerDetail) -> None:
        """Show the detail read on the worker, unless another row was selected meanwhile."""
        selected = self.panel.selected()
        if selected is not None and selected.id == row_id:
            self.pane.show_customer(ctx, detail)

    def _after(self, changes: Changes | None) -> None:
        if changes is not None:
            self.emit_changes(changes)
            self.refresh()

    def new_customer(self) -> None:
        if self.ctx is None:
            return
        dialog = CustomerDialog(self.ctx, self.runner, None, self)
        if dialog.exec():
            self._after(dialog.changes)

    def open_selected(self) -> None:
        row = self.panel.selected()
        if self.ctx is None or row is None or not can(self.ctx.actor.role, Action.CUSTOMERS_EDIT):
            return
        self.run(customers.get_customer, self.ctx, row.id, on_done=self._edit)

    def _edit(self, detail: CustomerDetail) -> None:
        """Open the form once the worker read the customer."""
        assert self.ctx is not None
        dialog = CustomerDialog(self.ctx, self.runner, detail, self)
        if dialog.exec():
            self._after(dialog.changes)

    def reassign(self) -> None:
        row = self.panel.selected()
        if self.ctx is None or row is None:
            return
        dialog = ReassignDialog(self.ctx, self.runner, row, self)
        if dialog.exec():
            self._after(dialog.changes)

    def release(self) -> None:
        row = self.panel.selected()
        if self.ctx is None or row is None:
            return
        # The confirmation asks for the reason the service requires: Cancel releases nothing.
        reason, ok = QInputDialog.getText(
            self,
            self.tr("Release to the public pool"),
            fill(
                self.tr(
                    "Release %1 (%2) to the public pool from today? Its owner loses it and any "
                    "salesperson may claim it. Reason:"
                ),
                row.name,
                row.code,
            ),
        )
        if not ok:
            return
        self.run(
            customers.release_to_pool,
            self.ctx,
            row.id,
            self.ctx.today(),
            reason,
            on_done=self._after,
        )

    def claim(self) -> None:
        row = self.panel.selected()
        if self.ctx is None or row is None:
            return
        self.run(customers.request_claim, self.ctx, row.id, "", on_done=self._after)

    def add_followup(self) -> None:
        row = self.panel.selected()
        if self.ctx is None or row is None:
            return
        dialog = FollowUpDialog(self.ctx, self.runner, row.id, self)
        if dialog.exec():
            self._after(dialog.changes)
