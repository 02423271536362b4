"""The plan a kind's planner fills, and the helpers every planner and inserter shares
(reference look-ups, duplicate checks, choice parsers, batched inserts).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from desktop.errors import QT_TRANSLATE_NOOP
from desktop.models import pinyin
from desktop.services.imports.rows import RowError, RowReader
from desktop.services.tabular import CellError, as_text, is_blank

BATCH = 5000
# Values per ``IN (…)`` lookup (SQLite's historic limit is 999 parameters).
LOOKUP_CHUNK = 900


def _choice(table: dict[str, str], template: str) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        key = as_text(value).lower()
        if key in table:
            return table[key]
        raise CellError(template)

    return parse


@dataclass
class Plan:
    """Validated rows ready to insert, plus what the file needs created."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    will_create: Counter[str] = field(default_factory=Counter)
    extra: dict[str, Any] = field(default_factory=dict)


def _duplicate(
    reader: RowReader, name: str, seen: dict[str, int], value: str, existing: bool
) -> bool:
    if existing:
        reader.fail(name, QT_TRANSLATE_NOOP("Errors", "already in the database"))
        return True
    if value in seen:
        reader.fail(
            name,
            QT_TRANSLATE_NOOP("Errors", "duplicate of row {other} in this file"),
            other=seen[value],
        )
        return True
    seen[value] = reader.row
    return False


def _mapped(readers: Iterable[RowReader]) -> set[str]:
    """The fields the file has columns for: only these are changed when a row updates a record
    already in the vault (a column the file lacks leaves its value alone)."""
    headers = getattr(readers, "headers", None)
    return set(headers) if headers is not None else set()


def _differs(current: dict[str, Any], row: dict[str, Any], fields: Iterable[str]) -> list[str]:
    """The fields whose value in the file is not the one the record holds. A blank cell
    changes nothing: a re-import never empties a field the vault has filled."""
    return sorted(
        f for f in fields if f in current and row.get(f) is not None and row[f] != current[f]
    )


Finder = Callable[[str], tuple[int | None, tuple[str, dict[str, Any]] | None]]


def _resolve(reader: RowReader, name: str, finder: Finder, required: bool) -> int | None:
    """Turn a reference cell (number/code or unique name) into an id, or record why not."""
    text = reader.text(name, required=required)
    if text is None:
        return None
    found, problem = finder(text)
    if problem is not None:
        reader.fail(name, problem[0], **problem[1])
    return found


def _cells(readers: Iterable[RowReader], name: str) -> Iterator[str]:
    """The non-blank cells of one field as text (a first pass, which records no errors)."""
    for r in readers:
        value = r.raw(name)
        if not is_blank(value):
            yield as_text(value)


def _present(session: Session, key: Any, value: Any, wanted: Iterable[str]) -> dict[Any, Any]:
    """``{key: value}`` for the rows whose ``key`` is one of ``wanted``, looked up by its index
    a chunk at a time, rather than loading every number the table holds (a million waybills
    in the large dataset)."""
    keys = list(dict.fromkeys(wanted))
    found: dict[Any, Any] = {}
    for start in range(0, len(keys), LOOKUP_CHUNK):
        chunk = keys[start : start + LOOKUP_CHUNK]
        found.update(tuple(r) for r in session.execute(select(key, value).where(key.in_(chunk))))
    return found


def _bulk(session: Session, model: type, rows: Iterable[dict[str, Any]]) -> None:
    """Insert in batches; ``rows`` may be a generator, so only one batch is built at a time."""
    conn = session.connection()
    it = iter(rows)
    if model in pinyin.MODELS:  # the name's pinyin columns, as an ORM write sets them
        it = ({**row, **pinyin.columns(row["name"])} for row in it)
    while chunk := list(islice(it, BATCH)):
        conn.execute(insert(model), chunk)


def _will_update(plan: Plan, row: int, key: str, changed: Iterable[str]) -> None:
    """Count a row that updates a record, and say what it changes (the re-import preview)."""
    plan.extra["updated"] = plan.extra.get("updated", 0) + 1
    fields = tuple(f.removesuffix("_id") for f in changed)  # the file's field names
    plan.extra.setdefault("updates", []).append((row, key, fields))
