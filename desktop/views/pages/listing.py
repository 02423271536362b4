"""The shape every list page shares: search as you type, filters, a lazy table, a detail pane,
and the Import / Export buttons."""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import nullcontext
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import format_money
from desktop.services import imports
from desktop.services.permissions import Action, can
from desktop.services.validation import MAX_SEARCH_LENGTH
from desktop.views.errors import show_error
from desktop.views.filedialogs import get_save_file_name
from desktop.views.pages.base import Page
from desktop.views.qtext import fill
from desktop.views.tablemodels import Column, PagedTableModel, freeze_on_worker
from desktop.views.widgets.column_memory import ColumnMemory
from desktop.views.widgets.style import set_style_role
from desktop.views.workers import TaskRunner, run_with_progress


class ListPanel(QWidget):
    """Search field, filter bar, table and count; the owner supplies columns and queries.

    Pages and the count come from the database worker: the table keeps its rows and the
    count line says "Loading…" until the first page of a new search arrives."""

    reloaded = Signal()

    def __init__(
        self,
        columns: list[Column],
        fetch: Any,
        count: Any,
        placeholder: str,
        parent: QWidget | None = None,
        runner: TaskRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = PagedTableModel(
            columns, fetch, count, page_size=200, parent=self, runner=runner
        )
        self.model.page_loaded.connect(self._page_loaded)
        self.model.total_changed.connect(self._update_count)
        self.model.failed.connect(self._failed)
        self.model.loading_changed.connect(self._loading)
        self.search = QLineEdit()
        self.search.setPlaceholderText(placeholder)
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(MAX_SEARCH_LENGTH)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(120)
        self._debounce.timeout.connect(self.apply_search)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.filter_bar = QHBoxLayout()
        self.filter_bar.setContentsMargins(0, 0, 0, 0)
        self.action_bar = QHBoxLayout()
        self.action_bar.setContentsMargins(0, 0, 0, 0)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.count_label = QLabel()
        set_style_role(self.count_label, "role", "hint")
        #: The totals of the whole filtered list (money lists): read on the worker after the
        #: count; ``totals_text`` turns them into the line shown.
        self.totals_label = QLabel()
        self.totals_label.setObjectName("totals")
        self.totals_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.totals_text: Any = None
        self.memory: ColumnMemory | None = None
        self.model.sums_changed.connect(self._show_sums)
        self._fit_stretch: int | None = None
        top = QHBoxLayout()
        top.addWidget(self.search, 2)
        top.addLayout(self.filter_bar, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(self.action_bar)
        layout.addWidget(self.table)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addStretch()
        bottom.addWidget(self.totals_label)
        layout.addLayout(bottom)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.search.setFocus)

    def apply_search(self) -> None:
        text = self.search.text().strip()
        if text != self.model.search:
            self.model.search = text
            self.reload()

    def reload(self) -> None:
        """Ask for the first page; the count is asked for right after it, on the same worker.

        Typing shows matches as fast as the first page is read; the count follows a moment
        later. A search the services refuse (too many words) comes back as an error."""
        self.model.reload(count=True)

    def _loading(self, loading: bool) -> None:
        if loading:
            self.count_label.setText(self.tr("Loading…"))
        else:
            self._update_count()

    def _page_loaded(self) -> None:
        if self._fit_stretch is not None:
            self.resize_columns(self._fit_stretch)
        if self.model.rowCount() and not self.table.selectionModel().selectedRows():
            self.table.selectRow(0)
        self.reloaded.emit()

    def _show_sums(self) -> None:
        sums = self.model.sums
        if sums is None or self.totals_text is None:
            self.totals_label.clear()
        else:
            self.totals_label.setText(self.totals_text(sums))

    def _failed(self, exc: BaseException) -> None:
        self._update_count()
        show_error(self, exc)

    def _update_count(self) -> None:
        if self.model.loading:
            return
        total = self.model.total
        if total is None:
            self.count_label.setText(self.tr("counting…") if self.model.counting else "")
        else:
            self.count_label.setText(fill(self.tr("%1 row(s)", "", total), f"{total:,}"))

    def selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_object(rows[0].row()) if rows else None

    def resize_columns(self, stretch: int = 1) -> None:
        """Fit columns to their contents (capped), and let one column take the spare width.

        While a first page is on its way, fit once it arrives (the contents are not there)."""
        if self.model.loading:
            self._fit_stretch = stretch
            return
        self._fit_stretch = None
        memory = self.memory
        with memory.fitting() if memory is not None else nullcontext():
            self.table.resizeColumnsToContents()
            header = self.table.horizontalHeader()
            for i in range(self.model.columnCount()):
                header.resizeSection(i, min(header.sectionSize(i), 320))
            if 0 <= stretch < self.model.columnCount():
                header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        if memory is not None:
            memory.restore()  # the widths the user set by hand win over the fit

    def remember_columns(self, name: str) -> None:
        """Remember the column widths the user sets, under ``name`` (one per table)."""
        self.memory = ColumnMemory(self.table, name)

    def clear(self) -> None:
        """Drop the rows and the search typed: the next user never sees the last one's."""
        self._debounce.stop()
        if self.memory is not None:
            self.memory.flush()
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.model.search = ""
        self.model.clear()
        self.count_label.clear()
        self.totals_label.clear()


class ListPage(Page):
    """A page made of one ListPanel and a detail pane on the right."""

    #: The kind name used by imports and exports (None: no such buttons).
    import_kind: str | None = None
    export_kind: str | None = None
    #: The column that takes the spare width (usually the name).
    stretch_column = 1

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.panel = ListPanel(
            self.columns(), self._fetch, self._count, self.placeholder(), self, runner
        )
        # One record shown on its own (an alert's evidence link): its id joins the filters.
        self.record_id: int | None = None
        own_filters = self.filters

        def filters_with_record() -> dict[str, Any]:
            got = dict(own_filters())
            if self.record_id is not None and self.record_filter is not None:
                got[self.record_filter] = self.record_id
            return got

        self.filters = filters_with_record  # type: ignore[method-assign]
        # Subclasses read their filter widgets in ``filters()``; on the worker they get the
        # values the widgets showed when the request was made (widgets live on the GUI thread).
        self.panel.model.prepare = freeze_on_worker(self, "filters")
        self.panel.remember_columns(type(self).__name__)
        if type(self).totals is not ListPage.totals:
            self.panel.model.summing = self._totals
            self.panel.totals_text = self._totals_text
        self._reselect_id: Any = None
        self.panel.model.page_loaded.connect(self._reselect_after_refresh)
        self.detail = self.build_detail()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.panel)
        if self.detail is not None:
            splitter.addWidget(self.detail)
            splitter.setStretchFactor(0, 3)
            splitter.setStretchFactor(1, 2)
            splitter.setSizes([760, 440])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.panel.table.selectionModel().selectionChanged.connect(lambda *_: self._selection())
        self.panel.reloaded.connect(self._selection)
        self.panel.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.import_button: QPushButton | None = None
        self.export_button: QPushButton | None = None
        self.build_filters(self.panel.filter_bar)
        self.build_actions(self.panel.action_bar)
        if self.import_kind:
            self.import_button = QPushButton(self.tr("Import…"))
            self.import_button.clicked.connect(self.import_file)
            self.panel.action_bar.addWidget(self.import_button)
        if self.export_kind:
            self.export_button = QPushButton(self.tr("Export…"))
            self.export_button.clicked.connect(self.export_list)
            self.panel.action_bar.addWidget(self.export_button)
        self.record_button = QPushButton()
        self.record_button.setVisible(False)
        self.record_button.clicked.connect(self.show_all)
        self.panel.action_bar.addWidget(self.record_button)
        self.panel.search.textEdited.connect(lambda _t: self.show_all(reload=False))
        self.panel.action_bar.addStretch()

    # -- one record (an alert's evidence link) ----------------------------------

    #: The list's filter that names one record by id (None: the list cannot show one alone).
    record_filter: str | None = "id"

    def show_record(self, record_id: int) -> None:
        """Show only this record, selected (its detail opens); "Show all" brings the list
        back. The search is cleared so that it cannot hide the record."""
        self.record_id = record_id
        self._reselect_id = record_id
        self.panel.search.blockSignals(True)
        self.panel.search.clear()
        self.panel.search.blockSignals(False)
        self.panel.model.search = ""
        self.record_button.setText(
            fill(self.tr("Only record %1 from an alert: show all"), str(record_id))
        )
        self.record_button.setVisible(True)
        if self.ctx is not None:
            self.panel.table.clearSelection()
            self.panel.reload()

    def show_all(self, *_: Any, reload: bool = True) -> None:
        if self.record_id is None:
            return
        self.record_id = None
        self.record_button.setVisible(False)
        if reload and self.ctx is not None:
            self.panel.reload()

    # -- what subclasses provide ----------------------------------------------

    def columns(self) -> list[Column]:
        raise NotImplementedError

    def placeholder(self) -> str:
        return self.tr("Search…")

    def fetch(
        self, offset: int, limit: int, search: str, sort: str | None, desc: bool
    ) -> list[Any]:
        raise NotImplementedError

    def count(self, search: str) -> int:
        raise NotImplementedError

    def filters(self) -> dict[str, Any]:
        return {}

    def totals(self, search: str) -> Mapping[str, Decimal]:
        """The sums of the whole filtered list (a money list's totals row); a page that has
        them overrides this and :meth:`total_figures`."""
        raise NotImplementedError

    def total_figures(self, sums: Mapping[str, Decimal]) -> list[tuple[str, Decimal]]:
        """The totals shown, as (label, amount), in order."""
        return []

    def build_filters(self, bar: QHBoxLayout) -> None:
        """Add filter widgets; call ``self.filters_changed`` when one changes."""

    def build_actions(self, bar: QHBoxLayout) -> None:
        """Add action buttons."""

    def build_detail(self) -> QWidget | None:
        return None

    def show_detail(self, row: Any) -> None:
        """Fill the detail pane for the selected row (None: nothing selected)."""

    def open_selected(self) -> None:
        """Enter or double-click on a row."""

    def update_actions(self, row: Any) -> None:
        """Enable or disable action buttons for the selection and the role."""

    # -- plumbing ----------------------------------------------------------------

    def _fetch(
        self, offset: int, limit: int, search: str, sort: str | None, desc: bool
    ) -> list[Any]:
        if self.ctx is None:
            return []
        return self.fetch(offset, limit, search, sort, desc)

    def _count(self, search: str) -> int:
        return self.count(search) if self.ctx is not None else 0

    def _totals(self, search: str) -> Mapping[str, Decimal] | None:
        return self.totals(search) if self.ctx is not None else None

    def _totals_text(self, sums: Mapping[str, Decimal]) -> str:
        figures = " · ".join(f"{label} {format_money(v)}" for label, v in self.total_figures(sums))
        return fill(self.tr("Totals: %1"), figures)

    def filters_changed(self, *_: Any) -> None:
        if self.ctx is not None:
            self.panel.reload()

    def refresh(self) -> None:
        if self.ctx is None:
            return
        role = self.ctx.actor.role
        if self.import_button is not None:
            self.import_button.setVisible(
                self.import_kind is not None and imports.can_import(role, self.import_kind)
            )
        if self.export_button is not None:
            self.export_button.setVisible(can(role, Action.EXPORT))
        selected = self.panel.selected()
        self._reselect_id = getattr(selected, "id", None) if selected is not None else None
        self.panel.reload()
        self.panel.resize_columns(self.stretch_column)
        self._selection()

    def _reselect_after_refresh(self) -> None:
        """The first page of a refresh arrived: select the row that was selected before."""
        if self._reselect_id is not None:
            self._reselect(self._reselect_id)
            self._reselect_id = None

    def _reselect(self, id_: Any) -> None:
        for row, obj in enumerate(self.panel.model.rows):
            if getattr(obj, "id", None) == id_:
                self.panel.table.selectRow(row)
                return

    def _selection(self) -> None:
        row = self.panel.selected() if self.ctx is not None else None
        self.update_actions(row)
        if self.ctx is not None:
            try:
                self.show_detail(row)
            except Exception as exc:
                show_error(self, exc)

    def clear(self) -> None:
        super().clear()
        self.record_id = None
        self.record_button.setVisible(False)
        self.panel.clear()
        self.show_detail(None)

    def import_file(self) -> None:
        if self.ctx is None or self.import_kind is None:
            return
        from desktop.views.import_wizard import ImportWizard

        wizard = ImportWizard(self.ctx, self.runner, self.import_kind, self)
        wizard.exec()
        if wizard.result_changes is not None:
            self.emit_changes(wizard.result_changes)
            self.refresh()

    def export_list(self) -> None:
        if self.ctx is None or self.export_kind is None:
            return
        name, chosen = get_save_file_name(
            self,
            self.tr("Export"),
            str(Path.home() / f"{self.export_kind}.xlsx"),
            self.tr("Excel workbook (*.xlsx);;CSV (*.csv)"),
        )
        if not name:
            return
        path = Path(name)
        if not path.suffix:
            path = path.with_suffix(".csv" if "csv" in chosen.lower() else ".xlsx")
        from desktop.services import exports
        from desktop.views.export_requests import export_refused

        kind, search, filters = self.export_kind, self.panel.search.text().strip(), self.filters()

        def done(result: Any) -> None:
            self.panel.count_label.setText(
                fill(self.tr("Exported %n row(s) to %1", "", result.rows), result.path)
            )

        run_with_progress(
            self,
            self.runner,
            self.tr("Exporting…"),
            exports.export_list,
            self.ctx,
            kind,
            path,
            search=search,
            filters=filters or None,
            on_done=done,
            # Over the window limit: use an approved request, or ask for one (not a dead end).
            on_error=lambda exc: export_refused(
                self, exc, kind, path, search, filters or None, done
            ),
        )
