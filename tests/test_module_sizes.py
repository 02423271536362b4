"""No module in desktop/ over 900 lines, migrations aside (issue 12): a module that long holds
more than one thing, and its name no longer says what is in it — split it by what it holds."""

from __future__ import annotations

from pathlib import Path

LIMIT = 900
DESKTOP = Path(__file__).resolve().parent.parent / "desktop"


def oversized(root: Path, limit: int = LIMIT) -> list[str]:
    """``path: N lines`` for every .py under ``root`` (migrations aside) longer than ``limit``."""
    out = []
    for path in sorted(root.rglob("*.py")):
        if "migrations" in path.relative_to(root).parts:
            continue
        count = len(path.read_text(encoding="utf-8").splitlines())
        if count > limit:
            out.append(f"{path.relative_to(root.parent).as_posix()}: {count} lines")
    return out


def test_no_module_in_desktop_is_over_900_lines() -> None:
    too_long = oversized(DESKTOP)
    assert not too_long, f"over {LIMIT} lines (split by what they hold): " + "; ".join(too_long)


def test_the_check_names_a_long_module_and_its_count_but_not_a_migration(tmp_path: Path) -> None:
    root = tmp_path / "desktop"
    (root / "services").mkdir(parents=True)
    (root / "storage" / "migrations" / "versions").mkdir(parents=True)
    (root / "services" / "long.py").write_text("x = 1\n" * 901, encoding="utf-8")
    (root / "services" / "fits.py").write_text("x = 1\n" * 900, encoding="utf-8")
    (root / "storage" / "migrations" / "versions" / "big.py").write_text(
        "x = 1\n" * 2000, encoding="utf-8"
    )
    assert oversized(root) == ["desktop/services/long.py: 901 lines"]
