"""Inputs for money, dates, and choosing an employee or a customer by typing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QDate, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QCompleter, QDateEdit, QDateTimeEdit, QLineEdit, QWidget
from shiboken6 import isValid

from desktop.i18n import format_money
from desktop.services.tabular import CellError, parse_money
from desktop.views.workers import TaskRunner


class MoneyEdit(QLineEdit):
    """Accepts ``1234.5``, ``¥1,234.50`` or ``1,234.5元``; ``value()`` is a Decimal or None."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("0.00")
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.editingFinished.connect(self._tidy)

    def value(self) -> Decimal | None:
        text = self.text().strip()
        if not text:
            return None
        try:
            return parse_money(text)
        except CellError:
            return None

    def is_valid(self) -> bool:
        return not self.text().strip() or self.value() is not None

    def set_value(self, value: Decimal | None) -> None:
        self.setText(format_money(value, symbol=False) if value is not None else "")

    def _tidy(self) -> None:
        value = self.value()
        if value is not None:
            self.set_value(value)


class DateEdit(QDateEdit):
    """An ISO date field with a calendar; ``value()`` is a ``date``."""

    def __init__(self, value: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self._moved_on = False
        self.set_value(value or date.today())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """A date typed over the whole field (after Tab or a select-all) is kept as typed.

        QDateEdit refuses a first digit that replaces the whole text ("2" is no date), so the
        year typed first was lost and the old year stayed: 2026-12-15 typed into a field
        showing 2027 became 2027-12-15. Typing over everything starts in the year instead;
        a separator typed right after a section filled up (and Qt moved on by itself) is
        swallowed, so "2026-12-15" and "20261215" both land as typed."""
        text = event.text()
        edit = self.lineEdit()
        if text in {"-", "/", "."} and self._moved_on:
            self._moved_on = False
            event.accept()
            return
        if text.isdigit() and edit.hasSelectedText() and edit.selectedText() == edit.text():
            self.setSelectedSection(QDateTimeEdit.Section.YearSection)
        before = self.currentSection()
        super().keyPressEvent(event)
        self._moved_on = text.isdigit() and self.currentSection() != before

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._moved_on = False
        super().focusInEvent(event)

    def value(self) -> date:
        q = self.date()
        return date(q.year(), q.month(), q.day())

    def set_value(self, value: date) -> None:
        self.setDate(QDate(value.year, value.month, value.day))


class SearchPicker(QLineEdit):
    """Type part of a name or number; choose from what the search function returns.

    ``search(text) -> [(id, label)]`` is a service call, run on the worker (never on the
    GUI thread); an answer for text that was edited meanwhile is dropped. ``chosen`` carries
    the id; ``searched`` is emitted when an answer was shown.
    """

    chosen = Signal(object)
    searched = Signal()

    def __init__(
        self,
        search: Callable[[str], Sequence[tuple[int, str]]],
        runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._search = search
        self._runner = runner
        self._ids: dict[str, int] = {}
        self._id: int | None = None
        self._model = QStringListModel(self)
        completer = QCompleter(self._model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.activated.connect(self._pick)
        self.setCompleter(completer)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self._refresh)
        self.textEdited.connect(lambda _t: self._timer.start())
        self.setPlaceholderText(self.tr("Type a name or number…"))

    def _refresh(self) -> None:
        text = self.text().strip()
        self._runner.start(
            lambda: list(self._search(text)),
            on_done=lambda found: self._found(text, found),
            # A picker never breaks the form; the form's save reports errors.
            on_error=lambda _exc: self._found(text, []),
        )

    def _found(self, text: str, found: list[tuple[int, str]]) -> None:
        if not isValid(self) or text != self.text().strip():
            # The form closed meanwhile, or typed on: a newer search is on its way.
            return
        self._ids = {label: id_ for id_, label in found}
        self._model.setStringList(list(self._ids))
        label = self._exact(self.text())
        if label is not None:
            self._pick(label)
        else:
            self._id = None
        self.searched.emit()

    def _exact(self, text: str) -> str | None:
        """The one label ``text`` names exactly: the whole label, the name before " (…)" or
        the number inside it ("王芳" or "E001" for "王芳 (E001)"); None when none or several
        (two people of one name are told apart by their number)."""
        text = text.strip()
        if not text:
            return None
        if text in self._ids:
            return text
        named = [
            label
            for label in self._ids
            if label.split(" (", 1)[0].strip() == text or label.endswith(f"({text})")
        ]
        return named[0] if len(named) == 1 else None

    def _pick(self, label: str) -> None:
        self._id = self._ids.get(label)
        self.chosen.emit(self._id)

    def value(self) -> int | None:
        if self._id is None:
            label = self._exact(self.text())
            if label is not None:
                self._id = self._ids[label]
        return self._id

    def set_value(self, id_: int | None, label: str = "") -> None:
        self._id = id_
        if id_ is not None and label:
            self._ids[label] = id_
        self.setText(label)


def choice_items(combo: Any, items: Sequence[tuple[Any, str]], current: Any = None) -> None:
    """Fill a QComboBox with (data, text) pairs and select ``current``."""
    combo.clear()
    for data, text in items:
        combo.addItem(text, data)
    index = combo.findData(current)
    combo.setCurrentIndex(max(index, 0))
