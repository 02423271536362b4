"""Every file dialog of the window goes through here, so each one opens in the folder the
user last chose a file in (remembered across starts) instead of the home folder every time."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QWidget

LAST_FOLDER = "file_dialogs/last_folder"


def settings_store() -> QSettings:
    """The per-user store of the last folder (the tests point it at a temporary file)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Baton", "dialogs")


def last_folder() -> Path | None:
    """The folder a file was last opened or saved in, if it still exists."""
    value = settings_store().value(LAST_FOLDER, "")
    folder = Path(str(value)) if value else None
    return folder if folder is not None and folder.is_dir() else None


def remember(name: str) -> None:
    if name:
        store = settings_store()
        store.setValue(LAST_FOLDER, str(Path(name).parent))
        store.sync()


def start_at(start: str) -> str:
    """``start`` (a folder, a suggested file path, or "") moved into the last folder; the
    suggested file name is kept."""
    folder = last_folder()
    if folder is None:
        return start
    if not start or Path(start).is_dir():
        return str(folder)
    return str(folder / Path(start).name)


def get_open_file_name(
    parent: QWidget | None, caption: str, start: str = "", filters: str = ""
) -> tuple[str, str]:
    """QFileDialog.getOpenFileName that starts in, and remembers, the last folder."""
    name, chosen = QFileDialog.getOpenFileName(parent, caption, start_at(start), filters)
    remember(name)
    return name, chosen


def get_save_file_name(
    parent: QWidget | None, caption: str, start: str = "", filters: str = ""
) -> tuple[str, str]:
    """QFileDialog.getSaveFileName that starts in, and remembers, the last folder."""
    name, chosen = QFileDialog.getSaveFileName(parent, caption, start_at(start), filters)
    remember(name)
    return name, chosen


def get_existing_directory(parent: QWidget | None, caption: str, start: str = "") -> str:
    """QFileDialog.getExistingDirectory that starts in, and remembers, the last folder."""
    folder = QFileDialog.getExistingDirectory(parent, caption, start_at(start))
    if folder:
        store = settings_store()
        store.setValue(LAST_FOLDER, folder)
        store.sync()
    return folder
