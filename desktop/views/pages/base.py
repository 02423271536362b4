"""What every page of the main window can do: load for a user, refresh on changes, clear."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QWidget

from desktop.errors import ValidationError, ValidationErrors
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

    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        **kwargs: Any,
    ) -> None:
        """Run a service call on the worker; ``on_done`` gets its result on the GUI thread.

        The result is dropped when the page was cleared or loaded for another user
        meanwhile (the window locked), so a late answer never shows on a locked window. A
        failure is shown as an error unless ``on_error`` takes it."""
        ctx = self.ctx

        def done(result: Any) -> None:
            if self.ctx is ctx and on_done is not None:
                on_done(result)

        def failed(exc: BaseException) -> None:
            if self.ctx is not ctx:
                return
            if on_error is not None:
                on_error(exc)
            else:
                show_error(self, exc)

        self.runner.start(fn, *args, on_done=done, on_error=failed, **kwargs)

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


def save_in_background(
    dialog: QDialog,
    runner: TaskRunner,
    fn: Callable[..., Any],
    *args: Any,
    on_problems: Callable[[ValidationError | ValidationErrors], None],
    **kwargs: Any,
) -> None:
    """A form dialog's save, run on the worker instead of the GUI thread.

    The dialog is disabled while it runs (no second press); on success the result goes to
    ``dialog.changes`` and the dialog closes as before; a refused input goes to
    ``on_problems`` (shown under the fields), any other error to the error dialog."""
    if not dialog.isEnabled():
        return
    dialog.setEnabled(False)

    def done(result: Any) -> None:
        dialog.setEnabled(True)
        dialog.changes = result  # type: ignore[attr-defined]
        dialog.accept()

    def failed(exc: BaseException) -> None:
        dialog.setEnabled(True)
        if isinstance(exc, ValidationError | ValidationErrors):
            on_problems(exc)
        else:
            show_error(dialog, exc)

    runner.start(fn, *args, on_done=done, on_error=failed, **kwargs)
