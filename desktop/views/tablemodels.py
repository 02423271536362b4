"""Qt table models that adapt service queries: lazy, paged, never owning a session.

A :class:`PagedTableModel` asks a fetch function for a page of row objects (frozen
dataclasses from a service) when the view scrolls near the end (``fetchMore``), keeps only
what was fetched, and starts over when the filter or sort changes — sorting and filtering
happen in SQL, not in a proxy model over every row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    """A column: header text (already translated), how to show a row, optional sort key."""

    title: str
    value: Callable[[Any], Any]
    sort_key: str | None = None
    align_right: bool = False
    tooltip: Callable[[Any], str] | None = None


FetchPage = Callable[[int, int, str, str | None, bool], Sequence[Any]]
CountRows = Callable[[str], int]


class PagedTableModel(QAbstractTableModel):
    """Rows come from ``fetch(offset, limit, search, sort_key, descending)``."""

    def __init__(
        self,
        columns: list[Column],
        fetch: FetchPage,
        count: CountRows | None = None,
        page_size: int = 200,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.columns = columns
        self._fetch = fetch
        self._count = count
        self.page_size = page_size
        self.rows: list[Any] = []
        self._exhausted = True
        self.search = ""
        self.sort_key: str | None = None
        self.descending = False
        self.total: int | None = None
        self.styler: Callable[[Any, int, Qt.ItemDataRole], Any] | None = None
        self._resetting = False

    # -- loading -------------------------------------------------------------

    def reload(self, count: bool = True) -> None:
        """Start over from the first page with the current search and sort.

        The queries run before the reset is announced, so a failing query leaves the model
        as it was instead of half-reset. ``count=False`` leaves ``total`` to
        :meth:`update_total`, so rows can show before the (slower) count is known."""
        total = self._count(self.search) if self._count and count else None
        page = list(self._fetch(0, self.page_size, self.search, self.sort_key, self.descending))
        self._resetting = True
        try:
            self.beginResetModel()
            self.rows = page
            self._exhausted = len(page) < self.page_size
            self.total = total
            self.endResetModel()
        finally:
            self._resetting = False

    def update_total(self) -> int | None:
        """Count the rows matching the current search (all pages)."""
        self.total = self._count(self.search) if self._count else None
        return self.total

    def clear(self) -> None:
        """Drop every row (the window locked)."""
        self._resetting = True
        try:
            self.beginResetModel()
            self.rows = []
            self._exhausted = True
            self.total = None
            self.endResetModel()
        finally:
            self._resetting = False

    def set_search(self, text: str) -> None:
        if text != self.search:
            self.search = text
            self.reload()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        # Not while a reset is being announced: views would insert rows inside the reset.
        return not parent.isValid() and not self._exhausted and not self._resetting

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted or self._resetting:
            return
        start = len(self.rows)
        page = list(self._fetch(start, self.page_size, self.search, self.sort_key, self.descending))
        if len(page) < self.page_size:
            self._exhausted = True
        if not page:
            return
        self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
        self.rows.extend(page)
        self.endInsertRows()

    def row_object(self, row: int) -> Any:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    # -- Qt model API --------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = column.value(row)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row)
        if self.styler is not None:
            return self.styler(row, index.column(), Qt.ItemDataRole(role))
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
        key = self.columns[column].sort_key if 0 <= column < len(self.columns) else None
        if key is None:
            return
        self.sort_key = key
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.reload()
