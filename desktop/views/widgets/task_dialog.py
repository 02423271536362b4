"""A form dialog whose service call runs off the GUI thread; its errors appear under the fields.

The dialog stays open while the call runs (buttons disabled, a busy bar), so a slow call — a
successor named for 2,000 customers — never freezes the window, and a refused input is shown
where it was typed instead of in a message box.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import BatonError, ValidationError, ValidationErrors
from desktop.views.errors import show_error, translate_error
from desktop.views.widgets.forms import FieldErrors
from desktop.views.widgets.style import set_style_role
from desktop.views.workers import TaskRunner


class TaskDialog(QDialog):
    """Subclasses add rows with ``add_row`` and implement ``submit`` (which calls ``run``)."""

    #: Emitted with the service's result after it succeeded (the dialog then closes).
    finished_with = Signal(object)

    def __init__(self, runner: TaskRunner, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.setWindowTitle(title)
        self.result_value: Any = None
        self.busy = False
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.hide()
        self.form = QFormLayout()
        self.errors = FieldErrors()
        self.general = QLabel()
        set_style_role(self.general, "role", "error")
        self.general.setWordWrap(True)
        self.general.hide()
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout(self)
        self.body.addWidget(self.intro)
        self.body.addLayout(self.form)
        self.body.addWidget(self.general)
        self.body.addWidget(self.progress)
        self.body.addWidget(self.buttons)

    @property
    def ok_button(self) -> Any:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def set_intro(self, text: str) -> None:
        self.intro.setText(text)
        self.intro.setVisible(bool(text))

    def add_row(self, name: str, label: str, widget: QWidget) -> None:
        self.errors.add_row(self.form, name, label, widget)

    def submit(self) -> None:
        raise NotImplementedError

    def run(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        """Run the service call in the background; close on success, show errors otherwise."""
        if self.busy:
            return
        self._set_busy(True)
        self.errors.show({})
        self.general.hide()
        self.runner.start(
            fn,
            *args,
            on_done=self._done,
            on_error=self._failed,
            on_progress=self._progress,
            **kwargs,
        )

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.progress.setRange(0, 0)
        self.progress.setVisible(busy)
        self.buttons.setEnabled(not busy)

    def _progress(self, done: int, total: int, _label: str) -> None:
        self.progress.setRange(0, max(total, 0))
        self.progress.setValue(min(done, total) if total else 0)

    def _done(self, result: Any) -> None:
        self._set_busy(False)
        self.result_value = result
        self.accept()
        self.finished_with.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, ValidationError | ValidationErrors):
            self.show_problems(exc)
        elif isinstance(exc, BatonError):
            self.general.setText(translate_error(exc))
            self.general.show()
        else:
            show_error(self, exc)

    def show_problems(self, exc: ValidationError | ValidationErrors) -> None:
        """Each error under its field; those of fields the form lacks above the buttons."""
        errors = exc.errors if isinstance(exc, ValidationErrors) else [exc]
        by_field: dict[str, str] = {}
        rest: list[str] = []
        for e in errors:
            if e.field in self.errors.labels:
                by_field.setdefault(e.field, translate_error(e))
            else:
                rest.append(translate_error(e))
        self.errors.show(by_field)
        self.general.setText("\n".join(rest))
        self.general.setVisible(bool(rest))

    def reject(self) -> None:
        if not self.busy:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.busy:
            event.ignore()
            return
        super().closeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.busy:
            event.ignore()
            return
        super().keyPressEvent(event)
