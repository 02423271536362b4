"""The Customers tab: who takes over each customer, whether the customer was told, and
whether the successor confirmed receipt."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from desktop.i18n import format_date, format_datetime
from desktop.services import handover
from desktop.services.departures import (
    CaseDetail,
)
from desktop.services.handover import CONFIRM_STATES, HANDOVER_STATES, ItemRow
from desktop.services.permissions import Action
from desktop.views.case import dialogs_customers as dialogs
from desktop.views.case.common import (
    CaseTab,
    _fit,
    _money,
    _selected,
    _table_view,
)
from desktop.views.labels import (
    informed_how_label,
    item_status_label,
)
from desktop.views.qtext import fill
from desktop.views.widgets.rows import (
    GOOD_FG,
    MUTED_FG,
    OVERDUE_FG,
    Column,
    RowsModel,
)
from desktop.views.widgets.style import set_style_role
from desktop.views.workers import run_with_progress

if TYPE_CHECKING:
    from desktop.views.case.screen import CaseScreen


TRANSFER_KINDS = handover.TRANSFER_KINDS


class CustomersTab(CaseTab):
    """The transfer table: one row per customer, who takes it over, told, confirmed."""

    def __init__(self, screen: CaseScreen) -> None:
        super().__init__(screen)
        self.model = RowsModel(
            [
                Column(
                    self.tr("Customer"),
                    lambda r: f"{r.customer_code or ''} {r.customer_name or r.title}",
                ),
                Column(self.tr("Region"), lambda r: r.customer_region),
                Column(self.tr("Industry"), lambda r: r.customer_industry),
                Column(
                    self.tr("Open receivable"),
                    lambda r: _money(r.amount) if r.amount else "",
                    key=lambda r: r.amount,
                    align_right=True,
                ),
                Column(
                    self.tr("Successor"),
                    lambda r: f"{r.successor_name} ({r.successor_no})" if r.successor_id else "—",
                ),
                Column(
                    self.tr("Planned"),
                    lambda r: format_date(r.planned_on),
                    key=lambda r: r.planned_on,
                ),
                Column(
                    self.tr("Customer told"),
                    self._informed,
                    key=lambda r: (bool(r.customer_informed), r.informed_on),
                ),
                Column(self.tr("Status"), lambda r: item_status_label(r.status)),
                Column(
                    self.tr("Confirmed"),
                    lambda r: (
                        fill(
                            self.tr("%1, %2"), r.confirmed_by or "", format_datetime(r.confirmed_at)
                        )
                        if r.confirmed_at
                        else ""
                    ),
                    key=lambda r: r.confirmed_at,
                ),
            ]
        )
        self.model.colours = self._colours
        self.search = QLineEdit()
        self.search.setPlaceholderText(
            self.tr("Filter by code, name, region, industry or successor…")
        )
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self._filter())
        self.without = QCheckBox(self.tr("Without successor only"))
        self.without.toggled.connect(lambda _c: self._filter())
        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        for name, text, slot in (
            ("assign", self.tr("Assign successor…"), self.assign),
            ("suggest", self.tr("Suggest successors…"), self.suggest),
            ("informed", self.tr("Mark customer informed…"), self.informed),
            ("waive_informing", self.tr("Waive informing…"), self.waive_informing),
            ("waive", self.tr("Waive…"), self.waive),
            ("confirm", self.tr("Confirm receipt…"), self.confirm),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            bar.addWidget(button)
            self.buttons[name] = button
        bar.addStretch()
        top = QHBoxLayout()
        top.addWidget(self.search, 2)
        top.addWidget(self.without)
        top.addStretch(1)
        self.table = _table_view(self.model)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.update_actions())
        self.summary = QLabel()
        set_style_role(self.summary, "role", "hint")
        self.empty = QLabel(
            self.tr(
                "The handover items are generated from live data when the case is approved: "
                "every customer the employee owns that day, with their open invoices, orders "
                "and contracts."
            )
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        set_style_role(self.empty, "role", "empty")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(bar)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        self._fitted = False

    def _informed(self, r: ItemRow) -> str:
        if r.informed_waived_reason:
            return fill(self.tr("not to be told: %1"), r.informed_waived_reason)
        if not r.customer_informed:
            return self.tr("no")
        parts = [self.tr("yes"), format_date(r.informed_on), informed_how_label(r.informed_how)]
        return " · ".join(p for p in parts if p)

    def _colours(self, r: ItemRow, column: int) -> Any:
        if r.status == "open" and r.successor_id is None and column == 4:
            return (OVERDUE_FG, None)
        if r.status == "confirmed" and column == 7:
            return (GOOD_FG, None)
        if r.status == "waived":
            return (MUTED_FG, None)
        return None

    def rows(self) -> list[ItemRow]:
        return [i for i in self.detail.items if i.kind == "customer"] if self.detail else []

    def show_case(self, detail: CaseDetail) -> None:
        rows = self.rows()
        self.model.set_rows(rows)
        self._filter()
        self.empty.setVisible(not rows)
        self.table.setVisible(bool(rows))
        self.summary.setVisible(bool(rows))
        if rows and not self._fitted:
            _fit(self.table, (30, 12, 8, 14, 14, 11, 20, 9, 18))
            self._fitted = True
        self.update_actions()

    def _filter(self) -> None:
        text = self.search.text().strip().lower()
        without = self.without.isChecked()

        def keep(r: ItemRow) -> bool:
            if without and (r.successor_id is not None or r.status != "open"):
                return False
            if not text:
                return True
            hay = " ".join(
                x or ""
                for x in (
                    r.customer_code,
                    r.customer_name,
                    r.customer_region,
                    r.customer_industry,
                    r.successor_name,
                    r.successor_no,
                )
            ).lower()
            return text in hay

        self.model.set_filter(keep)
        self._summary()

    def _summary(self) -> None:
        rows = self.model.all_rows
        self.summary.setText(
            fill(
                self.tr(
                    "%n customer(s) · %1 without successor · %2 told · %3 confirmed · showing %4",
                    "",
                    len(rows),
                ),
                sum(1 for r in rows if r.successor_id is None and r.status == "open"),
                sum(1 for r in rows if r.customer_informed),
                sum(1 for r in rows if r.status == "confirmed"),
                self.model.rowCount(),
            )
        )

    def selected(self) -> list[ItemRow]:
        return _selected(self.table, self.model)

    def update_actions(self) -> None:
        state = self.detail.case.state if self.detail else None
        editable = state in HANDOVER_STATES and self.role_can(Action.HANDOVER_EDIT)
        has_rows = bool(self.model.all_rows)
        selected = self.selected()
        self.buttons["assign"].setEnabled(editable and has_rows)
        self.buttons["suggest"].setEnabled(editable and has_rows)
        self.buttons["informed"].setEnabled(editable and bool(selected))
        self.buttons["waive_informing"].setEnabled(
            editable and any(r.status != "waived" for r in selected)
        )
        self.buttons["waive"].setEnabled(editable and any(r.status == "open" for r in selected))
        self.buttons["confirm"].setEnabled(
            state in CONFIRM_STATES
            and self.role_can(Action.HANDOVER_CONFIRM)
            and bool(self.waiting())
        )

    def clear(self) -> None:
        self.model.set_rows([])
        self.summary.clear()
        self.search.clear()

    # -- actions -----------------------------------------------------------------

    def assign(self) -> None:
        if self.ctx is None or self.detail is None:
            return
        selected = [r.customer_id for r in self.selected() if r.customer_id is not None]
        without = sum(
            1 for r in self.model.all_rows if r.successor_id is None and r.status == "open"
        )
        self.screen.open_dialog(
            dialogs.AssignDialog(
                self.ctx,
                self.screen.runner,
                self.detail.case.id,
                customer_ids=selected,
                without_successor=without,
                parent=self,
            )
        )

    def suggest(self) -> None:
        if self.ctx is None or self.detail is None:
            return
        selected = [
            r.customer_id
            for r in self.selected()
            if r.customer_id is not None and r.status == "open"
        ]
        case_id = self.detail.case.id
        ctx = self.ctx

        def show(suggestions: list[Any]) -> None:
            if not suggestions:
                self.screen.note(
                    self.tr(
                        "No suggestion: every customer has a successor, or nobody can take them over."
                    )
                )
                return
            self.screen.open_dialog(
                dialogs.SuggestionsDialog(ctx, self.screen.runner, case_id, suggestions, self)
            )

        run_with_progress(
            self,
            self.screen.runner,
            self.tr("Looking for successors…"),
            handover.suggest_successors,
            ctx,
            case_id,
            selected if len(selected) > 1 else None,
            on_done=show,
            cancellable=False,
        )

    def informed(self) -> None:
        if self.ctx is None or self.detail is None:
            return
        ids = [r.id for r in self.selected()]
        if ids:
            self.screen.open_dialog(
                dialogs.InformedDialog(self.ctx, self.screen.runner, self.detail.case.id, ids, self)
            )

    def waive_informing(self) -> None:
        """Customers not to be told, with a reason (the case may then complete)."""
        from desktop.views.case.dialogs_informing import WaiveInformingDialog

        rows = [r for r in self.selected() if r.status != "waived"]
        if self.ctx is not None and rows:
            self.screen.open_dialog(WaiveInformingDialog(self.ctx, self.screen.runner, rows, self))

    def waive(self) -> None:
        """Set customers' handover aside with a reason (one released meanwhile); the service
        refuses one the leaver still owns, naming it."""
        from desktop.views.case.dialogs_checklist import WaiveDialog

        rows = [r for r in self.selected() if r.status == "open"]
        if self.ctx is not None and rows:
            self.screen.open_dialog(WaiveDialog(self.ctx, self.screen.runner, rows, self))

    def waiting(self) -> list[ItemRow]:
        """Open items with a successor that the actor may confirm."""
        if self.ctx is None or self.detail is None:
            return []
        ctx = self.ctx
        return [
            i
            for i in self.detail.items
            if i.kind in TRANSFER_KINDS and handover.may_confirm(ctx, i)
        ]

    def confirm(self) -> None:
        if self.ctx is None or self.detail is None:
            return
        ctx = self.ctx
        waiting = self.waiting()
        selected = [r for r in self.selected() if handover.may_confirm(ctx, r)]
        dialog = dialogs.ConfirmReceiptDialog(
            self.screen.runner,
            len(selected),
            len(waiting),
            handover.may_confirm_all(ctx),
            self,
        )
        case_id = self.detail.case.id

        def go(choice: tuple[bool, str]) -> None:
            only_selected, comment = choice
            self.screen.run(
                self.tr("Confirming receipt…"),
                handover.confirm_pending,
                ctx,
                case_id,
                [r.id for r in selected] if only_selected else None,
                comment,
            )

        dialog.finished_with.connect(go)
        self.screen.open_dialog(dialog, reload=False)
