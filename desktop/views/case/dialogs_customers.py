"""The dialogs of the Customers tab: name successors (by hand or from suggestions), record
that customers were told, confirm receipt."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services import handover, staff
from desktop.services.context import ServiceContext
from desktop.services.handover import ItemUpdate, SuccessorSuggestion
from desktop.views.case.dialogs import _wrap, comment_edit
from desktop.views.labels import (
    INFORMED_HOW,
    informed_how_label,
)
from desktop.views.qtext import fill
from desktop.views.widgets.inputs import DateEdit, SearchPicker
from desktop.views.widgets.task_dialog import TaskDialog
from desktop.views.workers import TaskRunner


class OptionalDate(QWidget):
    """A date that may be left empty (a checkbox enables it)."""

    def __init__(self, text: str, value: date | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.enabled = QCheckBox(text)
        self.edit = DateEdit(value)
        self.enabled.setChecked(False)
        self.edit.setEnabled(False)
        self.enabled.toggled.connect(self.edit.setEnabled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.enabled)
        layout.addWidget(self.edit, 1)

    def value(self) -> date | None:
        return self.edit.value() if self.enabled.isChecked() else None


def suggestion_text(s: SuccessorSuggestion) -> str:
    """Why a successor was suggested, in the interface language."""
    text = QCoreApplication.translate("Errors", s.explanation_template)
    try:
        return text.format(**s.explanation_params)
    except (KeyError, IndexError, ValueError):
        return s.explanation


class AssignDialog(TaskDialog):
    """Name the successor of customers (the selected ones, or every one still without), or
    the collector/successor of receivables, orders and contracts."""

    def __init__(
        self,
        ctx: ServiceContext,
        runner: TaskRunner,
        case_id: int,
        *,
        customer_ids: Sequence[int] = (),
        without_successor: int = 0,
        item_ids: Sequence[int] = (),
        parent: QWidget | None = None,
    ) -> None:
        items_mode = bool(item_ids)
        super().__init__(
            runner,
            self.tr("Assign collector or successor") if items_mode else self.tr("Assign successor"),
            parent,
        )
        self.ctx = ctx
        self.case_id = case_id
        self.customer_ids = list(customer_ids)
        self.item_ids = list(item_ids)
        # Outside sales only with a recorded reason (printed on the handover form): the
        # picker offers them once asked to; the service refuses one without a reason.
        self._outside = items_mode
        self.successor = SearchPicker(self._people, runner)
        self.successor.setMinimumWidth(320)
        self.outside = QCheckBox(self.tr("Also people outside sales (give the reason)"))
        self.outside.setChecked(items_mode)
        self.outside.toggled.connect(self._set_outside)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(
            self.tr("Required for someone outside sales; printed on the handover form")
        )
        self.planned = OptionalDate("", ctx.today())
        self.planned.enabled.setToolTip(self.tr("Set a planned transfer date"))
        self.add_row("successor_id", self.tr("Successor"), self.successor)
        self.add_row("outside", "", self.outside)
        self.add_row("successor_reason", self.tr("Reason for this choice"), self.reason)
        self.add_row("planned_on", self.tr("Planned transfer date"), self.planned)
        self.selected = QRadioButton()
        self.without = QRadioButton()
        self.everything = QCheckBox(
            self.tr(
                "Also their other open items without anyone (invoices sold to others' customers…)"
            )
        )
        if items_mode:
            self.set_intro(
                fill(self.tr("%1 selected items get this collector or successor."), len(item_ids))
            )
            for w in (self.selected, self.without, self.everything):
                w.hide()
        else:
            self.selected.setText(
                self.tr("The %n selected customer(s)", "", len(self.customer_ids))
            )
            self.without.setText(
                self.tr("All %n customer(s) without a successor", "", without_successor)
            )
            group = QButtonGroup(self)
            group.addButton(self.selected)
            group.addButton(self.without)
            self.selected.setEnabled(bool(self.customer_ids))
            self.without.setEnabled(without_successor > 0)
            (self.selected if self.customer_ids else self.without).setChecked(True)
            self.everything.setEnabled(self.without.isChecked())
            self.without.toggled.connect(self.everything.setEnabled)
            box = QVBoxLayout()
            box.addWidget(self.selected)
            box.addWidget(self.without)
            box.addWidget(self.everything)
            self.add_row("customer_ids", self.tr("Which customers"), _wrap(box))
            self.set_intro(
                self.tr(
                    "Their open invoices, orders and contracts without a successor go to the "
                    "same person. Ownership moves only when the successor confirms receipt."
                )
            )
        self.ok_button.setText(self.tr("Assign"))

    def _set_outside(self, on: bool) -> None:
        self._outside = on  # read by the search on the worker: a plain value, not the widget

    def _people(self, text: str) -> list[tuple[int, str]]:
        return [
            (e.id, f"{e.name} ({e.employee_no})")
            for e in staff.pick_employees(self.ctx, text, limit=30, sales_only=not self._outside)
        ]

    def submit(self) -> None:
        employee = self.successor.value()
        if employee is None:
            self.errors.show({"successor_id": self.tr("Choose the successor from the list.")})
            return
        planned = self.planned.value()
        reason = self.reason.text()
        if self.item_ids:
            self.run(
                handover.assign_items,
                self.ctx,
                self.case_id,
                employee,
                self.item_ids,
                planned,
                reason,
            )
            return
        if self.selected.isChecked():
            self.run(
                handover.assign_successor,
                self.ctx,
                self.case_id,
                employee,
                self.customer_ids,
                planned,
                reason=reason,
            )
        else:
            self.run(
                handover.assign_successor,
                self.ctx,
                self.case_id,
                employee,
                None,
                planned,
                self.everything.isChecked(),
                reason,
            )


class SuggestionsDialog(TaskDialog):
    """Each suggested successor with its reason; apply the checked ones."""

    def __init__(
        self,
        ctx: ServiceContext,
        runner: TaskRunner,
        case_id: int,
        suggestions: Sequence[SuccessorSuggestion],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, self.tr("Suggested successors"), parent)
        self.ctx = ctx
        self.case_id = case_id
        self.suggestions = list(suggestions)
        self.set_intro(
            fill(
                self.tr(
                    "%1 suggestions by region, industry and workload. Uncheck those you do not "
                    "want; nothing changes until you apply."
                ),
                len(self.suggestions),
            )
        )
        self.table = QTableWidget(len(self.suggestions), 4)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Customer"),
                self.tr("Suggested successor"),
                self.tr("Customers after"),
                self.tr("Why"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        for r, s in enumerate(self.suggestions):
            first = QTableWidgetItem(f"{s.customer_code} {s.customer_name}")
            first.setFlags(first.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            first.setCheckState(Qt.CheckState.Checked)
            self.table.setItem(r, 0, first)
            self.table.setItem(r, 1, QTableWidgetItem(f"{s.employee_name} ({s.employee_no})"))
            load = QTableWidgetItem(str(s.load_after))
            load.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(r, 2, load)
            why = QTableWidgetItem(suggestion_text(s))
            why.setToolTip(why.text())
            self.table.setItem(r, 3, why)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.resizeColumnsToContents()
        for i in range(3):
            header.resizeSection(i, min(header.sectionSize(i), 260))
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumSize(900, 360)
        self.body.insertWidget(1, self.table, 1)
        tools = QHBoxLayout()
        all_button = QPushButton(self.tr("Check all"))
        none_button = QPushButton(self.tr("Check none"))
        selected_button = QPushButton(self.tr("Check only the selected rows"))
        all_button.clicked.connect(lambda: self.check(lambda _r: True))
        none_button.clicked.connect(lambda: self.check(lambda _r: False))
        selected_button.clicked.connect(self.check_selected)
        for b in (all_button, none_button, selected_button):
            tools.addWidget(b)
        tools.addStretch()
        self.body.insertLayout(2, tools)
        self.planned = OptionalDate("", ctx.today())
        self.planned.enabled.setToolTip(self.tr("Set a planned transfer date"))
        self.add_row("planned_on", self.tr("Planned transfer date"), self.planned)
        self.ok_button.setText(self.tr("Apply checked"))
        self.resize(1000, 560)

    def check(self, wanted: Callable[[int], bool]) -> None:
        for r in range(self.table.rowCount()):
            self.table.item(r, 0).setCheckState(
                Qt.CheckState.Checked if wanted(r) else Qt.CheckState.Unchecked
            )

    def check_selected(self) -> None:
        rows = {i.row() for i in self.table.selectionModel().selectedRows()}
        self.check(lambda r: r in rows)

    def chosen(self) -> list[SuccessorSuggestion]:
        return [
            s
            for r, s in enumerate(self.suggestions)
            if self.table.item(r, 0).checkState() == Qt.CheckState.Checked
        ]

    def submit(self) -> None:
        chosen = self.chosen()
        if not chosen:
            self.general.setText(self.tr("Check at least one suggestion."))
            self.general.show()
            return
        self.run(handover.apply_suggestions, self.ctx, self.case_id, chosen, self.planned.value())


class InformedDialog(TaskDialog):
    """Record that the selected customers were told of the handover (客户告知), when and how."""

    def __init__(
        self,
        ctx: ServiceContext,
        runner: TaskRunner,
        case_id: int,
        item_ids: Sequence[int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, self.tr("Customers told"), parent)
        self.ctx = ctx
        self.case_id = case_id
        self.item_ids = list(item_ids)
        self.set_intro(
            fill(
                self.tr("Record for the %1 selected customers whether they were told."),
                len(item_ids),
            )
        )
        self.told = QCheckBox(self.tr("The customer was told of the handover"))
        self.told.setChecked(True)
        self.day = DateEdit(ctx.today())
        self.how = QComboBox()
        self.how.setEditable(True)
        for code in INFORMED_HOW:
            self.how.addItem(informed_how_label(code), code)
        self.told.toggled.connect(self.day.setEnabled)
        self.told.toggled.connect(self.how.setEnabled)
        self.add_row("customer_informed", "", self.told)
        self.add_row("informed_on", self.tr("Told on"), self.day)
        self.add_row("informed_how", self.tr("How"), self.how)
        self.ok_button.setText(self.tr("Record"))

    def how_value(self) -> str | None:
        text = self.how.currentText().strip()
        index = self.how.findText(text)
        if index >= 0:
            return str(self.how.itemData(index))
        return text or None

    def submit(self) -> None:
        told = self.told.isChecked()
        data = ItemUpdate(
            customer_informed=told,
            informed_on=self.day.value() if told else None,
            informed_how=self.how_value() if told else None,
        )
        self.run(handover.update_items, self.ctx, self.case_id, self.item_ids, data)


class ConfirmReceiptDialog(TaskDialog):
    """Whose receipt to confirm: the selected items, or everything waiting."""

    def __init__(
        self,
        runner: TaskRunner,
        selected: int,
        waiting: int,
        on_behalf: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, self.tr("Confirm receipt"), parent)
        self.set_intro(
            self.tr(
                "You confirm on the successors' behalf; the record shows that you did. "
                "Ownership moves to the successor now (or on the planned date)."
            )
            if on_behalf
            else self.tr("You confirm that you took these over. Ownership moves to you now.")
        )
        self.selected = QRadioButton(self.tr("The %n selected customer(s)", "", selected))
        self.everything = QRadioButton(
            self.tr("Everything waiting for confirmation (%n item(s))", "", waiting)
        )
        group = QButtonGroup(self)
        group.addButton(self.selected)
        group.addButton(self.everything)
        self.selected.setEnabled(selected > 0)
        (self.selected if selected else self.everything).setChecked(True)
        box = QVBoxLayout()
        box.addWidget(self.selected)
        box.addWidget(self.everything)
        self.add_row("which", self.tr("Confirm"), _wrap(box))
        self.comment = comment_edit()
        self.add_row("comment", self.tr("Comment"), self.comment)
        self.ok_button.setText(self.tr("Confirm receipt"))

    def submit(self) -> None:
        self._done((self.selected.isChecked(), self.comment.toPlainText().strip()))
