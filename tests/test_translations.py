"""Every visible string is translatable and translated; the shipped .qm is the compiled .ts."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
import translations

PLACEHOLDER = re.compile(r"%\d+|\{[a-z_]+\}")


def messages(ts: Path) -> dict[tuple[str, str], str]:
    import xml.etree.ElementTree as ET

    out = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            out[(name, message.findtext("source") or "")] = message.findtext("translation") or ""
    return out


@pytest.fixture(scope="module")
def fresh_ts(tmp_path_factory) -> Path:
    """The committed .ts updated against the current code, in a temp copy."""
    copy = tmp_path_factory.mktemp("ts") / "baton_zh_CN.ts"
    shutil.copy(translations.TS, copy)
    translations.lupdate(copy)
    return copy


def test_ts_holds_every_string_of_the_code(fresh_ts):
    committed = set(messages(translations.TS))
    current = set(messages(fresh_ts))
    assert current - committed == set(), "run `make translations`: strings missing from the .ts"
    assert committed - current == set(), "run `make translations`: obsolete strings in the .ts"


def test_every_string_is_translated():
    assert translations.unfinished(translations.TS) == []


def test_translations_keep_their_placeholders():
    for (context, source), target in messages(translations.TS).items():
        assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(target)), (
            context,
            source,
        )


def test_shipped_qm_is_the_compiled_ts(tmp_path):
    qm = tmp_path / "check.qm"
    translations.lrelease(translations.TS, qm)
    assert qm.read_bytes() == translations.QM.read_bytes(), "run `make translations`"


def test_interface_switches_to_chinese(qtbot):
    from PySide6.QtCore import QCoreApplication, QTranslator

    translator = QTranslator()
    assert translator.load("baton_zh_CN", str(translations.TS.parent))
    QCoreApplication.installTranslator(translator)
    try:
        assert (
            QCoreApplication.translate("Errors", "Wrong user name or password.")
            == "用户名或密码错误。"
        )
    finally:
        QCoreApplication.removeTranslator(translator)
