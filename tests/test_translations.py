"""Every visible string is translatable and translated; the shipped .qm is the compiled .ts."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
import translations

PLACEHOLDER = re.compile(r"%L?n|%\d+|\{[a-z_]+\}")


def messages(ts: Path) -> dict[tuple[str, str], list[str]]:
    """(context, source) -> the translation's texts (one per plural form when counted)."""
    import xml.etree.ElementTree as ET

    out = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            texts = translations.forms(translation) if translation is not None else [""]
            out[(name, message.findtext("source") or "")] = texts
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
    for (context, source), targets in messages(translations.TS).items():
        for target in targets:
            assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(target)), (
                context,
                source,
            )


def test_shipped_qm_is_the_compiled_ts(tmp_path):
    qm = tmp_path / "check.qm"
    translations.lrelease(translations.TS, qm)
    assert qm.read_bytes() == translations.QM.read_bytes(), "run `make translations`"


def test_shipped_english_qm_is_the_compiled_plural_catalog(tmp_path):
    ts = tmp_path / "baton_en.ts"
    translations.english_plurals(ts)
    assert ts.read_bytes() == translations.EN_TS.read_bytes(), "run `make translations`"
    qm = tmp_path / "check.qm"
    translations.lrelease(translations.EN_TS, qm)
    assert qm.read_bytes() == translations.EN_QM.read_bytes(), "run `make translations`"


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


# --------------------------------------------------------------------------- counted strings

COUNTED_TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Counted</name>
    <message numerus="yes">
        <source>%n item(s) waiting for you</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing is waiting.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
"""


def _translate(qm_dir: Path, name: str, context: str, source: str, n: int) -> str:
    from PySide6.QtCore import QCoreApplication, QTranslator

    translator = QTranslator()
    assert translator.load(name, str(qm_dir))
    QCoreApplication.installTranslator(translator)
    try:
        return QCoreApplication.translate(context, source, None, n)
    finally:
        QCoreApplication.removeTranslator(translator)


def test_fill_writes_the_one_chinese_plural_form(qtbot, tmp_path):
    """A counted message is unfinished until its <numerusform> holds the translation, and
    --fill puts the JSON's one Chinese form there (not beside it)."""
    ts = tmp_path / "counted_zh_CN.ts"
    ts.write_text(COUNTED_TS, encoding="utf-8")
    assert len(translations.unfinished(ts)) == 2
    table = {"%n item(s) waiting for you": "%n 项等待您确认", "Nothing is waiting.": "没有待办。"}
    assert translations.fill(ts, table) == 2
    assert translations.unfinished(ts) == []
    translations.lrelease(ts, ts.with_suffix(".qm"))
    shown = _translate(tmp_path, "counted_zh_CN", "Counted", "%n item(s) waiting for you", 3)
    assert shown == "3 项等待您确认"


def test_english_says_1_customer_and_2_customers(qtbot, tmp_path):
    ts = tmp_path / "baton_en.ts"
    assert translations.english_plurals(ts) >= 20
    translations.lrelease(ts, ts.with_suffix(".qm"))
    source = "%n customer(s) not yet told"
    assert _translate(tmp_path, "baton_en", "ReviewDetail", source, 1) == "1 customer not yet told"
    assert _translate(tmp_path, "baton_en", "ReviewDetail", source, 2) == "2 customers not yet told"
    for (context, source), (one, more) in messages(ts).items():
        assert one != more, (context, source)  # every counted string marks its plural: "(s)"
        assert "(s)" not in one + more


def test_english_forms_of_a_counted_source():
    assert translations.english_forms("%n item(s) · %1 open") == (
        "%n item · %1 open",
        "%n items · %1 open",
    )
    assert translations.english_forms("%n box(es)") == ("%n box", "%n boxes")
