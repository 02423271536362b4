"""The History tab: every event of the case, who did it and with what comment."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QVBoxLayout,
)

from desktop.i18n import format_datetime
from desktop.services import terms
from desktop.services.departures import (
    CaseDetail,
)
from desktop.views.case.common import (
    CaseTab,
)
from desktop.views.labels import (
    case_event_label,
    case_state_label,
)
from desktop.views.widgets.tables import detail_table, fill_table

if TYPE_CHECKING:
    from desktop.views.case.screen import CaseScreen


class HistoryTab(CaseTab):
    def __init__(self, screen: CaseScreen) -> None:
        super().__init__(screen)
        self.table = detail_table(
            [self.tr("When"), self.tr("Who"), self.tr("What"), self.tr("State"), self.tr("Comment")]
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)

    def show_case(self, detail: CaseDetail) -> None:
        fill_table(
            self.table,
            [
                (
                    format_datetime(e.at),
                    QCoreApplication.translate(terms.AUDIT, e.actor_name or e.actor),
                    case_event_label(e.action),
                    (
                        f"{case_state_label(e.from_state)} → {case_state_label(e.to_state)}"
                        if e.from_state
                        else case_state_label(e.to_state)
                    )
                    if e.to_state
                    else "",
                    e.comment,
                )
                for e in reversed(detail.events)
            ],
        )

    def clear(self) -> None:
        self.table.setRowCount(0)
