"""The confirmation letters (对账函) of a case on its Receivables tab: one row per letter issued,
with where it stands (issued, sent, replied confirmed, replied differing by …), and the two
steps a clerk records by hand — the sending and the customer's reply. A differing reply opens
a follow-up on the customer (the service does it; the row names it).

Every read and write goes through the one database worker.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import format_date, format_money
from desktop.services import documents
from desktop.services.context import ServiceContext
from desktop.services.documents import LetterRow
from desktop.services.permissions import Action
from desktop.views.case.common import _figure, _money, _selected, _table_view
from desktop.views.qtext import fill
from desktop.views.widgets.inputs import DateEdit
from desktop.views.widgets.rows import OVERDUE_FG, Column, RowsModel
from desktop.views.widgets.style import set_style_role
from desktop.views.workers import CollectionOp, QueryOp, TaskRunner

VIAS = ("post", "courier", "email", "fax", "in person")


class LettersPanel(QGroupBox):
    """The letters of one case and the buttons that record their sending and replies.

    ``changed`` carries the Changes of a recorded step (the window tells the other pages)."""

    changed = Signal(object)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.ctx: ServiceContext | None = None
        self.case_id: int | None = None
        self.loaded = False
        self._request = 0
        self.model = RowsModel(
            [
                Column(self.tr("Letter"), lambda r: r.document_number),
                Column(self.tr("Customer"), lambda r: f"{r.customer_code} {r.customer_name}"),
                Column(self.tr("As of"), lambda r: format_date(r.as_of), key=lambda r: r.as_of),
                Column(self.tr("Invoices"), lambda r: r.invoices, align_right=True),
                _figure(self.tr("Total"), "total", _money),
                Column(self.tr("State"), self.state_text, key=self.state_key),
            ]
        )
        self.model.colours = self._colours
        self.view = _table_view(self.model, multi=False)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self.update_actions())
        self.sent_button = QPushButton(self.tr("Record sending…"))
        self.sent_button.clicked.connect(self.ask_sent)
        self.reply_button = QPushButton(self.tr("Record reply…"))
        self.reply_button.clicked.connect(self.ask_reply)
        self.summary = QLabel()
        set_style_role(self.summary, "role", "hint")
        bar = QHBoxLayout()
        bar.addWidget(self.sent_button)
        bar.addWidget(self.reply_button)
        bar.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.view)
        self.setTitle(self.tr("Confirmation letters (对账函)"))
        self.update_actions()

    # -- what a row says -------------------------------------------------------------

    def state_text(self, r: LetterRow) -> str:
        if r.reply == "confirmed":
            return fill(self.tr("Replied on %1: balance confirmed"), format_date(r.reply_on))
        if r.reply == "differs":
            difference = r.total - (r.reply_amount or Decimal("0"))
            return fill(
                self.tr("Replied on %1: differs by %2 (customer states %3; follow-up opened)"),
                format_date(r.reply_on),
                format_money(difference),
                format_money(r.reply_amount),
            )
        if r.sent_on is not None:
            return fill(
                self.tr("Sent on %1 by %2, no reply yet"), format_date(r.sent_on), r.sent_via
            )
        return self.tr("Issued, not sent yet")

    @staticmethod
    def state_key(r: LetterRow) -> int:
        return {"differs": 0, None: 1, "confirmed": 3}.get(r.reply, 2) + (
            1 if r.reply is None and r.sent_on is not None else 0
        )

    def _colours(self, r: LetterRow, column: int) -> Any:
        if r.reply == "differs" and column == 5:
            return (OVERDUE_FG, None)
        return None

    # -- loading ---------------------------------------------------------------------

    def set_case(self, ctx: ServiceContext | None, case_id: int | None) -> None:
        """Show the letters of this case (read on the worker), or nothing."""
        self.ctx, self.case_id = ctx, case_id
        visible = ctx is not None and ctx.can(Action.CONFIRMATION_LETTERS)
        self.setVisible(visible)
        if ctx is None or case_id is None or not visible:
            self.clear()
            return
        self.reload()

    def reload(self) -> None:
        if self.ctx is None or self.case_id is None:
            return
        self._request += 1
        request, ctx, case_id = self._request, self.ctx, self.case_id
        QueryOp(
            parent=self,
            op=lambda: documents.list_letters(ctx, case_id),
            success=lambda rows: self._show(request, rows),
        ).run(self.runner)

    def _show(self, request: int, rows: list[LetterRow]) -> None:
        if request != self._request:
            return
        chosen = self.selected()
        self.model.set_rows(rows)
        if chosen is not None:
            self.select_letter(chosen.id)
        self.loaded = True
        sent = sum(1 for r in rows if r.sent_on is not None)
        replied = sum(1 for r in rows if r.reply is not None)
        differs = sum(1 for r in rows if r.reply == "differs")
        self.summary.setText(
            fill(
                self.tr("%1 letter(s), %2 sent, %3 replied, %4 differing"),
                len(rows),
                sent,
                replied,
                differs,
            )
            if rows
            else self.tr("No letter issued yet: Confirmation letters… issues them.")
        )
        self.update_actions()

    def clear(self) -> None:
        self._request += 1
        self.model.set_rows([])
        self.loaded = False
        self.summary.clear()
        self.update_actions()

    def selected(self) -> LetterRow | None:
        rows = _selected(self.view, self.model)
        return rows[0] if rows else None

    def select_letter(self, letter_id: int) -> None:
        for i in range(self.model.rowCount()):
            if self.model.row_object(i).id == letter_id:
                self.view.selectRow(i)
                return

    def update_actions(self) -> None:
        row = self.selected()
        edit = self.ctx is not None and self.ctx.can(Action.CONFIRMATION_LETTERS)
        self.sent_button.setEnabled(edit and row is not None and row.reply is None)
        self.reply_button.setEnabled(
            edit and row is not None and row.sent_on is not None and row.reply is None
        )

    # -- recording -------------------------------------------------------------------

    def ask_sent(self) -> None:
        row = self.selected()
        if self.ctx is None or row is None:
            return
        dialog = SentDialog(row, self.ctx.today(), self)
        if dialog.exec():
            self.record_sent(row.id, dialog.day.value(), dialog.via.currentText())

    def ask_reply(self) -> None:
        row = self.selected()
        if self.ctx is None or row is None:
            return
        dialog = ReplyDialog(row, self.ctx.today(), self)
        if dialog.exec():
            self.record_reply(row.id, dialog.balance(), dialog.day.value(), dialog.note.text())

    def record_sent(self, letter_id: int, day: date, via: str) -> None:
        assert self.ctx is not None
        ctx = self.ctx
        self._write(lambda: documents.record_letter_sent(ctx, letter_id, day, via))

    def record_reply(
        self, letter_id: int, balance: Decimal | None, day: date, note: str = ""
    ) -> None:
        """``balance`` None: the customer confirmed the letter's total."""
        assert self.ctx is not None
        ctx = self.ctx
        self._write(lambda: documents.record_letter_reply(ctx, letter_id, balance, day, note))

    def _write(self, op: Any) -> None:
        def done(changes: Any) -> None:
            self.changed.emit(changes)
            self.reload()

        CollectionOp(parent=self, op=op).success(done).run(self.runner, initiator=self)


class SentDialog(QDialog):
    """When and how one letter went out."""

    def __init__(self, row: LetterRow, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Record sending"))
        self.day = DateEdit(today)
        self.via = QComboBox()
        self.via.setEditable(True)
        self.via.addItems(VIAS)
        form = QFormLayout()
        form.addRow(
            QLabel(
                fill(
                    self.tr("Letter %1 to %2, total %3"),
                    row.document_number,
                    row.customer_name,
                    format_money(row.total),
                )
            )
        )
        form.addRow(self.tr("Sent on"), self.day)
        form.addRow(self.tr("How"), self.via)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)


class ReplyDialog(QDialog):
    """The customer's reply: the balance confirmed, or the balance they state instead."""

    def __init__(self, row: LetterRow, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Record the customer's reply"))
        self.row = row
        self.day = DateEdit(today)
        self.differs = QCheckBox(self.tr("The customer states another balance"))
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(str(row.total))
        self.amount.setEnabled(False)
        self.differs.toggled.connect(self.amount.setEnabled)
        self.note = QLineEdit()
        self.error = QLabel()
        set_style_role(self.error, "role", "error")
        form = QFormLayout()
        form.addRow(
            QLabel(
                fill(
                    self.tr("Letter %1 to %2 states %3"),
                    row.document_number,
                    row.customer_name,
                    format_money(row.total),
                )
            )
        )
        form.addRow(self.tr("Replied on"), self.day)
        form.addRow(self.differs)
        form.addRow(self.tr("Balance the customer states"), self.amount)
        form.addRow(self.tr("Note"), self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def balance(self) -> Decimal | None:
        if not self.differs.isChecked():
            return None
        return Decimal(self.amount.text().strip().replace(",", ""))

    def _check(self) -> None:
        try:
            self.balance()
        except InvalidOperation:
            self.error.setText(self.tr("Type the balance the customer states, e.g. 1234.50."))
            return
        self.accept()
