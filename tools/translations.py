"""Keep ``resources/translations/baton_zh_CN.ts`` in step with the code, and compile the .qm.

    python tools/translations.py            # lupdate (keeps translations) + lrelease
    python tools/translations.py --fill F   # also fill unfinished entries from JSON {source: zh}
    python tools/translations.py --missing  # print sources still without a translation

The test suite checks that the .ts holds every string of the code, each translated, and that
the shipped .qm is the compiled .ts.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "baton_zh_CN.ts"
QM = TS.with_suffix(".qm")


def tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).parent / name)
    return found


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "desktop").rglob("*.py"))


def lupdate(ts: Path) -> None:
    subprocess.run(
        [
            tool("pyside6-lupdate"),
            *sources(),
            "-no-obsolete",
            "-locations",
            "none",
            "-source-language",
            "en",
            "-target-language",
            "zh_CN",
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
                or not (translation.text or "").strip()
            ):
                out.append((name, message.findtext("source") or ""))
    return out


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
            unfinished = translation.get("type") == "unfinished" or not translation.text
            if qualified in table or (unfinished and source in table):
                translation.text = table.get(qualified, table.get(source))
                translation.attrib.pop("type", None)
                filled += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return filled


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


if __name__ == "__main__":
    main()
