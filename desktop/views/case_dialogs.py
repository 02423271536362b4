"""The dialogs of a departure case: open or correct a case, name successors, tell customers,
work the checklist, record duties, the non-compete decision, clause acknowledgements.

Each runs its service call off the GUI thread (:class:`TaskDialog`) and shows a refused input
under the field at fault. Dialogs that only gather a choice (a transition's comment, whose
receipt to confirm) hand it back, and the case screen runs the slow call behind a progress
dialog.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import BatonError, ValidationError
from desktop.i18n import format_date, format_money
from desktop.services import business_settings as bsettings
from desktop.services import departures, handover, staff
from desktop.services.context import Changes, ServiceContext
from desktop.services.departures import CaseDetail, CaseInput, NonCompeteInput
from desktop.services.handover import ItemRow, ItemUpdate, SuccessorSuggestion
from desktop.views.errors import translate_error
from desktop.views.labels import (
    CASE_TYPES,
    INFORMED_HOW,
    case_type_label,
    informed_how_label,
)
from desktop.views.pages.customers import employee_picker
from desktop.views.qtext import fill
from desktop.views.widgets.inputs import DateEdit, MoneyEdit, choice_items
from desktop.views.widgets.task_dialog import TaskDialog
from desktop.views.workers import Progress, TaskRunner


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


def comment_edit(height: int = 70) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setMaximumHeight(height)
    return edit


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


def failure_text(error: BatonError) -> str:
    """A refused step's reason in the interface language; a duty named in it (a deadline's
    title, context "Departures") is translated too."""
    duty = error.params.get("duty")
    if isinstance(duty, str):
        error = ValidationError(
            error.template,
            field=getattr(error, "field", None),
            **{**error.params, "duty": QCoreApplication.translate("Departures", duty)},
        )
    return translate_error(error)


def failure_html(failures: Sequence[BatonError]) -> str:
    """Every failed precondition as a list (the case screen and the review show it)."""
    return (
        "<ul style='margin: 2px 0 0 -20px'>"
        + "".join(f"<li>{_html(failure_text(f))}</li>" for f in failures)
        + "</ul>"
    )


def suggestion_text(s: SuccessorSuggestion) -> str:
    """Why a successor was suggested, in the interface language."""
    text = QCoreApplication.translate("Errors", s.explanation_template)
    try:
        return text.format(**s.explanation_params)
    except (KeyError, IndexError, ValueError):
        return s.explanation


# --------------------------------------------------------------------------- the case itself


class CaseDialog(TaskDialog):
    """Open a departure case (or correct an open one): the legal notice is computed and shown."""

    def __init__(
        self,
        ctx: ServiceContext,
        runner: TaskRunner,
        parent: QWidget | None = None,
        employee: tuple[int, str] | None = None,
        detail: CaseDetail | None = None,
    ) -> None:
        super().__init__(
            runner,
            self.tr("Correct the departure case") if detail else self.tr("New departure case"),
            parent,
        )
        self.ctx = ctx
        self.detail = detail
        today = ctx.today()
        self.notice_days = int(bsettings.get(ctx, bsettings.NOTICE_DAYS))
        self.probation_days = int(bsettings.get(ctx, bsettings.PROBATION_NOTICE_DAYS))
        self.probation_end: date | None = None
        self.employee = employee_picker(ctx, sales_only=False)
        self.employee.setMinimumWidth(320)
        self.employee.chosen.connect(lambda _id: self._employee_changed())
        self.case_type = QComboBox()
        choice_items(
            self.case_type,
            [(t, case_type_label(t)) for t in CASE_TYPES],
            detail.case.case_type if detail else "resignation",
        )
        c = detail.case if detail else None
        self.submitted_on = DateEdit(c.submitted_on if c else today)
        self.notice_on = DateEdit(c.notice_on if c and c.notice_on else today)
        self.last_day = DateEdit(c.last_day if c else today + timedelta(days=self.notice_days))
        self.legal = QLabel()
        self.legal.setWordWrap(True)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #a15c00;")
        self.reason = comment_edit()
        self.reason.setPlainText(detail.reason or "" if detail else "")
        self.destination = QLineEdit(detail.destination or "" if detail else "")
        self.destination.setPlaceholderText(self.tr("If known, e.g. the new employer"))
        self.add_row("employee_id", self.tr("Employee"), self.employee)
        self.add_row("case_type", self.tr("Type"), self.case_type)
        self.add_row("submitted_on", self.tr("Submitted on"), self.submitted_on)
        self.add_row("notice_on", self.tr("Written notice on"), self.notice_on)
        self.add_row("last_day", self.tr("Last working day"), self.last_day)
        self.form.addRow("", self.legal)
        self.form.addRow("", self.warning)
        self.add_row("reason", self.tr("Reason"), self.reason)
        self.add_row("destination", self.tr("Destination"), self.destination)
        self.ok_button.setText(self.tr("Save") if detail else self.tr("Open the case"))
        self._auto_last_day = detail is None
        self._setting = False
        if detail is not None:
            self.employee.set_value(
                detail.case.employee_id,
                f"{detail.case.employee_name} ({detail.case.employee_no})",
            )
            self.employee.setEnabled(False)
            self.probation_end = detail.probation_end
        elif employee is not None:
            self.employee.set_value(*employee)
            self._employee_changed()
        self.notice_on.dateChanged.connect(lambda _d: self._dates_changed(True))
        self.case_type.currentIndexChanged.connect(lambda _i: self._dates_changed(False))
        self.last_day.dateChanged.connect(lambda _d: self._last_day_edited())
        self._dates_changed(False)

    def _employee_changed(self) -> None:
        ident = self.employee.value()
        self.probation_end = None
        if ident is not None:
            try:
                self.probation_end = staff.get_employee(self.ctx, ident, False).probation_end
            except Exception:  # the notice hint is a help; the service checks the case
                self.probation_end = None
        self._dates_changed(True)

    def _last_day_edited(self) -> None:
        if not self._setting:
            self._auto_last_day = False
        self._dates_changed(False)

    def required_days(self) -> tuple[int, bool]:
        notice = self.notice_on.value()
        probation = self.probation_end is not None and notice <= self.probation_end
        return (self.probation_days if probation else self.notice_days), probation

    def _dates_changed(self, move_last_day: bool) -> None:
        days, probation = self.required_days()
        notice_end = self.notice_on.value() + timedelta(days=days)
        with_notice = self.case_type.currentData() in ("resignation", "dismissal")
        if move_last_day and self._auto_last_day and with_notice:
            self._setting = True
            self.last_day.set_value(notice_end)
            self._setting = False
        if with_notice:
            self.legal.setText(
                fill(
                    self.tr("Legal notice: %1 days (%2) — the notice period ends on %3."),
                    days,
                    self.tr("in probation") if probation else self.tr("after probation"),
                    format_date(notice_end),
                )
            )
        else:
            self.legal.setText(self.tr("No notice period applies to a contract end or retirement."))
        short = with_notice and self.last_day.value() < notice_end
        self.warning.setText(
            QCoreApplication.translate("Departures", departures.WARN_SHORT_NOTICE) if short else ""
        )
        self.warning.setVisible(short)

    def case_input(self) -> CaseInput | None:
        ident = self.employee.value()
        if ident is None:
            self.errors.show({"employee_id": self.tr("Choose the employee who is leaving.")})
            return None
        return CaseInput(
            employee_id=ident,
            last_day=self.last_day.value(),
            case_type=str(self.case_type.currentData()),
            notice_on=self.notice_on.value(),
            submitted_on=self.submitted_on.value(),
            reason=self.reason.toPlainText().strip() or None,
            destination=self.destination.text().strip() or None,
        )

    def submit(self) -> None:
        data = self.case_input()
        if data is None:
            return
        if self.detail is None:
            self.run(departures.start_case, self.ctx, data)
        else:
            self.run(
                departures.update_case,
                self.ctx,
                self.detail.case.id,
                data,
                self.detail.case.version,
            )


class CommentDialog(TaskDialog):
    """A transition's comment (required for some moves); gives the text back."""

    def __init__(
        self,
        runner: TaskRunner,
        title: str,
        intro: str,
        required: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, title, parent)
        self.required = required
        self.set_intro(intro)
        self.comment = comment_edit(110)
        self.add_row(
            "comment",
            self.tr("Comment (required)") if required else self.tr("Comment"),
            self.comment,
        )
        self.ok_button.setText(title)

    def submit(self) -> None:
        text = self.comment.toPlainText().strip()
        if self.required and not text:
            self.errors.show(
                {"comment": self.tr("Write why: the comment is recorded with the step.")}
            )
            return
        self._done(text)


# --------------------------------------------------------------------------- customers


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
        self.successor = employee_picker(ctx, sales_only=not items_mode)
        self.successor.setMinimumWidth(320)
        self.planned = OptionalDate("", ctx.today())
        self.planned.enabled.setToolTip(self.tr("Set a planned transfer date"))
        self.add_row("successor_id", self.tr("Successor"), self.successor)
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
                fill(self.tr("The %1 selected customers"), len(self.customer_ids))
            )
            self.without.setText(
                fill(self.tr("All %1 customers without a successor"), without_successor)
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

    def submit(self) -> None:
        employee = self.successor.value()
        if employee is None:
            self.errors.show({"successor_id": self.tr("Choose the successor from the list.")})
            return
        planned = self.planned.value()
        if self.item_ids:
            self.run(
                handover.assign_items, self.ctx, self.case_id, employee, self.item_ids, planned
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
            )


def _wrap(layout: Any) -> QWidget:
    widget = QWidget()
    layout.setContentsMargins(0, 0, 0, 0)
    widget.setLayout(layout)
    return widget


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


def update_items(
    ctx: ServiceContext, item_ids: Sequence[int], data: ItemUpdate, progress: Progress
) -> Changes:
    """The same details recorded on several items, one unit of work each."""
    ids: set[int] = set()
    for n, item_id in enumerate(item_ids):
        progress(n, len(item_ids))
        ids |= handover.update_item(ctx, item_id, data).ids
    return Changes.of("handover", ids=frozenset(ids))


class InformedDialog(TaskDialog):
    """Record that the selected customers were told of the handover (客户告知), when and how."""

    def __init__(
        self,
        ctx: ServiceContext,
        runner: TaskRunner,
        item_ids: Sequence[int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, self.tr("Customers told"), parent)
        self.ctx = ctx
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
        self.run(update_items, self.ctx, self.item_ids, data)


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
        self.selected = QRadioButton(fill(self.tr("The %1 selected customers"), selected))
        self.everything = QRadioButton(
            fill(self.tr("Everything waiting for confirmation (%1 items)"), waiting)
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


# --------------------------------------------------------------------------- checklist


def attach_and_done(ctx: ServiceContext, item_id: int, path: str | None, note: str) -> Changes:
    """Attach the evidence file (if any), then mark the item done."""
    ids: set[int] = set()
    if path:
        file = Path(path)
        ids |= handover.attach_evidence(ctx, item_id, file.name, file.read_bytes()).ids
    return Changes.of("handover", ids=frozenset(ids | handover.mark_done(ctx, item_id, note).ids))


def attach_file(ctx: ServiceContext, item_id: int, path: str) -> Changes:
    file = Path(path)
    return handover.attach_evidence(ctx, item_id, file.name, file.read_bytes())


class DoneDialog(TaskDialog):
    """Mark a checklist item done, with its evidence file when the template asks for one."""

    def __init__(
        self,
        ctx: ServiceContext,
        runner: TaskRunner,
        item: ItemRow,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, self.tr("Mark done"), parent)
        self.ctx = ctx
        self.item = item
        self.needs_file = item.evidence_required and item.evidence_count == 0
        self.set_intro(f"<b>{_html(item.title)}</b>")
        self.file = QLineEdit()
        self.file.setPlaceholderText(self.tr("A scan, photo or PDF"))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.file, 1)
        row.addWidget(browse)
        label = (
            self.tr("Evidence (required)") if self.needs_file else self.tr("Evidence (optional)")
        )
        self.add_row("data", label, _wrap(row))
        self.note = comment_edit()
        self.add_row("note", self.tr("Note"), self.note)
        self.ok_button.setText(self.tr("Mark done"))

    def browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Evidence file"),
            "",
            self.tr("Scans and documents (*.pdf *.png *.jpg *.jpeg);;All files (*)"),
        )
        if name:
            self.file.setText(name)

    def submit(self) -> None:
        path = self.file.text().strip()
        if self.needs_file and not path:
            self.errors.show({"data": self.tr("This item needs its evidence attached.")})
            return
        if path and not Path(path).is_file():
            self.errors.show({"data": fill(self.tr("%1 is not a file."), path)})
            return
        self.run(attach_and_done, self.ctx, self.item.id, path or None, self.note.toPlainText())


def waive_items(
    ctx: ServiceContext, item_ids: Sequence[int], reason: str, progress: Progress
) -> Changes:
    ids: set[int] = set()
    for n, item_id in enumerate(item_ids):
        progress(n, len(item_ids))
        ids |= handover.waive_item(ctx, item_id, reason).ids
    return Changes.of("handover", ids=frozenset(ids))


class WaiveDialog(TaskDialog):
    """Set items aside with a reason (an invoice paid meanwhile, an asset never issued)."""

    def __init__(
        self,
        ctx: ServiceContext,
        runner: TaskRunner,
        items: Sequence[ItemRow],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, self.tr("Waive"), parent)
        self.ctx = ctx
        self.items = list(items)
        if len(self.items) == 1:
            self.set_intro(f"<b>{_html(self.items[0].title)}</b>")
        else:
            self.set_intro(fill(self.tr("%1 selected items"), len(self.items)))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("e.g. paid meanwhile; never issued"))
        self.add_row("reason", self.tr("Reason"), self.reason)
        self.ok_button.setText(self.tr("Waive"))

    def submit(self) -> None:
        self.run(waive_items, self.ctx, [i.id for i in self.items], self.reason.text())


def _html(text: str) -> str:
    from html import escape

    return escape(text)


# --------------------------------------------------------------------------- deadlines


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


class NonCompeteDialog(TaskDialog):
    """The firm's non-compete decision, checked against the law's floor and ceiling."""

    def __init__(
        self,
        ctx: ServiceContext,
        runner: TaskRunner,
        detail: CaseDetail,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, self.tr("Non-compete decision"), parent)
        self.ctx = ctx
        self.case_id = detail.case.id
        nc = detail.non_compete
        self.percent = int(bsettings.get(ctx, bsettings.NON_COMPETE_MIN_PERCENT))
        longest = int(bsettings.get(ctx, bsettings.NON_COMPETE_MAX_MONTHS))
        default_minimum = Decimal(str(bsettings.get(ctx, bsettings.LOCAL_MINIMUM_WAGE) or 0))
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
        self.floor.setStyleSheet("color: #555;")
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
        floor = (average * self.percent / 100).quantize(Decimal("0.01"))
        self.floor.setText(
            fill(
                self.tr("At least %1 a month (%2% of the average wage; local minimum %3)."),
                format_money(max(floor, minimum or Decimal(0))),
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
        for view in detail.clauses:
            c = view.clause
            check = QCheckBox(fill(self.tr("%1 (%2, version %3)"), c.title, c.language, c.version))
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


__all__ = [
    "AcknowledgeDialog",
    "AssignDialog",
    "CaseDialog",
    "CommentDialog",
    "ConfirmReceiptDialog",
    "DoneDialog",
    "InformedDialog",
    "NonCompeteDialog",
    "NonCompetePaymentDialog",
    "RecordDutyDialog",
    "ReleaseDialog",
    "SuggestionsDialog",
    "ValidationError",
    "WaiveDialog",
    "attach_file",
    "deadline_text",
    "suggestion_text",
]
