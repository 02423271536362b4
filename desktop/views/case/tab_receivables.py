"""The Receivables & orders tab: the open receivables (who collects them, what is overdue),
open orders and contracts left by the employee."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
)

from desktop.i18n import format_date, format_money
from desktop.services.departures import (
    CaseDetail,
)
from desktop.services.departures.states import UNAPPROVED_VALUES
from desktop.services.handover import HANDOVER_STATES, ItemRow
from desktop.services.permissions import Action
from desktop.views.case import dialogs_checklist, dialogs_customers
from desktop.views.case.common import (
    CaseTab,
    _figure,
    _fit,
    _money,
    _selected,
    _table_view,
)
from desktop.views.filedialogs import get_existing_directory
from desktop.views.labels import (
    item_status_label,
)
from desktop.views.qtext import fill
from desktop.views.widgets.rows import (
    MUTED_FG,
    OVERDUE_FG,
    Column,
    RowsModel,
)

ZERO = Decimal("0.00")

if TYPE_CHECKING:
    from desktop.views.case.screen import CaseScreen


class MoneyTab(CaseTab):
    """Open receivables (who collects), open orders and contracts left by the employee."""

    def __init__(self, screen: CaseScreen) -> None:
        super().__init__(screen)
        today = lambda: self.ctx.today() if self.ctx else date.today()  # noqa: E731
        self.today = today
        successor = Column(
            self.tr("Collector / successor"),
            lambda r: f"{r.successor_name} ({r.successor_no})" if r.successor_id else "—",
        )
        customer = Column(
            self.tr("Customer"), lambda r: f"{r.customer_code or ''} {r.customer_name or ''}"
        )
        status = Column(self.tr("Status"), lambda r: item_status_label(r.status))
        self.receivables = RowsModel(
            [
                Column(self.tr("Invoice"), lambda r: r.receivable_number or r.title),
                customer,
                Column(self.tr("Due"), lambda r: format_date(r.due_date), key=lambda r: r.due_date),
                _figure(self.tr("Outstanding now"), "outstanding_now", _money),
                Column(
                    self.tr("Days overdue"),
                    lambda r: self._overdue(r) or "",
                    key=self._overdue,
                    align_right=True,
                ),
                successor,
                status,
            ]
        )
        self.orders = RowsModel(
            [
                Column(self.tr("Order"), lambda r: r.order_number or r.title),
                customer,
                _figure(self.tr("Revenue"), "amount", _money),
                successor,
                status,
            ]
        )
        self.contracts = RowsModel(
            [
                Column(self.tr("Contract"), lambda r: r.title),
                customer,
                successor,
                status,
            ]
        )
        for model in (self.receivables, self.orders, self.contracts):
            model.colours = self._colours
        self.views = [_table_view(m) for m in (self.receivables, self.orders, self.contracts)]
        self.groups: list[QGroupBox] = []
        splitter = QSplitter(Qt.Orientation.Vertical)
        for title, view in zip(
            (self.tr("Open receivables"), self.tr("Open orders"), self.tr("Open contracts")),
            self.views,
            strict=True,
        ):
            group = QGroupBox(title)
            box = QVBoxLayout(group)
            box.setContentsMargins(4, 4, 4, 4)
            box.addWidget(view)
            splitter.addWidget(group)
            self.groups.append(group)
            view.selectionModel().selectionChanged.connect(lambda *_: self.update_actions())
        from desktop.views.case.letters import LettersPanel

        self.letters = LettersPanel(screen.runner)
        self.letters.changed.connect(self.screen.changed.emit)
        splitter.addWidget(self.letters)
        splitter.setSizes([400, 200, 120, 200])
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        for name, text, slot in (
            ("assign", self.tr("Assign collector / successor…"), self.assign),
            ("waive", self.tr("Waive…"), self.waive),
            ("letters", self.tr("Confirmation letters…"), self.choose_letters_folder),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            bar.addWidget(button)
            self.buttons[name] = button
        bar.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        self._fitted = False

    def _overdue(self, r: ItemRow) -> int:
        if r.due_date is None or not r.outstanding_now:
            return 0
        return max((self.today() - r.due_date).days, 0)

    def _colours(self, r: ItemRow, column: int) -> Any:
        if r.status == "waived":
            return (MUTED_FG, None)
        successor_column = {"receivable": 5, "order": 3}.get(r.kind, 2)
        if r.status == "open" and r.successor_id is None and column == successor_column:
            return (OVERDUE_FG, None)
        if r.kind == "receivable" and self._overdue(r) and column in (2, 4):
            return (OVERDUE_FG, None)
        return None

    def show_case(self, detail: CaseDetail) -> None:
        self.letters.set_case(
            self.ctx if detail.case.state not in UNAPPROVED_VALUES else None, detail.case.id
        )
        items = detail.items
        self.receivables.set_rows([i for i in items if i.kind == "receivable"])
        self.orders.set_rows([i for i in items if i.kind == "order"])
        self.contracts.set_rows([i for i in items if i.kind == "contract"])
        for group, model, title in zip(
            self.groups,
            (self.receivables, self.orders, self.contracts),
            (
                self.tr("Open receivables (%1)"),
                self.tr("Open orders (%1)"),
                self.tr("Open contracts (%1)"),
            ),
            strict=True,
        ):
            group.setTitle(fill(title, len(model.all_rows)))
        # The case's lists are whole (not paged): their totals are those of every item.
        invoices = self.receivables.all_rows
        if invoices:
            self.groups[0].setTitle(
                fill(
                    self.tr("Open receivables (%1) · outstanding now %2"),
                    len(invoices),
                    format_money(sum((r.outstanding_now or ZERO for r in invoices), ZERO)),
                )
            )
        orders = self.orders.all_rows
        if orders:
            self.groups[1].setTitle(
                fill(
                    self.tr("Open orders (%1) · revenue %2"),
                    len(orders),
                    format_money(sum((r.amount or ZERO for r in orders), ZERO)),
                )
            )
        if not self._fitted and items:
            _fit(self.views[0], (14, 30, 11, 14, 8, 20, 10))
            _fit(self.views[1], (16, 30, 14, 20, 10))
            _fit(self.views[2], (30, 30, 20, 10))
            self._fitted = True
        risks = detail.risks
        lines = [
            fill(
                self.tr(
                    "Today the employee leaves %1 open invoices (%2 outstanding), %3 of them "
                    "overdue (%4)."
                ),
                risks.open_receivables,
                format_money(risks.outstanding),
                risks.overdue_receivables,
                format_money(risks.overdue_amount),
            )
        ]
        without = sum(
            1
            for i in items
            if i.kind in ("receivable", "order", "contract")
            and i.status == "open"
            and i.successor_id is None
        )
        if detail.case.state in UNAPPROVED_VALUES:
            lines.append(self.tr("The lists below are generated when the case is approved."))
        elif without:
            lines.append(
                fill(
                    self.tr(
                        "<b style='color:#b00020'>%1 open items have nobody to take them over.</b>"
                    ),
                    without,
                )
            )
        self.summary.setText("<br>".join(lines))
        self.update_actions()

    def selected(self) -> list[ItemRow]:
        out: list[ItemRow] = []
        for view, model in zip(
            self.views, (self.receivables, self.orders, self.contracts), strict=True
        ):
            out += _selected(view, model)
        return out

    def update_actions(self) -> None:
        state = self.detail.case.state if self.detail else None
        editable = state in HANDOVER_STATES and self.role_can(Action.HANDOVER_EDIT)
        rows = self.selected()
        self.buttons["assign"].setEnabled(editable and any(r.status == "open" for r in rows))
        self.buttons["waive"].setEnabled(editable and any(r.status == "open" for r in rows))
        self.buttons["letters"].setEnabled(
            self.detail is not None
            and state not in UNAPPROVED_VALUES
            and self.role_can(Action.CONFIRMATION_LETTERS)
        )
        self.buttons["letters"].setToolTip(
            self.tr("对账函: one letter per customer with an open balance, saved to a folder")
        )

    def clear(self) -> None:
        for model in (self.receivables, self.orders, self.contracts):
            model.set_rows([])
        self.summary.clear()
        self.letters.set_case(None, None)

    def assign(self) -> None:
        if self.ctx is None or self.detail is None:
            return
        ids = [r.id for r in self.selected() if r.status == "open"]
        if ids:
            self.screen.open_dialog(
                dialogs_customers.AssignDialog(
                    self.ctx, self.screen.runner, self.detail.case.id, item_ids=ids, parent=self
                )
            )

    def waive(self) -> None:
        rows = [r for r in self.selected() if r.status == "open"]
        if self.ctx is not None and rows:
            self.screen.open_dialog(
                dialogs_checklist.WaiveDialog(self.ctx, self.screen.runner, rows, self)
            )

    # -- confirmation letters (对账函) ---------------------------------------------------------

    def choose_letters_folder(self) -> None:
        folder = get_existing_directory(self, self.tr("Save the confirmation letters"))
        if folder:
            self.issue_letters(Path(folder))

    def issue_letters(self, folder: Path) -> None:
        """Issue the letters on the worker, then write them there too, one file each."""
        from desktop.reports import issue
        from desktop.views.workers import run_with_progress

        if self.ctx is None or self.detail is None:
            return
        ctx = self.ctx
        run_with_progress(
            self,
            self.screen.runner,
            self.tr("Issuing confirmation letters"),
            issue.issue_confirmations,
            ctx,
            self.detail.case.id,
            "zh",
            on_done=lambda issued: self.screen.runner.start(
                _write_letters,
                ctx,
                folder,
                issued,
                on_done=self._letters_written,
                on_error=lambda exc: self._letters_failed(exc),
            ),
        )

    def _letters_written(self, written: list[Path]) -> None:
        self.summary.setText(
            fill(
                self.tr("%1 confirmation letter(s) issued and saved to %2"),
                len(written),
                written[0].parent if written else "",
            )
        )
        from desktop.services.changes import Changes, Kind

        self.letters.reload()
        self.screen.changed.emit(Changes.of(Kind.DOCUMENTS))

    def _letters_failed(self, exc: BaseException) -> None:
        from desktop.views.errors import show_error

        show_error(self, exc)


def _write_letters(ctx: Any, folder: Path, issued: list[Any]) -> list[Path]:
    """Write each issued letter as ``NUMBER.pdf`` in ``folder`` and audit the save, as the
    command line does (on the worker)."""
    from desktop.services import documents

    out = []
    for item in issued:
        target = folder / f"{item.info.number}.pdf"
        documents.save_issued_file(ctx, item, target)
        out.append(target)
    return out
