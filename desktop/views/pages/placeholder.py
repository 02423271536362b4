"""Pages whose capability is not built yet say so plainly."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.services.permissions import Action
from desktop.views.pages.base import Page
from desktop.views.workers import TaskRunner


class PlaceholderPage(Page):
    def __init__(
        self,
        runner: TaskRunner,
        title: str,
        action: Action,
        description: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, parent)
        self._title = title
        self.action = action
        heading = QLabel(f"<h2>{title}</h2>")
        body = QLabel(
            description
            + "<br><br><i>"
            + self.tr("This part of Baton is not built yet. It will arrive in a later version.")
            + "</i>"
        )
        body.setWordWrap(True)
        body.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(body)
        layout.addStretch()

    def title(self) -> str:
        return self._title
