"""A from/to date range for a list's filter bar (waybills, invoices, payments, commission lines).

Why a widget of its own: each money list filters on its own date (order date, issue date,
received on, source date) through the listing spec's ``since``/``until`` filters, and each
bound is optional — a range left open on one side is the usual question ("everything since
the 1st"). A bound is on when its box is ticked; the dates are typed (kept as typed, see
:class:`DateEdit`) or picked from the calendar.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QWidget

from desktop.views.widgets.inputs import DateEdit


class DateRange(QWidget):
    """Two optional bounds; ``changed`` is emitted a moment after the range last changed
    (typing a date is several edits, the list reloads once)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        today = today or date.today()
        self.from_box = QCheckBox(self.tr("From"))
        self.from_date = DateEdit(today.replace(day=1))
        self.to_box = QCheckBox(self.tr("to"))
        self.to_date = DateEdit(today)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for box, edit in ((self.from_box, self.from_date), (self.to_box, self.to_date)):
            edit.setEnabled(False)
            box.toggled.connect(edit.setEnabled)
            box.toggled.connect(lambda _on: self.changed.emit())
            edit.dateChanged.connect(lambda _d, b=box: self._edited(b))
            layout.addWidget(box)
            layout.addWidget(edit)

    def _edited(self, box: QCheckBox) -> None:
        if box.isChecked():
            self._debounce.start()

    def set_range(self, since: date | None, until: date | None) -> None:
        """Tick and fill the bounds given (None: that side open); one ``changed``."""
        for box, edit, value in (
            (self.from_box, self.from_date, since),
            (self.to_box, self.to_date, until),
        ):
            box.blockSignals(True)
            edit.blockSignals(True)
            if value is not None:
                edit.set_value(value)
            box.setChecked(value is not None)
            edit.setEnabled(value is not None)
            box.blockSignals(False)
            edit.blockSignals(False)
        self.changed.emit()

    def filters(self) -> dict[str, Any]:
        """``since``/``until`` for the bounds ticked (the listing specs' filter names)."""
        out: dict[str, Any] = {}
        if self.from_box.isChecked():
            out["since"] = self.from_date.value()
        if self.to_box.isChecked():
            out["until"] = self.to_date.value()
        return out
