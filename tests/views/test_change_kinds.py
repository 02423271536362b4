"""Every kind of change a service emits refreshes some page, and every kind a page waits for is
emitted by someone: a stale screen (the dashboard's staff count after adding an employee) or a
page waiting for nothing is a failing test, not a surprise for the clerk."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

import desktop
from desktop.services.changes import Changes, Kind

ROOT = Path(desktop.__file__).parent


def emitted_kinds() -> dict[Kind, list[str]]:
    """Each ``Kind.X`` named in the services and views (outside the enum itself) and where."""
    found: dict[Kind, list[str]] = {}
    for folder in ("services", "views"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path.name == "changes.py":
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if not (isinstance(node, ast.Call) and _is_changes_of(node.func)):
                    continue
                for sub in ast.walk(node):
                    if (
                        isinstance(sub, ast.Attribute)
                        and isinstance(sub.value, ast.Name)
                        and sub.value.id == "Kind"
                    ):
                        found.setdefault(Kind[sub.attr], []).append(
                            str(path.relative_to(ROOT.parent))
                        )
    # The imports' kinds are looked up in a table rather than spelled at the call.
    from desktop.services.imports import CHANGE_KINDS

    for kinds in CHANGE_KINDS.values():
        for kind in kinds:
            found.setdefault(kind, []).append("desktop/services/imports/run.py")
    return found


def _is_changes_of(func: ast.expr) -> bool:
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "of"
        and isinstance(func.value, ast.Name)
        and func.value.id == "Changes"
    )


def watched_kinds() -> dict[Kind, list[str]]:
    """The kinds each page of the window watches."""
    from desktop.views.main_window import MainWindow
    from desktop.views.pages.base import Page

    for info in pkgutil.walk_packages([str(ROOT / "views")], "desktop.views."):
        importlib.import_module(info.name)
    pages: list[type] = []
    stack = list(Page.__subclasses__())
    while stack:
        cls = stack.pop()
        pages.append(cls)
        stack.extend(cls.__subclasses__())
    found: dict[Kind, list[str]] = {}
    for cls in pages:
        for kind in cls.watches:
            found.setdefault(kind, []).append(cls.__name__)
    for kind in MainWindow.watches:
        found.setdefault(kind, []).append("MainWindow")
    return found


def test_every_emitted_kind_is_watched_by_a_page() -> None:
    emitted, watched = emitted_kinds(), watched_kinds()
    unwatched = {k: where for k, where in emitted.items() if k not in watched}
    assert not unwatched, f"kinds no page refreshes on: {unwatched}"


def test_every_watched_kind_is_emitted_by_a_use_case() -> None:
    emitted, watched = emitted_kinds(), watched_kinds()
    idle = {k: pages for k, pages in watched.items() if k not in emitted}
    assert not idle, f"pages waiting for kinds nobody emits: {idle}"


def test_a_kind_that_is_not_in_the_enum_is_refused_where_it_is_made() -> None:
    with pytest.raises(ValueError):
        Changes.of("employee")  # type: ignore[arg-type]


def test_ids_are_kept_per_kind_and_merged() -> None:
    a = Changes.of(Kind.EMPLOYEES, ids={1, 2})
    b = Changes.of(Kind.DEPARTMENTS, Kind.EMPLOYEES, ids={7})
    both = a | b
    assert both.kinds == {Kind.EMPLOYEES, Kind.DEPARTMENTS}
    assert both.ids_of(Kind.EMPLOYEES) == {1, 2}
    assert both.ids_of(Kind.DEPARTMENTS) == {7}
    assert both.ids == {1, 2, 7}
    assert both.touches(frozenset({Kind.DEPARTMENTS}))
    assert not both.touches(frozenset({Kind.ORDERS}))
    assert Changes.of(Kind.ALL).touches(frozenset({Kind.ORDERS}))
