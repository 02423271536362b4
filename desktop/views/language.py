"""The window's language: which one by default, and switching it while the window is open.

Qt looks a string up in the translators installed last first, so switching must remove the
ones installed before (else a Chinese catalog left underneath would answer what the English
one lacks). The installed translators are kept here, in the one place that installs them.
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from desktop.config import resources_dir

TRANSLATION_BASE = "baton"

_installed: list[QTranslator] = []


def choose_language(setting: str) -> str:
    """``zh_CN`` or ``en`` from the setting; for "system", Chinese unless the system is English
    (Baton is made for Chinese firms: a PC set to another language still gets Chinese)."""
    if setting in {"zh_CN", "en"}:
        return setting
    return "en" if QLocale.system().name().startswith("en") else "zh_CN"


def install_translators(app: QApplication, language: str) -> list[QTranslator]:
    """Load Baton's and Qt's own translations (standard buttons and dialogs). English has
    Baton's catalog too: the plural forms of counted strings ("1 customer", "2 customers")."""
    installed: list[QTranslator] = []
    ours = QTranslator(app)
    if ours.load(f"{TRANSLATION_BASE}_{language}", str(resources_dir() / "translations")):
        app.installTranslator(ours)
        installed.append(ours)
    if language != "en":
        qt = QTranslator(app)
        path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt.load(f"qtbase_{language}", path):
            app.installTranslator(qt)
            installed.append(qt)
    _installed.extend(installed)
    return installed


def switch_language(app: QApplication, language: str) -> list[QTranslator]:
    """Replace the translators installed so far by ``language``'s; every widget then gets a
    LanguageChange event and retranslates itself."""
    while _installed:
        app.removeTranslator(_installed.pop())
    return install_translators(app, language)
