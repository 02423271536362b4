"""Keep ``resources/translations/baton_zh_CN.ts`` in step with the code, and compile the .qm.

    python tools/translations.py            # lupdate (keeps translations) + lrelease
    python tools/translations.py --fill F   # also fill unfinished entries from JSON {source: zh}
    python tools/translations.py --missing  # print sources still without a translation

Counted strings are Qt plurals: ``self.tr("%n customer(s)", "", n)``. Chinese has one form, so
``--fill`` writes the JSON's one translation into the message's one ``<numerusform>``. English
needs two, which follow from the source ("(s)" dropped for one, kept as "s" for more): the
same run writes ``baton_en.ts`` (plural messages only) and compiles ``baton_en.qm``, so an
English window says "1 customer" and "2 customers", never "1 customer(s)".

The test suite checks that the .ts holds every string of the code, each translated, and that
the shipped .qm is the compiled .ts.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "baton_zh_CN.ts"
QM = TS.with_suffix(".qm")
EN_TS = TS.with_name("baton_en.ts")
EN_QM = EN_TS.with_suffix(".qm")
#: "customer(s)", "box(es)": the English plural marker of a counted source string.
PLURAL_MARK = re.compile(r"\((s|es)\)")


def tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).parent / name)
    return found


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "desktop").rglob("*.py"))


def lupdate(ts: Path, language: str = "zh_CN", plural_only: bool = False) -> None:
    subprocess.run(
        [
            tool("pyside6-lupdate"),
            *sources(),
            "-no-obsolete",
            *(["-pluralonly"] if plural_only else []),
            "-locations",
            "none",
            "-source-language",
            "en",
            "-target-language",
            language,
            "-ts",
            str(ts),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run(
        [tool("pyside6-lrelease"), str(ts), "-qm", str(qm)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def forms(translation: ET.Element) -> list[str]:
    """The texts of a translation: its plural forms for a counted message, else its text."""
    plural = translation.findall("numerusform")
    return [f.text or "" for f in plural] if plural else [translation.text or ""]


def unfinished(ts: Path) -> list[tuple[str, str]]:
    """(context, source) of every message with no finished translation."""
    out = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if (
                translation is None
                or translation.get("type") == "unfinished"
                or not all(text.strip() for text in forms(translation))
            ):
                out.append((name, message.findtext("source") or ""))
    return out


def _set(translation: ET.Element, text: str) -> None:
    """Write ``text`` as the translation, into every plural form of a counted message."""
    plural = translation.findall("numerusform")
    for form in plural:
        form.text = text
    if not plural:
        translation.text = text
    translation.attrib.pop("type", None)


def fill(ts: Path, table: dict[str, str]) -> int:
    """Fill unfinished entries; a key "Context|source" wins over a bare "source" key, and a
    context-qualified key also replaces a finished translation (to correct one)."""
    tree = ET.parse(ts)
    filled = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            if translation is None:
                continue
            qualified = f"{name}|{source}"
            unfinished = translation.get("type") == "unfinished" or not all(forms(translation))
            if qualified in table or (unfinished and source in table):
                _set(translation, table.get(qualified, table.get(source, "")))
                filled += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return filled


def english_forms(source: str) -> tuple[str, str]:
    """(one, more) of a counted English source: "%n item(s)" -> "%n item", "%n items"."""
    return PLURAL_MARK.sub("", source), PLURAL_MARK.sub(r"\1", source)


def english_plurals(ts: Path) -> int:
    """Write the English plural catalog: every counted message of the code, its two forms
    derived from the source. Returns how many messages it holds."""
    ts.unlink(missing_ok=True)  # derived whole from the code each time
    lupdate(ts, "en", plural_only=True)
    tree = ET.parse(ts)
    count = 0
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        if message.get("numerus") != "yes" or translation is None:
            continue
        one, more = english_forms(message.findtext("source") or "")
        for form in translation.findall("numerusform"):
            translation.remove(form)
        for text in (one, more):
            ET.SubElement(translation, "numerusform").text = text
        translation.attrib.pop("type", None)
        count += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    lupdate(ts, "en", plural_only=True)  # back into lupdate's own form, as for zh_CN
    return count


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--fill", type=Path)
    parser.add_argument("--missing", action="store_true")
    args = parser.parse_args()
    lupdate(TS)
    if args.fill:
        print("filled", fill(TS, json.loads(args.fill.read_text(encoding="utf-8"))))
        # lupdate again, so the file is always in lupdate's own form (it escapes quotes that
        # ElementTree leaves bare) and a later run changes no line that did not change.
        lupdate(TS)
    missing = unfinished(TS)
    if args.missing:
        for context, source in missing:
            print(json.dumps({"context": context, "source": source}, ensure_ascii=False))
    lrelease(TS, QM)
    print(f"{TS.name}: {len(missing)} unfinished")
    print(f"{EN_TS.name}: {english_plurals(EN_TS)} plural messages")
    lrelease(EN_TS, EN_QM)


if __name__ == "__main__":
    main()
