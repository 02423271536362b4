"""Names of customers or employees by id, read in one go for a report or a computation.

Why its own module: the aging report and the commission facts both need the names of the
records they hold, and joining the name to every row (thousands) costs more than reading it
once per record afterwards.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

#: More ids than this: one scan of every name beats thousands of lookups.
SCAN_FROM = 5000
#: Ids per ``IN (…)`` (under SQLite's bound-parameter limit).
CHUNK = 900


def names_by_id(s: Session, model: Any, ids: Iterable[Any]) -> dict[Any, str]:
    """``{id: name}`` of ``model`` (a table with ``id`` and ``name``) for ``ids`` (None
    skipped): a scan of the names when they are many, else lookups in chunks."""
    wanted = [i for i in ids if i is not None]
    conn = s.connection()
    if len(wanted) > SCAN_FROM:
        return {i: name for i, name in conn.execute(select(model.id, model.name))}
    named: dict[Any, str] = {}
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        named.update(conn.execute(select(model.id, model.name).where(model.id.in_(chunk))).all())
    return named
