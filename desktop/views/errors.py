"""Errors shown in one place: domain errors as their message, bugs as a crash dialog + log."""

from __future__ import annotations

import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop.errors import BatonError
from desktop.logs import get_logger, safe_traceback
from desktop.views.qtext import fill

log = get_logger("gui")
_log_path: Path | None = None


def translate_error(exc: BatonError) -> str:
    """The error's message in the interface language."""
    return exc.message(QCoreApplication.translate)


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """Show a domain error as a warning; anything else is a bug and gets the crash dialog."""
    if isinstance(exc, BatonError):
        QMessageBox.warning(
            parent, QCoreApplication.translate("Errors", "Baton"), translate_error(exc)
        )
        return
    show_crash(parent, exc)


def show_crash(parent: QWidget | None, exc: BaseException) -> None:
    """Tell the user what happened and where the log is; the details go to the log."""
    log.error("unexpected error: %s", safe_traceback(exc))
    where = str(_log_path) if _log_path else QCoreApplication.translate("Errors", "the log folder")
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(QCoreApplication.translate("Errors", "Unexpected error"))
    box.setText(
        QCoreApplication.translate(
            "Errors",
            "Baton met an unexpected problem and stopped this action. Your saved data is safe: "
            "every change is saved in one transaction, and this one was not completed.",
        )
    )
    box.setInformativeText(
        fill(
            QCoreApplication.translate(
                "Errors", "What happened: %1\nThe details are in the log: %2"
            ),
            f"{type(exc).__name__}: {exc}",
            where,
        )
    )
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


def install_excepthook(log_path: Path) -> None:
    """Route uncaught exceptions in Qt slots to the crash dialog instead of a silent abort."""
    global _log_path
    _log_path = log_path

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        exc.__traceback__ = tb
        if QApplication.instance() is None:
            sys.__excepthook__(kind, exc, tb)
            return
        show_error(QApplication.activeWindow(), exc)

    sys.excepthook = hook
