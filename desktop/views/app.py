"""Starting the desktop application: translators, fonts, crash handling, first window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtGui import QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from desktop.config import LocalSettings, Paths, resources_dir
from desktop.logs import setup_logging
from desktop.services.setup import vault_exists
from desktop.views.errors import install_excepthook
from desktop.views.language import choose_language, install_translators
from desktop.views.main_window import MainWindow
from desktop.views.threadguard import install_thread_guard
from desktop.views.wizard import SetupWizard

__all__ = ["choose_language", "install_translators", "make_application", "run_gui"]


def install_fonts(app: QApplication) -> None:
    """Make the bundled CJK font a fallback, so Chinese shows on PCs without Chinese fonts."""
    font_id = QFontDatabase.addApplicationFont(str(resources_dir() / "fonts" / "wqy-microhei.ttc"))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if families:
        font = app.font()
        font.setFamilies([font.family(), *families])
        app.setFont(font)


def style_sheet_path() -> Path:
    """The one stylesheet: every look the views name by a property or an objectName."""
    return resources_dir() / "styles" / "baton.qss"


def apply_style(app: QApplication) -> None:
    """Style the whole application from ``baton.qss`` (the tests call this too)."""
    style = style_sheet_path()
    if style.exists():
        app.setStyleSheet(style.read_text(encoding="utf-8"))


def make_application(settings: LocalSettings) -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Baton")
    app.setOrganizationName("Baton")
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "baton.png")))
    install_fonts(app)
    apply_style(app)
    install_translators(app, choose_language(str(settings.get("language"))))
    return app


def run_gui(paths: Paths, database: str | None = None) -> int:
    """Open the wizard on first run, else the locked main window; run the event loop.

    ``database`` (``--database``) points this PC at a PostgreSQL server and is remembered in
    its settings, so the next start opens the same server.
    """
    if os.name != "nt":
        os.umask(0o077)  # every file Baton creates holds business data or keys: owner-only
    settings = LocalSettings(paths.settings_file)
    if database and database != settings.get("database_url"):
        settings.set("database_url", database)
        settings.save()
    app = make_application(settings)
    install_excepthook(setup_logging(paths.logs))
    # A query or Argon2 started on the GUI thread freezes the window: log where (the view
    # tests make it fail instead; a warning here is kinder to a user than a crash).
    install_thread_guard(strict=False)
    if vault_exists(paths) or settings.get("database_url"):
        window = MainWindow(paths, settings)
        window.show()
    else:
        wizard = SetupWizard(paths, settings)
        # The window is built once the wizard is done, in the language chosen in it.
        opened: list[MainWindow] = []

        def finished(result: int) -> None:
            if wizard.ctx is not None:
                settings.set("last_user", wizard.ctx.actor.username)
                settings.save()
                window = MainWindow(paths, settings)
                opened.append(window)
                window.set_context(wizard.ctx)
                window.show()
            else:
                app.quit()

        wizard.finished.connect(finished)
        wizard.show()
    return app.exec()
