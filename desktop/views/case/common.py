"""What the case screen's parts share: the closed states, number formats, the table
helpers and :class:`CaseTab`, the base of every tab (kept apart so each tab is its own module)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableView,
    QWidget,
)

from desktop.i18n import format_money
from desktop.services.context import ServiceContext
from desktop.services.departures import (
    CaseDetail,
)
from desktop.services.permissions import Action, can
from desktop.views.widgets.rows import (
    Column,
    RowsModel,
)

if TYPE_CHECKING:
    from desktop.views.case.screen import CaseScreen


CLOSED = ("withdrawn", "cancelled")


def _money(value: Decimal | None) -> str:
    return format_money(value) if value is not None else ""


def _percent(value: Decimal | None) -> str:
    return f"{value}%" if value is not None else "—"


def _rate(value: Decimal | None) -> str:
    return f"{(value * 100).quantize(Decimal('0.1'))}%" if value is not None else "—"


def _figure(title: str, attr: str, show: Callable[[Any], str]) -> Column:
    """A right-aligned column showing ``show(row.<attr>)`` and sorted by the value itself."""
    value = attrgetter(attr)
    return Column(title, lambda r: show(value(r)), key=value, align_right=True)


def _table_view(model: RowsModel, multi: bool = True) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection
        if multi
        else QAbstractItemView.SelectionMode.SingleSelection
    )
    view.setAlternatingRowColors(True)
    view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def _selected(view: QTableView, model: RowsModel) -> list[Any]:
    return [model.row_object(i.row()) for i in view.selectionModel().selectedRows()]


def _fit(view: QTableView, widths: Sequence[int]) -> None:
    """Column widths from the header text and typical content (not measured per row: the
    table may hold thousands)."""
    header = view.horizontalHeader()
    metrics = view.fontMetrics()
    for i, chars in enumerate(widths):
        title = str(view.model().headerData(i, Qt.Orientation.Horizontal))
        wanted = max(metrics.horizontalAdvance(title) + 28, metrics.averageCharWidth() * chars)
        header.resizeSection(i, wanted)


class CaseTab(QWidget):
    """A tab shows one part of the case; it acts through the screen."""

    def __init__(self, screen: CaseScreen) -> None:
        super().__init__()
        self.screen = screen

    @property
    def ctx(self) -> ServiceContext | None:
        return self.screen.ctx

    @property
    def detail(self) -> CaseDetail | None:
        return self.screen.detail

    def role_can(self, action: Action) -> bool:
        return self.ctx is not None and can(self.ctx.actor.role, action)

    def show_case(self, detail: CaseDetail) -> None:
        raise NotImplementedError

    def clear(self) -> None:
        raise NotImplementedError
