"""Receipts to confirm: what a successor takes over from a leaving colleague.

A salesperson cannot open departure cases, yet the handover is complete only when they confirm
receipt (ownership moves then). This page lists the items waiting for the acting user as
successor, and confirms the selected ones or all of them.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import format_date, format_money
from desktop.services import handover
from desktop.services.changes import Kind
from desktop.services.context import Changes
from desktop.services.handover import ItemRow
from desktop.services.permissions import Action
from desktop.views.errors import show_error
from desktop.views.labels import item_kind_label
from desktop.views.pages.base import Page
from desktop.views.widgets.forms import ask_first
from desktop.views.widgets.rows import Column, RowsModel
from desktop.views.widgets.style import set_style_role
from desktop.views.workers import TaskRunner, run_with_progress


class ReceiptsPage(Page):
    action = Action.HANDOVER_CONFIRM
    watches = frozenset({Kind.HANDOVER, Kind.DEPARTURES})

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self._request = 0
        self.model = RowsModel(
            [
                Column(self.tr("What"), lambda r: item_kind_label(r.kind)),
                Column(self.tr("Item"), lambda r: r.title),
                Column(
                    self.tr("Customer"),
                    lambda r: f"{r.customer_code or ''} {r.customer_name or ''}".strip(),
                ),
                Column(self.tr("Region"), lambda r: r.customer_region),
                Column(
                    self.tr("Amount"),
                    lambda r: format_money(r.amount) if r.amount is not None else "",
                    key=lambda r: r.amount,
                    align_right=True,
                ),
                Column(
                    self.tr("Planned"),
                    lambda r: format_date(r.planned_on),
                    key=lambda r: r.planned_on,
                ),
            ]
        )
        self.intro = QLabel(
            self.tr(
                "Customers, invoices, orders and contracts handed over to you by a leaving "
                "colleague. Confirming receipt makes you their owner (or collector) from today, "
                "or from the planned date."
            )
        )
        self.intro.setWordWrap(True)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update())
        self.confirm_selected = QPushButton(self.tr("Confirm selected"))
        self.confirm_selected.clicked.connect(lambda: self.confirm(True))
        self.confirm_all = QPushButton(self.tr("Confirm all"))
        self.confirm_all.clicked.connect(lambda: self.confirm(False))
        self.count = QLabel()
        set_style_role(self.count, "role", "hint")
        bar = QHBoxLayout()
        bar.addWidget(self.confirm_selected)
        bar.addWidget(self.confirm_all)
        bar.addStretch()
        bar.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        self._update()

    def title(self) -> str:
        return self.tr("Receipts to confirm")

    def refresh(self) -> None:
        if self.ctx is None:
            return
        self._request += 1
        request = self._request
        self.runner.start(
            handover.pending_confirmations,
            self.ctx,
            on_done=lambda rows: self._show(request, rows),
            on_error=lambda exc: show_error(self, exc) if request == self._request else None,
        )

    def _show(self, request: int, rows: list[ItemRow]) -> None:
        if request != self._request or self.ctx is None:
            return
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self.count.setText(
            self.tr("%n item(s) waiting for you", "", len(rows))
            if rows
            else self.tr("Nothing is waiting for your confirmation.")
        )
        self._update()

    def selected(self) -> list[ItemRow]:
        return [self.model.row_object(i.row()) for i in self.table.selectionModel().selectedRows()]

    def _update(self) -> None:
        # The one confirmation policy (handover.may_confirm_for) decides, as in the service.
        ctx = self.ctx

        def any_confirmable(rows: Sequence[ItemRow]) -> bool:
            return ctx is not None and any(handover.may_confirm(ctx, r) for r in rows)

        self.confirm_selected.setEnabled(any_confirmable(self.selected()))
        self.confirm_all.setEnabled(any_confirmable(self.model.all_rows))

    def confirm(self, only_selected: bool) -> None:
        if self.ctx is None:
            return
        ids = [r.id for r in self.selected()] if only_selected else None
        if only_selected and not ids:
            return
        if not only_selected:
            count = len(self.model.all_rows)
            if not count or not ask_first(
                self,
                self.tr("Confirm all"),
                self.tr(
                    "Confirm receipt of all %n item(s)? You become their owner or collector.",
                    "",
                    count,
                ),
            ):
                return
        run_with_progress(
            self,
            self.runner,
            self.tr("Confirming receipt…"),
            handover.confirm_pending,
            self.ctx,
            None,
            ids,
            on_done=self._done,
            cancellable=False,
        )

    def _done(self, changes: Changes) -> None:
        self.emit_changes(changes)
        self.refresh()

    def clear(self) -> None:
        super().clear()
        self._request += 1
        self.model.set_rows([])
        self.count.clear()
        self._update()
