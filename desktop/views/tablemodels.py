"""Qt table models over rows a service returned: one column spec, one rows-model base.

:class:`Column` says how a column shows a row (and how it sorts); :class:`RowsTableModel` is
the one base that shows a list of row objects (frozen dataclasses from a service) through
those columns. Two models build on it:

- :class:`PagedTableModel` for lists that live in SQL: it asks the database worker for a page
  (``fetch``) and for the count (``count``) asynchronously, inserts rows when a page arrives,
  and drops an answer that comes back after the search or sort changed (a generation
  counter). Sorting and filtering happen in SQL, not in a proxy model over every row.
- :class:`desktop.views.widgets.rows.RowsModel` for the few thousand rows that arrive in one
  go (a case's handover items): sorted and filtered in Python, without another query.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from desktop.views.workers import TaskRunner

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    """A column: header text (already translated), how to show a row, and how it sorts.

    ``sort_key`` names the service's sort for paged lists (sorted in SQL; None: the column
    does not sort); ``key`` gives the value an in-memory list sorts by (default: the shown
    value)."""

    title: str
    value: Callable[[Any], Any]
    sort_key: str | None = None
    align_right: bool = False
    tooltip: Callable[[Any], str | None] | None = None
    key: Callable[[Any], Any] | None = None


#: (row, column, role) → the value for that role, or None.
Styler = Callable[[Any, int, Qt.ItemDataRole], Any]
#: (row, column) → (foreground, background) colours, or None.
Colours = Callable[[Any, int], tuple[QColor | None, QColor | None] | None]


class RowsTableModel(QAbstractTableModel):
    """Shows ``rows`` through ``columns``; ``styler`` and ``colours`` add per-cell looks."""

    def __init__(self, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []
        self.styler: Styler | None = None
        self.colours: Colours | None = None

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
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = column.value(row)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row)
        if self.colours is not None and role in (
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.BackgroundRole,
        ):
            pair = self.colours(row, index.column())
            if pair is not None:
                colour = pair[0] if role == Qt.ItemDataRole.ForegroundRole else pair[1]
                if colour is not None:
                    return QBrush(colour)
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


FetchPage = Callable[[int, int, str, str | None, bool], Sequence[Any]]
CountRows = Callable[[str], int]
#: Called on the GUI thread for each request: wraps the worker's call (e.g. to freeze
#: what filter widgets show now, since widgets are never read from the worker).
Prepare = Callable[[Callable[..., Any]], Callable[..., Any]]


def freeze_on_worker(owner: object, *names: str) -> Prepare:
    """Make ``owner``'s methods ``names`` answer, on the worker, what they answered when the
    request was made on the GUI thread; return the ``prepare`` hook that takes the snapshot.

    A page's ``fetch`` reads its filter widgets (``self.filters()``); widgets belong to the
    GUI thread and may change while a request waits, so the worker sees the values frozen
    with its request. On the GUI thread the methods answer live, as before."""
    local = threading.local()
    live = {name: getattr(owner, name) for name in names}

    def getter(name: str) -> Callable[..., Any]:
        def get(*args: Any, **kwargs: Any) -> Any:
            frozen = getattr(local, "values", None)
            if frozen is not None:
                return frozen[name]
            return live[name](*args, **kwargs)

        return get

    for name in names:
        setattr(owner, name, getter(name))

    def prepare(fn: Callable[..., Any]) -> Callable[..., Any]:
        values = {name: live[name]() for name in names}

        def call(*args: Any) -> Any:
            local.values = values
            try:
                return fn(*args)
            finally:
                local.values = None

        return call

    return prepare


class PagedTableModel(RowsTableModel):
    """Rows come from ``fetch(offset, limit, search, sort_key, descending)`` on the worker.

    ``reload`` asks for the first page and keeps the rows on screen until it arrives;
    ``fetchMore`` asks for the next page. Every request carries the generation it was made
    in; ``reload`` and ``clear`` start a new one, so an answer to an older search or sort is
    dropped, never shown. ``loading`` is True while a page is on its way."""

    #: True while a page request is pending, False when it arrived (or failed).
    loading_changed = Signal(bool)
    #: The first page of a reload is in ``rows``.
    page_loaded = Signal()
    #: ``total`` was counted.
    total_changed = Signal()
    #: A page or count request of the current generation failed (the exception).
    failed = Signal(object)
    #: ``sums`` (the totals of the whole filtered list) were read.
    sums_changed = Signal()

    def __init__(
        self,
        columns: list[Column],
        fetch: FetchPage,
        count: CountRows | None = None,
        page_size: int = 200,
        parent: Any = None,
        runner: TaskRunner | None = None,
    ) -> None:
        super().__init__(columns, parent)
        self._fetch = fetch
        self._count = count
        self.page_size = page_size
        self.runner = runner if runner is not None else TaskRunner(self)
        self.prepare: Prepare | None = None
        self.search = ""
        self.sort_key: str | None = None
        self.descending = False
        self.total: int | None = None
        self.generation = 0
        self.loading = False
        self.counting = False
        #: ``summing(search)`` reads the totals of every matching row (a money list's totals
        #: row); asked for after the count, on the same worker. None: the list has none.
        self.summing: Callable[[str], Any] | None = None
        self.sums: Any = None
        self.adding = False
        self._exhausted = True
        self._more_pending = False
        self._resetting = False

    # -- requests ----------------------------------------------------------------

    def _request(
        self, fn: Callable[..., Any], args: tuple[Any, ...], on_done: Callable[[Any], None]
    ) -> None:
        generation = self.generation
        call = self.prepare(fn) if self.prepare is not None else fn

        def done(result: Any) -> None:
            if generation == self.generation:
                on_done(result)

        def failed(exc: BaseException) -> None:
            if generation == self.generation:
                self._settle()
                self.failed.emit(exc)

        self.runner.start(call, *args, on_done=done, on_error=failed)

    def _set_loading(self, loading: bool) -> None:
        if loading != self.loading:
            self.loading = loading
            self.loading_changed.emit(loading)

    def _settle(self) -> None:
        self._more_pending = False
        self.counting = False
        self.adding = False
        self._set_loading(False)

    @property
    def settled(self) -> bool:
        """No page, count or totals of the current search is on its way."""
        return not self.loading and not self.counting and not self.adding

    # -- loading -------------------------------------------------------------

    def reload(self, count: bool = True) -> None:
        """Start over from the first page with the current search and sort.

        The rows shown stay until the new first page arrives (a failing query leaves them
        as they were). ``count=False`` leaves ``total`` to :meth:`update_total`, so rows can
        show before the (slower) count is known."""
        self.generation += 1
        self._exhausted = True  # no fetchMore of the old rows while the new page is coming
        self._more_pending = False
        self.counting = False
        self.adding = False
        self._set_loading(True)
        args = (0, self.page_size, self.search, self.sort_key, self.descending)
        self._request(self._fetch, args, self._first_page)
        if count:
            self.total = None
            self.update_total()

    def _first_page(self, page: Sequence[Any]) -> None:
        self._resetting = True
        try:
            self.beginResetModel()
            self.rows = list(page)
            self._exhausted = len(self.rows) < self.page_size
            self.endResetModel()
        finally:
            self._resetting = False
        self._set_loading(False)
        self.page_loaded.emit()

    def update_total(self) -> None:
        """Ask for the count of rows matching the current search (all pages)."""
        if self._count is None:
            self.total = None
            return
        self.counting = True
        self._request(self._count, (self.search,), self._counted)
        if self.summing is not None:
            self.adding = True
            self._request(self.summing, (self.search,), self._summed)

    def _counted(self, total: int) -> None:
        self.counting = False
        self.total = total
        self.total_changed.emit()

    def _summed(self, sums: Any) -> None:
        self.adding = False
        self.sums = sums
        self.sums_changed.emit()

    def clear(self) -> None:
        """Drop every row (the window locked); answers still on their way are dropped."""
        self.generation += 1
        self._settle()
        self._resetting = True
        try:
            self.beginResetModel()
            self.rows = []
            self._exhausted = True
            self.total = None
            self.sums = None
            self.endResetModel()
        finally:
            self._resetting = False

    def set_search(self, text: str) -> None:
        if text != self.search:
            self.search = text
            self.reload()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        # Not while a reset is being announced: views would insert rows inside the reset.
        return (
            not parent.isValid()
            and not self._exhausted
            and not self._more_pending
            and not self._resetting
        )

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        self._more_pending = True
        self._set_loading(True)
        start = len(self.rows)
        args = (start, self.page_size, self.search, self.sort_key, self.descending)
        self._request(self._fetch, args, lambda page: self._next_page(start, page))

    def _next_page(self, start: int, page: Sequence[Any]) -> None:
        self._more_pending = False
        rows = list(page)
        if len(rows) < self.page_size:
            self._exhausted = True
        if rows and start == len(self.rows):
            self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
            self.rows.extend(rows)
            self.endInsertRows()
        self._set_loading(False)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.columns[column].sort_key if 0 <= column < len(self.columns) else None
        if key is None:
            return
        self.sort_key = key
        self.descending = order == Qt.SortOrder.DescendingOrder
        if self.generation:  # not before the owner's first reload (a view sorts on setup)
            self.reload()
