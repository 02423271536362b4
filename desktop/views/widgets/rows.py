"""An in-memory table model for the few thousand rows a service returned in one go.

The lazy :class:`desktop.views.tablemodels.PagedTableModel` is for lists that live in SQL; a
case's handover items (up to ~6,000 for a salesperson with 2,000 customers) arrive with the
case, so they are sorted and filtered here, in Python, without another query. Both share the
one column spec and rows-model base of :mod:`desktop.views.tablemodels`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from desktop.views.tablemodels import Column, RowsTableModel

OVERDUE_BG = QColor("#fde2e1")
OVERDUE_FG = QColor("#b00020")
MUTED_FG = QColor("#777777")
GOOD_FG = QColor("#2e7d32")

__all__ = ["GOOD_FG", "MUTED_FG", "OVERDUE_BG", "OVERDUE_FG", "Column", "RowsModel"]


def _sort_key(value: Any) -> tuple[int, Any]:
    # None sorts last whatever the type; mixed types never compare with each other.
    return (1, "") if value is None else (0, value)


class RowsModel(RowsTableModel):
    """Rows held in memory; ``set_filter`` hides rows; ``sort`` orders them by a column."""

    def __init__(self, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(columns, parent)
        self.all_rows: list[Any] = []
        self._filter: Callable[[Any], bool] | None = None
        self._sort: tuple[int, bool] | None = None

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.all_rows = list(rows)
        self._apply()
        self.endResetModel()

    def set_filter(self, predicate: Callable[[Any], bool] | None) -> None:
        self.beginResetModel()
        self._filter = predicate
        self._apply()
        self.endResetModel()

    def _apply(self) -> None:
        rows = [r for r in self.all_rows if self._filter is None or self._filter(r)]
        if self._sort is not None:
            column, descending = self._sort
            col = self.columns[column]
            key = col.key or col.value
            rows.sort(key=lambda r: _sort_key(key(r)), reverse=descending)
        self.rows = rows

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self.beginResetModel()
        self._sort = (column, order == Qt.SortOrder.DescendingOrder)
        self._apply()
        self.endResetModel()
