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
#: The language the window speaks now (the last one installed).
_current: list[str] = ["en"]


def current_language() -> str:
    """``zh_CN`` or ``en``: the window's language now (to order bilingual texts by it)."""
    return _current[-1]


def language_name(code: str) -> str:
    """A text's language as its readers name it (中文, English), whatever the window's."""
    return {"zh": "中文", "zh_CN": "中文", "en": "English"}.get(code, code)


def ui_language_first(codes_of: list[str]) -> list[int]:
    """Indices of ``codes_of`` (each a text's language) with the window's language first,
    the order otherwise kept: a Chinese window shows the Chinese clause before the English."""
    ui = current_language().split("_")[0]
    return sorted(range(len(codes_of)), key=lambda i: codes_of[i].split("_")[0] != ui)


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
    _current.append(language)
    return installed


def uninstall_translators(app: QApplication, translators: list[QTranslator]) -> None:
    """Remove translators that :func:`install_translators` returned; the window's language
    goes back to the one installed before them."""
    for translator in translators:
        app.removeTranslator(translator)
        if translator in _installed:
            _installed.remove(translator)
    if len(_current) > 1:
        _current.pop()


def switch_language(app: QApplication, language: str) -> list[QTranslator]:
    """Replace the translators installed so far by ``language``'s; every widget then gets a
    LanguageChange event and retranslates itself."""
    while _installed:
        app.removeTranslator(_installed.pop())
    return install_translators(app, language)
