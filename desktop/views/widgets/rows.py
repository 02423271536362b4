"""An in-memory table model for the few thousand rows a service returned in one go.

The lazy :class:`desktop.views.tablemodels.PagedTableModel` is for lists that live in SQL; a
case's handover items (up to ~6,000 for a salesperson with 2,000 customers) arrive with the
case, so they are sorted and filtered here, in Python, without another query.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

Index = QModelIndex | QPersistentModelIndex

OVERDUE_BG = QColor("#fde2e1")
OVERDUE_FG = QColor("#b00020")
MUTED_FG = QColor("#777777")
GOOD_FG = QColor("#2e7d32")


@dataclass(frozen=True)
class Col:
    """A column: header (translated), the text of a row, and optionally how it sorts."""

    title: str
    text: Callable[[Any], Any]
    key: Callable[[Any], Any] | None = None
    align_right: bool = False
    tooltip: Callable[[Any], str | None] | None = None


def _sort_key(value: Any) -> tuple[int, Any]:
    # None sorts last whatever the type; mixed types never compare with each other.
    return (1, "") if value is None else (0, value)


class RowsModel(QAbstractTableModel):
    """Rows held in memory; ``set_filter`` hides rows; ``sort`` orders them by a column."""

    def __init__(self, columns: Sequence[Col], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.all_rows: list[Any] = []
        self.rows: list[Any] = []
        self._filter: Callable[[Any], bool] | None = None
        self._sort: tuple[int, bool] | None = None
        #: (row, column) → (foreground, background) colours, or None.
        self.colours: Callable[[Any, int], tuple[QColor | None, QColor | None] | None] | None = None

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
            key = col.key or col.text
            rows.sort(key=lambda r: _sort_key(key(r)), reverse=descending)
        self.rows = rows

    def row_object(self, row: int) -> Any:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        col = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = col.text(row)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and col.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col.tooltip is not None:
            return col.tooltip(row)
        if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole):
            if self.colours is None:
                return None
            pair = self.colours(row, index.column())
            if pair is None:
                return None
            colour = pair[0] if role == Qt.ItemDataRole.ForegroundRole else pair[1]
            return QBrush(colour) if colour is not None else None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return self.columns[section].title
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self.beginResetModel()
        self._sort = (column, order == Qt.SortOrder.DescendingOrder)
        self._apply()
        self.endResetModel()
