"""The case screen: one departure case, its stepper and moves, and a tab per part of the handover.

The case is read in one service call (:func:`desktop.services.departures.get_case`) off the
GUI thread; every tab shows a part of that one :class:`CaseDetail`. An action runs its service
call, then the screen reads the case again and tells the window what changed. What a role
cannot do is disabled here, and the services check again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from html import escape
from operator import attrgetter
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStyle,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import BatonError
from desktop.i18n import format_date, format_datetime, format_money
from desktop.services import departures, handover, post_departure
from desktop.services.context import Changes, ServiceContext
from desktop.services.departures import (
    RECORDABLE_DUTIES,
    TRANSITIONS,
    CaseDetail,
    Deadline,
    TransitionOption,
    TransitionRefused,
)
from desktop.services.handover import CONFIRM_STATES, HANDOVER_STATES, ItemRow
from desktop.services.permissions import Action, can
from desktop.services.post_departure import CustomerOutcome, PostDepartureReport
from desktop.storage.private import save_output
from desktop.views import case_dialogs as dialogs
from desktop.views.errors import show_error, translate_error
from desktop.views.labels import (
    CASE_STATES,
    case_event_label,
    case_state_label,
    case_type_label,
    informed_how_label,
    item_category_label,
    item_status_label,
    responsible_role_label,
    transition_label,
)
from desktop.views.qtext import fill
from desktop.views.widgets.rows import (
    GOOD_FG,
    MUTED_FG,
    OVERDUE_BG,
    OVERDUE_FG,
    Col,
    RowsModel,
)
from desktop.views.widgets.tables import detail_table, fill_table
from desktop.views.workers import TaskRunner, run_with_progress

CLOSED = ("withdrawn", "cancelled")
TRANSFER_KINDS = handover.TRANSFER_KINDS


def _money(value: Decimal | None) -> str:
    return format_money(value) if value is not None else ""


def _percent(value: Decimal | None) -> str:
    return f"{value}%" if value is not None else "—"


def _rate(value: Decimal | None) -> str:
    return f"{(value * 100).quantize(Decimal('0.1'))}%" if value is not None else "—"


def _figure(title: str, attr: str, show: Callable[[Any], str]) -> Col:
    """A right-aligned column showing ``show(row.<attr>)`` and sorted by the value itself."""
    value = attrgetter(attr)
    return Col(title, lambda r: show(value(r)), key=value, align_right=True)


def _table_view(model: RowsModel, multi: bool = True) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection
        if multi
        else QAbstractItemView.SelectionMode.SingleSelection
    )
    view.setAlternatingRowColors(True)
    view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def _selected(view: QTableView, model: RowsModel) -> list[Any]:
    return [model.row_object(i.row()) for i in view.selectionModel().selectedRows()]


def _fit(view: QTableView, widths: Sequence[int]) -> None:
    """Column widths from the header text and typical content (not measured per row: the
    table may hold thousands)."""
    header = view.horizontalHeader()
    metrics = view.fontMetrics()
    for i, chars in enumerate(widths):
        title = str(view.model().headerData(i, Qt.Orientation.Horizontal))
        wanted = max(metrics.horizontalAdvance(title) + 28, metrics.averageCharWidth() * chars)
        header.resizeSection(i, wanted)


# --------------------------------------------------------------------------- the stepper


class Stepper(QWidget):
    """The case's states in a row: the states passed, the current one, those to come."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels: dict[str, QLabel] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setSpacing(4)
        for i, state in enumerate(CASE_STATES):
            if i:
                arrow = QLabel("›")
                arrow.setStyleSheet("color: #999; font-size: 16px;")
                layout.addWidget(arrow)
            label = QLabel(case_state_label(state))
            label.setObjectName(f"step_{state}")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)
            self.labels[state] = label
        self.closed = QLabel()
        self.closed.setObjectName("step_closed")
        self.closed.hide()
        layout.addSpacing(12)
        layout.addWidget(self.closed)
        layout.addStretch()
        self.current: str | None = None
        self.set_state(None)

    def set_state(self, state: str | None, reached: str | None = None) -> None:
        """``reached``: for a withdrawn or cancelled case, the state it left."""
        self.current = state
        closed = state in CLOSED
        position = CASE_STATES.index(reached if closed and reached else state or "draft")
        if state is None:
            position = -1
        for i, (name, label) in enumerate(self.labels.items()):
            if closed:
                style = "color: #999; padding: 4px 10px; border: 1px dashed #bbb;"
                if i <= position:
                    style = "color: #777; padding: 4px 10px; border: 1px solid #bbb;"
                text = case_state_label(name)
            elif i < position:
                style = "color: #2e7d32; padding: 4px 10px; border: 1px solid #a5d6a7;"
                text = "✓ " + case_state_label(name)
            elif i == position:
                style = (
                    "color: white; background: #1565c0; font-weight: bold; padding: 4px 10px;"
                    "border: 1px solid #0d47a1;"
                )
                text = case_state_label(name)
            else:
                style = "color: #888; padding: 4px 10px; border: 1px solid #ddd;"
                text = case_state_label(name)
            label.setStyleSheet(style + " border-radius: 10px;")
            label.setText(text)
            label.setAccessibleName(
                fill(self.tr("%1 (current step)"), case_state_label(name))
                if i == position and not closed
                else case_state_label(name)
            )
        self.closed.setVisible(closed)
        if closed:
            self.closed.setText("✕ " + case_state_label(state))
            self.closed.setStyleSheet(
                "color: white; background: #b00020; font-weight: bold; padding: 4px 10px;"
                "border-radius: 10px;"
            )


# --------------------------------------------------------------------------- tabs


class CaseTab(QWidget):
    """A tab shows one part of the case; it acts through the screen."""

    def __init__(self, screen: CaseScreen) -> None:
        super().__init__()
        self.screen = screen

    @property
    def ctx(self) -> ServiceContext | None:
        return self.screen.ctx

    @property
    def detail(self) -> CaseDetail | None:
        return self.screen.detail

    def role_can(self, action: Action) -> bool:
        return self.ctx is not None and can(self.ctx.actor.role, action)

    def show_case(self, detail: CaseDetail) -> None:
        raise NotImplementedError

    def clear(self) -> None:
        raise NotImplementedError


class CustomersTab(CaseTab):
    """The transfer table: one row per customer, who takes it over, told, confirmed."""

    def __init__(self, screen: CaseScreen) -> None:
        super().__init__(screen)
        self.model = RowsModel(
            [
                Col(
                    self.tr("Customer"),
                    lambda r: f"{r.customer_code or ''} {r.customer_name or r.title}",
                ),
                Col(self.tr("Region"), lambda r: r.customer_region),
                Col(self.tr("Industry"), lambda r: r.customer_industry),
                Col(
                    self.tr("Open receivable"),
                    lambda r: _money(r.amount) if r.amount else "",
                    key=lambda r: r.amount,
                    align_right=True,
                ),
                Col(
                    self.tr("Successor"),
                    lambda r: f"{r.successor_name} ({r.successor_no})" if r.successor_id else "—",
                ),
                Col(
                    self.tr("Planned"),
                    lambda r: format_date(r.planned_on),
                    key=lambda r: r.planned_on,
                ),
                Col(
                    self.tr("Customer told"),
                    self._informed,
                    key=lambda r: (bool(r.customer_informed), r.informed_on),
                ),
                Col(self.tr("Status"), lambda r: item_status_label(r.status)),
                Col(
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
        self.summary.setStyleSheet("color: #555;")
        self.empty = QLabel(
            self.tr(
                "The handover items are generated from live data when the case is approved: "
                "every customer the employee owns that day, with their open invoices, orders "
                "and contracts."
            )
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty.setStyleSheet("color: #555; padding: 12px;")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(bar)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        self._fitted = False

    def _informed(self, r: ItemRow) -> str:
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
                    "%1 customers · %2 without successor · %3 told · %4 confirmed · showing %5"
                ),
                len(rows),
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
        if self.ctx is None:
            return
        ids = [r.id for r in self.selected()]
        if ids:
            self.screen.open_dialog(dialogs.InformedDialog(self.ctx, self.screen.runner, ids, self))

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
            customers = [r.customer_id for r in selected] if only_selected else None
            self.screen.run(
                self.tr("Confirming receipt…"),
                handover.confirm_items,
                ctx,
                case_id,
                None,
                customers,
                comment,
            )

        dialog.finished_with.connect(go)
        self.screen.open_dialog(dialog, reload=False)


class ChecklistTab(CaseTab):
    """Checklist lines and app accounts, grouped by category."""

    COLUMNS = 8

    def __init__(self, screen: CaseScreen) -> None:
        super().__init__(screen)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(self.COLUMNS)
        self.tree.setHeaderLabels(
            [
                self.tr("Item"),
                self.tr("Responsible"),
                self.tr("Due"),
                self.tr("Required"),
                self.tr("Evidence"),
                self.tr("Status"),
                self.tr("Done by"),
                self.tr("Note"),
            ]
        )
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.itemSelectionChanged.connect(self.update_actions)
        self.tree.itemDoubleClicked.connect(lambda *_: self.done())
        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        for name, text, slot in (
            ("done", self.tr("Done…"), self.done),
            ("attach", self.tr("Attach evidence…"), self.attach),
            ("evidence", self.tr("Open evidence…"), self.open_evidence),
            ("waive", self.tr("Waive…"), self.waive),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            bar.addWidget(button)
            self.buttons[name] = button
        bar.addStretch()
        self.summary = QLabel()
        self.summary.setStyleSheet("color: #555;")
        self.empty = QLabel(
            self.tr("The checklist of the employee's position is added when the case is approved.")
        )
        self.empty.setStyleSheet("color: #555; padding: 12px;")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.empty)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.summary)

    def show_case(self, detail: CaseDetail) -> None:
        today = self.ctx.today() if self.ctx else date.today()
        selected = {i.id for i in self.selected()}
        self.tree.clear()
        items = [i for i in detail.items if i.kind in ("checklist", "account")]
        groups: dict[str, list[ItemRow]] = {}
        for item in items:
            groups.setdefault(item.category, []).append(item)
        order = [*handover.KIND_CATEGORY.values(), "assets", "documents", "other"]
        for category in sorted(groups, key=lambda c: order.index(c) if c in order else 99):
            rows = groups[category]
            finished = sum(1 for r in rows if r.status != "open")
            top = QTreeWidgetItem(
                [
                    fill(
                        self.tr("%1 (%2 of %3 done)"),
                        item_category_label(category),
                        finished,
                        len(rows),
                    )
                ]
            )
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            top.setFirstColumnSpanned(True)
            top.setFlags(top.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            self.tree.addTopLevelItem(top)
            for r in rows:
                responsible = (
                    responsible_role_label(r.responsible_role) if r.responsible_role else ""
                )
                if r.responsible_name:
                    responsible = (
                        f"{responsible} · {r.responsible_name}"
                        if responsible
                        else r.responsible_name
                    )
                evidence = ""
                if r.evidence_required or r.evidence_count:
                    evidence = fill(self.tr("%1 attached"), r.evidence_count)
                    if r.evidence_required:
                        evidence = fill(self.tr("needed, %1 attached"), r.evidence_count)
                done_by = (
                    fill(self.tr("%1, %2"), r.completed_by or "", format_datetime(r.completed_at))
                    if r.completed_at
                    else ""
                )
                child = QTreeWidgetItem(
                    [
                        r.title
                        if r.kind == "checklist"
                        else fill(self.tr("App account %1"), r.username or r.title),
                        responsible,
                        format_date(r.due_on),
                        self.tr("required") if r.required else self.tr("optional"),
                        evidence,
                        item_status_label(r.status),
                        done_by,
                        r.waived_reason or r.note or "",
                    ]
                )
                child.setData(0, Qt.ItemDataRole.UserRole, r)
                if r.status == "open" and r.due_on is not None and r.due_on < today:
                    for c in range(self.COLUMNS):
                        child.setForeground(c, OVERDUE_FG)
                        child.setBackground(c, OVERDUE_BG)
                    child.setToolTip(2, self.tr("Overdue"))
                elif r.status != "open":
                    for c in range(self.COLUMNS):
                        child.setForeground(c, MUTED_FG if r.status == "waived" else GOOD_FG)
                top.addChild(child)
                if r.id in selected:
                    child.setSelected(True)
        self.tree.expandAll()
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        metrics = self.tree.fontMetrics()
        for column, chars in enumerate((36, 22, 11, 9, 18, 9, 22, 20)):
            header.resizeSection(column, metrics.averageCharWidth() * chars)
        header.setStretchLastSection(True)
        self.empty.setVisible(not items)
        self.tree.setVisible(bool(items))
        open_required = sum(1 for r in items if r.required and r.status == "open")
        self.summary.setText(
            fill(
                self.tr("%1 items · %2 open · %3 required still open"),
                len(items),
                sum(1 for r in items if r.status == "open"),
                open_required,
            )
        )
        self.update_actions()

    def selected(self) -> list[ItemRow]:
        out = []
        for node in self.tree.selectedItems():
            row = node.data(0, Qt.ItemDataRole.UserRole)
            if row is not None:
                out.append(row)
        return out

    def update_actions(self) -> None:
        state = self.detail.case.state if self.detail else None
        editable = state in HANDOVER_STATES and self.role_can(Action.HANDOVER_EDIT)
        rows = self.selected()
        one = rows[0] if len(rows) == 1 else None
        self.buttons["done"].setEnabled(editable and one is not None and one.status == "open")
        self.buttons["attach"].setEnabled(editable and one is not None)
        self.buttons["evidence"].setEnabled(one is not None and one.evidence_count > 0)
        self.buttons["waive"].setEnabled(
            editable and bool(rows) and all(r.status in ("open", "done") for r in rows)
        )

    def clear(self) -> None:
        self.tree.clear()
        self.summary.clear()

    def done(self) -> None:
        rows = self.selected()
        if self.ctx is None or len(rows) != 1 or not self.buttons["done"].isEnabled():
            return
        self.screen.open_dialog(dialogs.DoneDialog(self.ctx, self.screen.runner, rows[0], self))

    def attach(self) -> None:
        rows = self.selected()
        if self.ctx is None or len(rows) != 1:
            return
        name = self.screen.choose_file(self.tr("Attach evidence"))
        if name:
            self.screen.run(self.tr("Attaching…"), dialogs.attach_file, self.ctx, rows[0].id, name)

    def waive(self) -> None:
        rows = self.selected()
        if self.ctx is not None and rows:
            self.screen.open_dialog(dialogs.WaiveDialog(self.ctx, self.screen.runner, rows, self))

    def open_evidence(self) -> None:
        rows = self.selected()
        if self.ctx is None or len(rows) != 1:
            return
        self.screen.open_evidence(rows[0])


class MoneyTab(CaseTab):
    """Open receivables (who collects), open orders and contracts left by the employee."""

    def __init__(self, screen: CaseScreen) -> None:
        super().__init__(screen)
        today = lambda: self.ctx.today() if self.ctx else date.today()  # noqa: E731
        self.today = today
        successor = Col(
            self.tr("Collector / successor"),
            lambda r: f"{r.successor_name} ({r.successor_no})" if r.successor_id else "—",
        )
        customer = Col(
            self.tr("Customer"), lambda r: f"{r.customer_code or ''} {r.customer_name or ''}"
        )
        status = Col(self.tr("Status"), lambda r: item_status_label(r.status))
        self.receivables = RowsModel(
            [
                Col(self.tr("Invoice"), lambda r: r.receivable_number or r.title),
                customer,
                Col(self.tr("Due"), lambda r: format_date(r.due_date), key=lambda r: r.due_date),
                _figure(self.tr("Outstanding now"), "outstanding_now", _money),
                Col(
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
                Col(self.tr("Order"), lambda r: r.order_number or r.title),
                customer,
                _figure(self.tr("Revenue"), "amount", _money),
                successor,
                status,
            ]
        )
        self.contracts = RowsModel(
            [
                Col(self.tr("Contract"), lambda r: r.title),
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
        splitter.setSizes([400, 200, 120])
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        for name, text, slot in (
            ("assign", self.tr("Assign collector / successor…"), self.assign),
            ("waive", self.tr("Waive…"), self.waive),
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
        if detail.case.state in ("draft", "submitted"):
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

    def clear(self) -> None:
        for model in (self.receivables, self.orders, self.contracts):
            model.set_rows([])
        self.summary.clear()

    def assign(self) -> None:
        if self.ctx is None or self.detail is None:
            return
        ids = [r.id for r in self.selected() if r.status == "open"]
        if ids:
            self.screen.open_dialog(
                dialogs.AssignDialog(
                    self.ctx, self.screen.runner, self.detail.case.id, item_ids=ids, parent=self
                )
            )

    def waive(self) -> None:
        rows = [r for r in self.selected() if r.status == "open"]
        if self.ctx is not None and rows:
            self.screen.open_dialog(dialogs.WaiveDialog(self.ctx, self.screen.runner, rows, self))


class DeadlinesTab(CaseTab):
    """Legal and business deadlines, the non-compete decision, and the clauses."""

    def __init__(self, screen: CaseScreen) -> None:
        super().__init__(screen)
        self.deadlines = detail_table(
            [
                self.tr("Duty"),
                self.tr("Due"),
                self.tr("Status"),
                self.tr("Done on"),
                self.tr("Amount"),
                self.tr("Basis"),
            ]
        )
        self.deadlines.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.deadlines.itemSelectionChanged.connect(self.update_actions)
        self.deadlines.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.deadline_rows: list[Deadline] = []
        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        for name, text, slot in (
            ("record", self.tr("Record done…"), self.record),
            ("pay", self.tr("Record payment…"), self.pay),
            ("non_compete", self.tr("Non-compete decision…"), self.non_compete),
            ("release", self.tr("Release early…"), self.release),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            bar.addWidget(button)
            self.buttons[name] = button
        bar.addStretch()
        self.non_compete_line = QLabel()
        self.non_compete_line.setWordWrap(True)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(bar)
        top_layout.addWidget(self.deadlines, 1)
        top_layout.addWidget(self.non_compete_line)

        self.clauses = detail_table(
            [self.tr("Clause"), self.tr("Language"), self.tr("Version"), self.tr("Acknowledged")]
        )
        self.clauses.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.clauses.itemSelectionChanged.connect(self._show_clause)
        self.clause_text = QTextBrowser()
        self.acknowledge_button = QPushButton(self.tr("Acknowledge (employee present)…"))
        self.acknowledge_button.clicked.connect(self.acknowledge)
        clause_box = QGroupBox(self.tr("Clauses shown to the employee"))
        clause_layout = QHBoxLayout(clause_box)
        left = QVBoxLayout()
        left.addWidget(self.clauses, 1)
        left.addWidget(self.acknowledge_button)
        clause_layout.addLayout(left, 1)
        clause_layout.addWidget(self.clause_text, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(clause_box)
        splitter.setSizes([380, 260])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def show_case(self, detail: CaseDetail) -> None:
        today = self.ctx.today() if self.ctx else date.today()
        self.deadline_rows = list(detail.deadlines)
        rows = []
        for d in self.deadline_rows:
            rows.append(
                (
                    dialogs.deadline_text(d.title, d.params),
                    format_date(d.due_on) if d.due_on else self.tr("when the handover completes"),
                    self._status(d, today),
                    format_date(d.done_on),
                    _money(d.amount),
                    dialogs.deadline_text(d.basis, d.params)
                    + (
                        " " + QCoreApplication.translate("Departures", d.warning)
                        if d.warning
                        else ""
                    ),
                )
            )
        fill_table(self.deadlines, rows, right_aligned=(4,))
        for r, d in enumerate(self.deadline_rows):
            for c in range(self.deadlines.columnCount()):
                item = self.deadlines.item(r, c)
                if d.overdue:
                    item.setBackground(OVERDUE_BG)
                    item.setForeground(OVERDUE_FG)
                elif not d.applies:
                    item.setForeground(MUTED_FG)
                elif d.warning and c == 2:
                    item.setForeground(OVERDUE_FG)
            self.deadlines.item(r, 5).setToolTip(rows[r][5])
        header = self.deadlines.horizontalHeader()
        metrics = self.deadlines.fontMetrics()
        self.deadlines.resizeColumnsToContents()
        for column in range(5):
            header.resizeSection(
                column, min(header.sectionSize(column) + 8, metrics.averageCharWidth() * 40)
            )
        nc = detail.non_compete
        if not nc.possible:
            text = self.tr("Non-compete: not possible (no confidentiality duty).")
        elif not nc.decided:
            text = self.tr("Non-compete: <b>not decided yet</b> — decide by the last working day.")
        elif not nc.months:
            text = self.tr("Non-compete: none.")
        else:
            text = fill(
                self.tr(
                    "Non-compete: %1 months at %2 a month (average wage %3, local minimum %4)."
                ),
                nc.months,
                _money(nc.monthly),
                _money(nc.average_monthly_wage),
                _money(nc.local_minimum_wage),
            )
            if nc.released_on:
                text += " " + fill(self.tr("Released early on %1."), format_date(nc.released_on))
        if detail.risks.non_compete_alert:
            text += (
                " <b style='color:#b00020'>"
                + fill(
                    self.tr("%1 months unpaid: the employee may end the restriction."),
                    detail.risks.non_compete_unpaid_months,
                )
                + "</b>"
            )
        self.non_compete_line.setText(text)
        fill_table(
            self.clauses,
            [
                (
                    v.clause.title,
                    v.clause.language,
                    str(v.clause.version),
                    (
                        fill(
                            self.tr("%1 (recorded by %2)"),
                            format_datetime(v.acknowledged_at),
                            v.recorded_by or "",
                        )
                        + (
                            " — " + fill(self.tr("an older version (%1)"), v.acknowledged_version)
                            if v.outdated
                            else ""
                        )
                    )
                    if v.acknowledged
                    else self.tr("not yet"),
                )
                for v in detail.clauses
            ],
        )
        for r, v in enumerate(detail.clauses):
            if not v.acknowledged or v.outdated:
                self.clauses.item(r, 3).setForeground(OVERDUE_FG)
        if detail.clauses and not self.clauses.selectedItems():
            self.clauses.selectRow(0)
        self._show_clause()
        self.update_actions()

    def _status(self, d: Deadline, today: date) -> str:
        if not d.applies:
            return self.tr("does not apply")
        if d.done_on is not None:
            return self.tr("done")
        if not d.recordable:
            return self.tr("for information")
        if d.due_on is None:
            return self.tr("open")
        days = (d.due_on - today).days
        if days < 0:
            return fill(self.tr("overdue by %1 days"), -days)
        if days == 0:
            return self.tr("due today")
        return fill(self.tr("due in %1 days"), days)

    def _show_clause(self) -> None:
        rows = sorted({i.row() for i in self.clauses.selectedIndexes()})
        if self.detail is None or not rows or rows[0] >= len(self.detail.clauses):
            self.clause_text.clear()
            return
        c = self.detail.clauses[rows[0]].clause
        self.clause_text.setHtml(
            f"<h3>{escape(c.title)}</h3><p>{escape(c.body).replace(chr(10), '<br>')}</p>"
            f"<p style='color:#777'>SHA-256 {c.sha256[:16]}…</p>"
        )

    def selected_deadline(self) -> Deadline | None:
        rows = sorted({i.row() for i in self.deadlines.selectedIndexes()})
        return self.deadline_rows[rows[0]] if rows and rows[0] < len(self.deadline_rows) else None

    def update_actions(self) -> None:
        detail = self.detail
        open_case = detail is not None and detail.case.state not in CLOSED
        edit = open_case and self.role_can(Action.DEPARTURES_EDIT)
        d = self.selected_deadline()
        self.buttons["record"].setEnabled(
            edit and d is not None and d.key in RECORDABLE_DUTIES and d.applies
        )
        self.buttons["pay"].setEnabled(
            edit and d is not None and d.key.startswith(departures.DUTY_NON_COMPETE_PAY + ":")
        )
        nc = detail.non_compete if detail else None
        self.buttons["non_compete"].setEnabled(edit and nc is not None and nc.possible)
        self.buttons["release"].setEnabled(
            edit and nc is not None and bool(nc.months) and nc.released_on is None
        )
        unacknowledged = detail is not None and any(
            not v.acknowledged or v.outdated for v in detail.clauses
        )
        own = (
            detail is not None
            and self.ctx is not None
            and self.ctx.actor.employee_id == detail.case.employee_id
        )
        self.acknowledge_button.setEnabled(
            open_case and unacknowledged and (self.role_can(Action.DEPARTURES_EDIT) or own)
        )

    def clear(self) -> None:
        self.deadlines.setRowCount(0)
        self.clauses.setRowCount(0)
        self.clause_text.clear()
        self.non_compete_line.clear()
        self.deadline_rows = []

    def record(self) -> None:
        d = self.selected_deadline()
        if self.ctx is None or self.detail is None or d is None:
            return
        self.screen.open_dialog(
            dialogs.RecordDutyDialog(
                self.ctx,
                self.screen.runner,
                self.detail.case.id,
                d.key,
                dialogs.deadline_text(d.title, d.params),
                d.done_on,
                self,
            )
        )

    def pay(self) -> None:
        d = self.selected_deadline()
        if self.ctx is None or self.detail is None or d is None:
            return
        month = int(d.key.split(":", 1)[1])
        self.screen.open_dialog(
            dialogs.NonCompetePaymentDialog(
                self.ctx, self.screen.runner, self.detail.case.id, month, d.amount, self
            )
        )

    def non_compete(self) -> None:
        if self.ctx is not None and self.detail is not None:
            self.screen.open_dialog(
                dialogs.NonCompeteDialog(self.ctx, self.screen.runner, self.detail, self)
            )

    def release(self) -> None:
        if self.ctx is not None and self.detail is not None:
            self.screen.open_dialog(
                dialogs.ReleaseDialog(self.ctx, self.screen.runner, self.detail.case.id, self)
            )

    def acknowledge(self) -> None:
        if self.ctx is None or self.detail is None:
            return
        rows = sorted({i.row() for i in self.clauses.selectedIndexes()})
        chosen = {self.detail.clauses[r].clause.id for r in rows if r < len(self.detail.clauses)}
        if len(chosen) <= 1:
            chosen = {v.clause.id for v in self.detail.clauses if not v.acknowledged or v.outdated}
        self.screen.open_dialog(
            dialogs.AcknowledgeDialog(self.ctx, self.screen.runner, self.detail, chosen, self)
        )


class HistoryTab(CaseTab):
    def __init__(self, screen: CaseScreen) -> None:
        super().__init__(screen)
        self.table = detail_table(
            [self.tr("When"), self.tr("Who"), self.tr("What"), self.tr("State"), self.tr("Comment")]
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)

    def show_case(self, detail: CaseDetail) -> None:
        fill_table(
            self.table,
            [
                (
                    format_datetime(e.at),
                    e.actor,
                    case_event_label(e.action),
                    (
                        f"{case_state_label(e.from_state)} → {case_state_label(e.to_state)}"
                        if e.from_state
                        else case_state_label(e.to_state)
                    )
                    if e.to_state
                    else "",
                    e.comment,
                )
                for e in reversed(detail.events)
            ],
        )

    def clear(self) -> None:
        self.table.setRowCount(0)


class AfterTab(CaseTab):
    """Former customers over the protection period: orders, revenue, money collected."""

    def __init__(self, screen: CaseScreen) -> None:
        super().__init__(screen)
        self.report: PostDepartureReport | None = None
        self.loaded_for: int | None = None
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.note = QLabel(
            self.tr(
                "A customer that orders less is a <b>risk signal, not proof</b>: a customer may "
                "lawfully follow a person it trusts, or simply ship less. Look into it before "
                "drawing conclusions."
            )
        )
        self.note.setWordWrap(True)
        self.note.setStyleSheet(
            "background: #fff8e1; border: 1px solid #ffe082; padding: 6px; color: #5d4037;"
        )
        self.model = RowsModel(
            [
                Col(self.tr("Customer"), lambda r: f"{r.code} {r.name}"),
                Col(self.tr("Owner now"), lambda r: r.owner_now_name or "—"),
                Col(self.tr("Orders before"), lambda r: r.orders_before, align_right=True),
                _figure(self.tr("Revenue before"), "revenue_before", format_money),
                Col(self.tr("Orders since"), lambda r: r.orders_since, align_right=True),
                _figure(self.tr("Revenue since"), "revenue_since", format_money),
                _figure(self.tr("Churn"), "churn_percent", _percent),
                _figure(
                    self.tr("Receivable at departure"), "outstanding_at_departure", format_money
                ),
                _figure(self.tr("Collected since"), "collected_since", format_money),
                _figure(self.tr("Recovery"), "recovery_rate", _rate),
            ]
        )
        self.model.colours = self._colours
        self.table = _table_view(self.model, multi=False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)

    def _colours(self, r: CustomerOutcome, column: int) -> Any:
        if r.stopped or (r.churn_percent is not None and r.churn_percent >= 50):
            return (OVERDUE_FG, None) if column in (0, 6) else None
        return None

    def show_case(self, detail: CaseDetail) -> None:
        if self.loaded_for != detail.case.id:
            self.report = None
            self.model.set_rows([])
            self.headline.setText(self.tr("Loading…"))

    def load(self) -> None:
        """Read the report (when the tab is shown; it is not needed otherwise)."""
        if self.ctx is None or self.detail is None or self.loaded_for == self.detail.case.id:
            return
        if not self.role_can(Action.REPORTS_VIEW):
            self.headline.setText(self.tr("Your role does not show this report."))
            return
        case_id = self.detail.case.id
        self.loaded_for = case_id
        self.screen.runner.start(
            post_departure.post_departure_report,
            self.ctx,
            case_id,
            on_done=self._show,
            on_error=self._failed,
        )

    def _failed(self, exc: BaseException) -> None:
        self.loaded_for = None
        if isinstance(exc, BatonError):
            self.headline.setText(translate_error(exc))
        else:
            show_error(self, exc)

    def _show(self, report: PostDepartureReport) -> None:
        if self.detail is None or report.case_id != self.detail.case.id:
            return
        self.report = report
        self.headline.setText(
            fill(
                self.tr(
                    "<b>%1 former customers</b>, %2 to %3 against the %4 months before. Revenue "
                    "%5 → %6 (churn %7); %8 stopped ordering. Receivables at departure %9, "
                    "collected since %10 (recovery %11)."
                ),
                len(report.customers),
                format_date(report.last_day),
                format_date(report.since_until),
                report.months_before,
                format_money(report.revenue_before),
                format_money(report.revenue_since),
                _percent(report.churn_percent),
                report.stopped_customers,
                format_money(report.outstanding_at_departure),
                format_money(report.collected_since),
                _rate(report.recovery_rate),
            )
        )
        if report.as_of <= report.last_day:
            self.headline.setText(
                self.headline.text()
                + "<br>"
                + fill(
                    self.tr(
                        "The last working day (%1) has not passed yet: the columns “since” "
                        "fill from the day after it."
                    ),
                    format_date(report.last_day),
                )
            )
        self.model.set_rows(report.customers)
        _fit(self.table, (30, 12, 8, 14, 8, 14, 8, 14, 14, 8))

    def clear(self) -> None:
        self.report = None
        self.loaded_for = None
        self.model.set_rows([])
        self.headline.clear()


# --------------------------------------------------------------------------- the screen


class CaseScreen(QWidget):
    """One case: header, stepper, moves, tabs. ``open_case`` reads it off the GUI thread."""

    back = Signal()
    #: Emitted after an action changed data (the window tells the other pages).
    changed = Signal(object)
    #: Emitted with the :class:`CaseDetail` each time the case was (re)read; None when the
    #: screen forgets it (another case is opened, or the window locks).
    case_loaded = Signal(object)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.ctx: ServiceContext | None = None
        self.case_id: int | None = None
        self.detail: CaseDetail | None = None
        self.loading = False
        self._request = 0
        self._dialog: Any = None

        self.back_button = QPushButton("← " + self.tr("Cases"))
        self.back_button.setToolTip(self.tr("Back to the list (Alt+Left)"))
        self.back_button.clicked.connect(self.back)
        self.title = QLabel()
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.edit_button = QPushButton(self.tr("Edit case…"))
        self.edit_button.clicked.connect(self.edit_case)
        self.reload_button = QPushButton(self.tr("Reload"))
        self.reload_button.setToolTip(self.tr("Read the case again (F5)"))
        self.reload_button.clicked.connect(self.reload)
        head = QHBoxLayout()
        head.addWidget(self.back_button)
        head.addWidget(self.title, 1)
        head.addWidget(self.edit_button)
        head.addWidget(self.reload_button)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.stepper = Stepper()
        self.moves = QHBoxLayout()
        self.moves.setContentsMargins(0, 0, 0, 0)
        moves_box = QWidget()
        moves_box.setLayout(self.moves)
        self.move_buttons: dict[str, QPushButton] = {}
        self.blockers = QLabel()
        self.blockers.setObjectName("blockers")
        self.blockers.setWordWrap(True)
        self.blockers.setTextFormat(Qt.TextFormat.RichText)
        self.blockers.setStyleSheet(
            "QLabel#blockers { background: #fff4f4; border: 1px solid #f3c1c1; padding: 6px; }"
        )
        self.blockers_area = QScrollArea()
        self.blockers_area.setWidget(self.blockers)
        self.blockers_area.setWidgetResizable(True)
        self.blockers_area.setFrameShape(QFrame.Shape.NoFrame)
        self.blockers_area.setMaximumHeight(120)
        self.blockers_area.hide()
        self.status = QLabel()
        self.status.setStyleSheet("color: #555;")
        self.tabs = QTabWidget()
        self.customers = CustomersTab(self)
        self.checklist = ChecklistTab(self)
        self.money = MoneyTab(self)
        self.deadlines = DeadlinesTab(self)
        self.history = HistoryTab(self)
        self.after = AfterTab(self)
        self.documents = QLabel(
            self.tr(
                "Documents: the handover form (离职交接单) to print, sign and attach back "
                "appears here."
            )
        )
        self.documents.setObjectName("documentsPlaceholder")
        self.documents.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.documents.setWordWrap(True)
        self.documents.setStyleSheet("color: #555; padding: 12px;")
        self.case_tabs: list[CaseTab] = [
            self.customers,
            self.checklist,
            self.money,
            self.deadlines,
            self.history,
            self.after,
        ]
        self.tabs.addTab(self.customers, self.tr("Customers"))
        self.tabs.addTab(self.checklist, self.tr("Checklist"))
        self.tabs.addTab(self.money, self.tr("Receivables && orders"))
        self.tabs.addTab(self.deadlines, self.tr("Deadlines && clauses"))
        self.tabs.addTab(self.history, self.tr("History"))
        self.tabs.addTab(self.after, self.tr("After departure"))
        self.tabs.addTab(self.documents, self.tr("Documents"))
        self.tabs.currentChanged.connect(self._tab_changed)

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.facts)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(line)
        layout.addWidget(self.stepper)
        layout.addWidget(moves_box)
        layout.addWidget(self.blockers_area)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        self.tabs.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        QShortcut(QKeySequence("Alt+Left"), self, activated=self.back)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, activated=self.reload)
        QShortcut(QKeySequence("Ctrl+PgDown"), self, activated=lambda: self._step_tab(1))
        QShortcut(QKeySequence("Ctrl+PgUp"), self, activated=lambda: self._step_tab(-1))

    # -- for the other parts of the application ------------------------------------

    def add_tab(self, widget: QWidget, title: str) -> int:
        """Add a tab (e.g. the documents of the case) before the Documents placeholder;
        listen to ``case_loaded`` to follow the case shown. Returns the tab's index."""
        index = self.tabs.indexOf(self.documents)
        if index < 0:
            return self.tabs.addTab(widget, title)
        return self.tabs.insertTab(index, widget, title)

    def set_documents_tab(self, widget: QWidget, title: str) -> int:
        """Put the case's documents (handover form …) in place of the Documents placeholder.
        Connect the widget's change signal to :meth:`after_change` so the case is read again
        and the window told, and follow ``case_loaded`` (the case shown, or None)."""
        index = self.tabs.indexOf(self.documents)
        if index < 0:
            return self.add_tab(widget, title)
        self.tabs.removeTab(index)
        self.documents.deleteLater()
        self.documents = widget
        return self.tabs.insertTab(index, widget, title)

    # -- loading ---------------------------------------------------------------------

    def open_case(self, ctx: ServiceContext, case_id: int) -> None:
        if case_id != self.case_id:
            self.clear()
            self.tabs.setCurrentIndex(0)
        self.ctx = ctx
        self.case_id = case_id
        self.reload()

    def reload(self) -> None:
        if self.ctx is None or self.case_id is None:
            return
        self._request += 1
        request = self._request
        self.loading = True
        self.status.setText(self.tr("Loading the case…"))
        self.reload_button.setEnabled(False)
        self.runner.start(
            departures.get_case,
            self.ctx,
            self.case_id,
            on_done=lambda detail: self._loaded(request, detail),
            on_error=lambda exc: self._load_failed(request, exc),
        )

    def _loaded(self, request: int, detail: CaseDetail) -> None:
        if request != self._request or self.ctx is None or detail.case.id != self.case_id:
            return
        self.loading = False
        self.reload_button.setEnabled(True)
        self.status.clear()
        self.show_case(detail)

    def _load_failed(self, request: int, exc: BaseException) -> None:
        if request != self._request:
            return
        self.loading = False
        self.reload_button.setEnabled(True)
        self.status.setText(translate_error(exc) if isinstance(exc, BatonError) else "")
        show_error(self, exc)

    def show_case(self, detail: CaseDetail) -> None:
        self.detail = detail
        c = detail.case
        self.title.setText(
            f"<h2 style='margin:0'>{escape(c.number)} · {escape(c.employee_name)} "
            f"<span style='color:#777'>({escape(c.employee_no)})</span></h2>"
        )
        self._facts(detail)
        reached = None
        if c.state in CLOSED:
            reached = next(
                (e.from_state for e in reversed(detail.events) if e.to_state == c.state),
                None,
            )
        self.stepper.set_state(c.state, reached)
        self._moves(detail)
        self.edit_button.setEnabled(
            c.state in departures.OPEN_VALUES and self._role_can(Action.DEPARTURES_EDIT)
        )
        after = self.tabs.indexOf(self.after)
        self.tabs.setTabVisible(after, c.state in post_departure.DEPARTED_STATES)
        for tab in self.case_tabs:
            tab.show_case(detail)
        self._tab_changed(self.tabs.currentIndex())
        self._update_tab_titles(detail)
        self.case_loaded.emit(detail)

    def _update_tab_titles(self, detail: CaseDetail) -> None:
        customers = [i for i in detail.items if i.kind == "customer"]
        without = detail.risks.customers_without_successor
        title = self.tr("Customers")
        if customers:
            title = fill(self.tr("Customers (%1)"), len(customers))
            if without:
                title = fill(
                    self.tr("Customers (%1, %2 without successor)"), len(customers), without
                )
        self.tabs.setTabText(self.tabs.indexOf(self.customers), title)
        overdue = detail.risks.overdue_deadlines
        self.tabs.setTabText(
            self.tabs.indexOf(self.deadlines),
            fill(self.tr("Deadlines && clauses (%1 overdue)"), overdue)
            if overdue
            else self.tr("Deadlines && clauses"),
        )
        open_required = sum(
            1
            for i in detail.items
            if i.kind in ("checklist", "account") and i.required and i.status == "open"
        )
        self.tabs.setTabText(
            self.tabs.indexOf(self.checklist),
            fill(self.tr("Checklist (%1 required open)"), open_required)
            if open_required
            else self.tr("Checklist"),
        )

    def _facts(self, detail: CaseDetail) -> None:
        c = detail.case
        today = self.ctx.today() if self.ctx else date.today()
        days = (c.last_day - today).days
        when = (
            fill(self.tr("in %1 days"), days)
            if days > 0
            else self.tr("today")
            if days == 0
            else fill(self.tr("%1 days ago"), -days)
        )
        parts = [
            case_type_label(c.case_type),
            escape(c.branch_name or ""),
            escape(c.position_name or ""),
            fill(self.tr("manager %1"), escape(c.manager_name)) if c.manager_name else "",
        ]
        line1 = " · ".join(p for p in parts if p)
        line2 = fill(
            self.tr("Submitted %1 · notice %2 · <b>last working day %3</b> (%4)"),
            format_date(c.submitted_on),
            format_date(c.notice_on) or "—",
            format_date(c.last_day),
            when,
        )
        extra = []
        if detail.in_probation:
            extra.append(self.tr("in probation"))
        if detail.destination:
            extra.append(fill(self.tr("going to %1"), escape(detail.destination)))
        if detail.reason:
            extra.append(fill(self.tr("reason: %1"), escape(detail.reason)))
        if detail.lock is not None:
            extra.append(
                fill(
                    self.tr("<span style='color:#b00020'>order lock from %1</span>"),
                    format_date(detail.lock.locked_from),
                )
            )
        if detail.risks.lock_attempts:
            extra.append(
                fill(
                    self.tr("<b style='color:#b00020'>%1 refused order attempts</b>"),
                    detail.risks.lock_attempts,
                )
            )
        self.facts.setText("<br>".join(x for x in (line1, line2, " · ".join(extra)) if x))

    def _role_can(self, action: Action) -> bool:
        return self.ctx is not None and can(self.ctx.actor.role, action)

    def _moves(self, detail: CaseDetail) -> None:
        while self.moves.count():
            item = self.moves.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()
        self.move_buttons = {}
        caption = QLabel(self.tr("Next:") if detail.transitions else self.tr("No further step."))
        caption.setStyleSheet("color: #555;")
        self.moves.addWidget(caption)
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        forward = [
            o for o in detail.transitions if o.name not in ("withdraw", "cancel", "send_back")
        ]
        backward = [o for o in detail.transitions if o.name in ("send_back", "withdraw", "cancel")]
        for group in (forward, backward):
            for option in group:
                button = QPushButton(transition_label(option.label))
                button.setObjectName(f"move_{option.name}")
                allowed_role = self._role_can(TRANSITIONS[option.name].action)
                button.setEnabled(allowed_role)
                if not allowed_role:
                    button.setToolTip(self.tr("Your role cannot take this step."))
                elif option.failures:
                    button.setIcon(warning)
                    button.setToolTip(self.tr("Not possible yet: click to see why."))
                elif option.name == detail.next_transition:
                    button.setDefault(True)
                    button.setStyleSheet("font-weight: bold;")
                button.clicked.connect(lambda _c=False, o=option: self.take(o))
                self.moves.addWidget(button)
                self.move_buttons[option.name] = button
            if group is forward and backward:
                self.moves.addSpacing(24)
        self.moves.addStretch()
        nxt = next((o for o in detail.transitions if o.name == detail.next_transition), None)
        if nxt is not None and nxt.failures and self._role_can(TRANSITIONS[nxt.name].action):
            self.show_blockers(nxt)
        else:
            self.blockers_area.hide()

    def show_blockers(
        self, option: TransitionOption, failures: Sequence[BatonError] | None = None
    ) -> None:
        failures = list(failures if failures is not None else option.failures)
        self.blockers.setText(
            fill(
                self.tr("<b>%1 is not possible yet (%2):</b>"),
                escape(transition_label(option.label)),
                len(failures),
            )
            + dialogs.failure_html(failures)
        )
        self.blockers_area.show()

    def blocker_texts(self) -> list[str]:
        """The failed preconditions listed under the moves (for tests and screen readers)."""
        if self.blockers_area.isHidden() or self.detail is None:
            return []
        text = self.blockers.text()
        return [part.split("</li>")[0] for part in text.split("<li>")[1:]]

    def take(self, option: TransitionOption) -> None:
        """A move's button: list what blocks it, or ask for the comment and make it."""
        if self.ctx is None or self.detail is None:
            return
        if option.failures:
            self.show_blockers(option)
            return
        label = transition_label(option.label)
        intro = fill(
            self.tr("%1: %2 → %3. The step is recorded with your name, the time and the comment."),
            escape(self.detail.case.number),
            case_state_label(self.detail.case.state),
            case_state_label(option.target),
        )
        if option.name == "approve":
            intro += "<br><br>" + self.tr(
                "Approving generates the handover items from today's data (every customer, open "
                "invoice, order, contract and account of the employee); the order lock may start."
            )
        dialog = self.comment_dialog(label, intro, option.comment_required)
        ctx, case_id, version = self.ctx, self.detail.case.id, self.detail.case.version

        def go(comment: str) -> None:
            self.run(
                fill(self.tr("%1…"), label),
                departures.transition,
                ctx,
                case_id,
                option.name,
                comment,
                version,
                refused=option,
            )

        dialog.finished_with.connect(go)
        self.open_dialog(dialog, reload=False)

    def comment_dialog(self, title: str, intro: str, required: bool) -> dialogs.CommentDialog:
        return dialogs.CommentDialog(self.runner, title, intro, required, self)

    # -- running actions ---------------------------------------------------------------

    def open_dialog(self, dialog: Any, reload: bool = True) -> None:
        """Show a dialog without blocking; after its service call, reload and broadcast."""
        self._dialog = dialog
        if reload:
            dialog.finished_with.connect(self.after_change)
        dialog.finished.connect(lambda _r: self._forget(dialog))
        dialog.open()

    def _forget(self, dialog: Any) -> None:
        if self._dialog is dialog:
            self._dialog = None
        dialog.deleteLater()

    @property
    def dialog(self) -> Any:
        """The dialog open now (None when none is)."""
        return self._dialog

    def run(
        self,
        title: str,
        fn: Callable[..., Any],
        *args: Any,
        refused: TransitionOption | None = None,
    ) -> None:
        """Run a slow service call behind a progress dialog (not cancellable: the services
        commit in one unit of work), then reload."""

        def failed(exc: BaseException) -> None:
            if isinstance(exc, TransitionRefused) and refused is not None:
                self.show_blockers(refused, exc.failures)
                self.reload()
                return
            show_error(self, exc)
            self.reload()

        run_with_progress(
            self,
            self.runner,
            title,
            fn,
            *args,
            on_done=self.after_change,
            on_error=failed,
            cancellable=False,
        )

    def after_change(self, changes: Any) -> None:
        if isinstance(changes, Changes):
            self.changed.emit(changes)
        self.reload()

    def note(self, text: str) -> None:
        self.status.setText(text)

    def choose_file(self, title: str) -> str:
        name, _ = QFileDialog.getOpenFileName(
            self,
            title,
            "",
            self.tr("Scans and documents (*.pdf *.png *.jpg *.jpeg);;All files (*)"),
        )
        return name

    def open_evidence(self, item: ItemRow) -> None:
        """Save an attachment where the user chooses (the read is audited), then open it."""
        if self.ctx is None:
            return
        try:
            files = handover.list_evidence(self.ctx, item.id)
        except Exception as exc:
            show_error(self, exc)
            return
        if not files:
            return
        chosen = files[-1]
        if len(files) > 1:
            labels = [f"{f.file_name} ({format_datetime(f.uploaded_at)})" for f in files]
            picked, ok = QInputDialog.getItem(
                self,
                self.tr("Open evidence"),
                self.tr("Attachment"),
                labels,
                len(labels) - 1,
                False,
            )
            if not ok:
                return
            chosen = files[labels.index(picked)]
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the attachment as"), str(Path.home() / chosen.file_name)
        )
        if not name:
            return
        try:
            data = handover.read_evidence(self.ctx, chosen.id)
            save_output(Path(name), data.data, getattr(self.ctx.store, "paths", None))
        except Exception as exc:
            show_error(self, exc)
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(name))

    def edit_case(self) -> None:
        if self.ctx is None or self.detail is None:
            return
        self.open_dialog(dialogs.CaseDialog(self.ctx, self.runner, self, detail=self.detail))

    # -- tabs ------------------------------------------------------------------------

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.after:
            self.after.load()

    def _step_tab(self, step: int) -> None:
        count = self.tabs.count()
        index = self.tabs.currentIndex()
        for _ in range(count):
            index = (index + step) % count
            if self.tabs.isTabVisible(index):
                self.tabs.setCurrentIndex(index)
                return

    def clear(self) -> None:
        """Forget the case (the window locks, or another case is opened)."""
        self._request += 1
        self.loading = False
        self.detail = None
        self.title.clear()
        self.facts.clear()
        self.blockers_area.hide()
        self.status.clear()
        self.stepper.set_state(None)
        while self.moves.count():
            item = self.moves.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()
        self.move_buttons = {}
        for tab in self.case_tabs:
            tab.clear()
        self.case_loaded.emit(None)
        if self._dialog is not None:
            self._dialog.close()
            self._dialog = None

    def forget_context(self) -> None:
        self.clear()
        self.ctx = None
        self.case_id = None
