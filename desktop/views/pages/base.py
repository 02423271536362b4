"""What every page of the main window can do: load for a user, refresh on changes, clear."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from desktop.services.changes import Kind
from desktop.services.context import Changes, ServiceContext
from desktop.services.permissions import Action
from desktop.views.errors import show_error
from desktop.views.workers import TaskRunner


class Page(QWidget):
    """A page shows data only while a context is loaded; ``clear`` must drop every row."""

    #: The permission needed to see the page at all.
    action: Action = Action.DASHBOARD_VIEW
    #: Which change kinds make this page refresh itself.
    watches: frozenset[Kind] = frozenset({Kind.ALL})
    #: Emitted after this page changed data; the window forwards it to every page.
    changed = Signal(object)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.ctx: ServiceContext | None = None

    def title(self) -> str:
        raise NotImplementedError

    def load(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.refresh()

    def refresh(self) -> None:
        """Re-read what the page shows from the services."""

    def clear(self) -> None:
        """Forget every value shown (the window locks)."""
        self.ctx = None

    def on_changes(self, changes: Changes) -> None:
        if self.ctx is not None and changes.touches(self.watches):
            self.refresh()

    def call(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        """Run a quick service call; show a domain error and return None on failure."""
        try:
            return fn(*args, **kwargs)
        except Exception as exc:
            show_error(self, exc)
            return None

    def emit_changes(self, changes: Changes | None) -> None:
        if changes is not None:
            self.changed.emit(changes)
