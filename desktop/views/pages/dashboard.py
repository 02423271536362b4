"""Dashboard: the firm at a glance. Later capabilities add their cards and charts here."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from desktop.i18n import format_datetime
from desktop.services import organisation
from desktop.services.permissions import Action
from desktop.views.pages.base import Page
from desktop.views.qtext import fill
from desktop.views.workers import TaskRunner


class Card(QFrame):
    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.value = QLabel("—")
        self.value.setObjectName("cardValue")
        self.value.setStyleSheet("font-size: 22px; font-weight: bold;")
        caption_label = QLabel(caption)
        caption_label.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.value)
        layout.addWidget(caption_label)


class DashboardPage(Page):
    action = Action.DASHBOARD_VIEW
    watches = frozenset({"users", "company", "keys", "backup"})

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 20px; font-weight: bold;")
        self.cards = {
            "users": Card(self.tr("Active accounts")),
            "branches": Card(self.tr("Branches")),
            "events": Card(self.tr("Audit events")),
            "backup": Card(self.tr("Last backup")),
        }
        grid = QGridLayout()
        for i, card in enumerate(self.cards.values()):
            grid.addWidget(card, i // 2, i % 2)
        self.vault_line = QLabel()
        self.vault_line.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(grid)
        layout.addWidget(self.vault_line)
        layout.addStretch()

    def title(self) -> str:
        return self.tr("Dashboard")

    def refresh(self) -> None:
        if self.ctx is None:
            return
        data = self.call(organisation.overview, self.ctx)
        if data is None:
            return
        self.heading.setText(data.company)
        self.cards["users"].value.setText(str(data.users))
        self.cards["branches"].value.setText(str(data.branches))
        self.cards["events"].value.setText(str(data.audit_events))
        self.cards["backup"].value.setText(
            format_datetime(data.last_backup_at) if data.last_backup_at else self.tr("none yet")
        )
        self.vault_line.setText(
            fill(self.tr("Encrypted vault %1 · database key %2"), data.db_id[:8], data.key_id)
        )

    def clear(self) -> None:
        super().clear()
        self.heading.clear()
        self.vault_line.clear()
        for card in self.cards.values():
            card.value.setText("—")
