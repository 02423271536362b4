"""Column widths a user set by hand, remembered per table across windows and starts.

Why: the lists size their columns to their contents, which is a guess; a clerk who widens the
customer column of the waybill list wants it wide again tomorrow. The widths go to the same
per-user QSettings store as the file dialogs' last folder (:func:`filedialogs.settings_store`,
which the tests point at a temporary file), under ``columns/<table name>``.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QHeaderView, QTableView

from desktop.views import filedialogs

PREFIX = "columns/"


def saved_widths(name: str) -> list[int]:
    """The widths remembered for table ``name`` (empty: none, or unreadable)."""
    value = filedialogs.settings_store().value(PREFIX + name, "")
    try:
        widths = [int(w) for w in str(value).split(",") if w.strip()]
    except ValueError:
        return []
    return [w for w in widths if w >= 0]


class ColumnMemory(QObject):
    """Watches ``table``'s header: a section the user resizes is saved (a moment after the
    drag ends); :meth:`restore` puts the saved widths back after the table was fitted."""

    def __init__(self, table: QTableView, name: str) -> None:
        super().__init__(table)
        self.table = table
        self.name = name
        self._applying = False
        #: Nothing is saved before the table was first fitted: the sizes a new table has
        #: while it is laid out are not the user's.
        self.fitted = False
        self._save_soon = QTimer(self)
        self._save_soon.setSingleShot(True)
        self._save_soon.setInterval(300)
        self._save_soon.timeout.connect(self.save)
        table.horizontalHeader().sectionResized.connect(self._resized)

    def _resized(self, index: int, _old: int, _new: int) -> None:
        header = self.table.horizontalHeader()
        # A stretched section follows the window's width: that is no choice of the user's.
        if self._applying or not self.fitted:
            return
        if header.sectionResizeMode(index) == QHeaderView.ResizeMode.Stretch:
            return
        self._save_soon.start()

    def fitting(self) -> _Applying:
        """A context in which resizes are the program's (fitting to contents), not saved."""
        return _Applying(self)

    def restore(self) -> bool:
        """Apply the saved widths if they fit this table's columns; True if they did."""
        self.fitted = True
        header = self.table.horizontalHeader()
        widths = saved_widths(self.name)
        if not widths or len(widths) != header.count():
            return False
        with self.fitting():
            for i, width in enumerate(widths):
                if width and header.sectionResizeMode(i) != QHeaderView.ResizeMode.Stretch:
                    header.resizeSection(i, width)
        return True

    def save(self) -> None:
        """Write the current widths now (also called when the table's rows are dropped)."""
        self._save_soon.stop()
        header = self.table.horizontalHeader()
        if header.count() == 0:
            return
        store = filedialogs.settings_store()
        store.setValue(
            PREFIX + self.name, ",".join(str(header.sectionSize(i)) for i in range(header.count()))
        )
        store.sync()

    def flush(self) -> None:
        """Save a resize that is still waiting for its moment."""
        if self._save_soon.isActive():
            self.save()


class _Applying:
    def __init__(self, memory: ColumnMemory) -> None:
        self.memory = memory
        self.before = False

    def __enter__(self) -> None:
        self.before = self.memory._applying
        self.memory._applying = True

    def __exit__(self, *_: object) -> None:
        self.memory._applying = self.before
