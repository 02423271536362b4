"""Shared pieces of the paged list queries behind every table: bounds, filters, sort, search.

Why: the Qt table models ask for one page at a time (offset, limit) with the user's search,
sort column and filters; every list service checks those the same way and answers a wrong key
with a clear error instead of silently ignoring it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any, Protocol

from sqlalchemy import ColumnElement, Select
from sqlalchemy.orm import Session

from desktop.errors import QT_TRANSLATE_NOOP, ValidationError
from desktop.models import audit
from desktop.models.types import Money
from desktop.services.validation import search_text

#: The largest page a caller may ask for; exports read in pages of this size.
MAX_LIMIT = 10_000


def check_page(offset: int, limit: int) -> None:
    if offset < 0 or not 0 < limit <= MAX_LIMIT:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "Invalid page: offset {offset}, limit {limit}."),
            offset=offset,
            limit=limit,
        )


def check_filters(filters: Mapping[str, Any] | None, allowed: Iterable[str]) -> dict[str, Any]:
    """The filters as a dict, with None values dropped; an unknown key is an error."""
    known = frozenset(allowed)
    clean = {k: v for k, v in (filters or {}).items() if v is not None}
    unknown = sorted(k for k in clean if k not in known)
    if unknown:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "Unknown filter {name}; known filters: {known}."),
            field="filters",
            name=unknown[0],
            known=", ".join(sorted(known)),
        )
    return clean


def sort_key(sort: str | None, columns: Mapping[str, Any], default: str) -> str:
    key = sort or default
    if key not in columns:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "Cannot sort by {name}; possible: {known}."),
            field="sort",
            name=key,
            known=", ".join(columns),
        )
    return key


def dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def contains(session: Session, column: Any, term: str) -> ColumnElement[bool]:
    """``column`` contains ``term``, ignoring ASCII case (SQLite's LIKE does; PostgreSQL's
    ILIKE does too)."""
    pattern = f"%{escape_like(search_text(term))}%"
    if dialect(session) == "postgresql":
        return column.ilike(pattern, escape="\\")
    return column.like(pattern, escape="\\")


def starts_with(session: Session, column: Any, term: str) -> ColumnElement[bool]:
    pattern = f"{escape_like(search_text(term))}%"
    if dialect(session) == "postgresql":
        return column.ilike(pattern, escape="\\")
    return column.like(pattern, escape="\\")


def order_for_scan(session: Session, column: Any, *, searching: bool) -> Any:
    """The ORDER BY expression for ``column``.

    Why: while a search is active, SQLite would walk the sort column's index and look up every
    row to test the LIKE (≈30 ms on 50,000 customers); ordering by an expression instead makes
    it scan the table once and keep the top matches (≈7 ms). Without a search the index is the
    fast path, so the plain column is kept. Numbers get ``+ 0``; text and dates (ISO text in
    SQLite) get ``|| ''``, which keeps their order.
    """
    if not searching or dialect(session) != "sqlite":
        return column
    if _is_number(column):
        return column + 0
    return column.op("||")("")


def direction(session: Session, column: Any, descending: bool) -> Any:
    """``column`` ascending or descending with empty values where SQLite puts them (first when
    ascending, last when descending), so a list sorts the same on a PostgreSQL server, whose
    default is the opposite. SQLite keeps the plain form so its indexes still serve the sort."""
    ordered = column.desc() if descending else column.asc()
    if dialect(session) == "sqlite":
        return ordered
    return ordered.nulls_last() if descending else ordered.nulls_first()


def _is_number(column: Any) -> bool:
    if isinstance(column.type, Money):
        return True
    try:
        return column.type.python_type in (int, bool, Decimal)
    except NotImplementedError:
        return False


# --------------------------------------------------------------------------- exports


class RowSink(Protocol):
    """Where an export's rows go as they are read (the exports service writes a file)."""

    def start(self, total: int) -> None:
        """Called once, before any row, with how many will come; may refuse by raising."""

    def write(self, rows: Sequence[Any]) -> None:
        """Take the next rows."""

    def finish(self) -> dict[str, Any]:
        """Called after the last row; returns what the export's audit event should add."""


class _Collect:
    def __init__(self) -> None:
        self.rows: list[Any] = []

    def start(self, total: int) -> None:
        pass

    def write(self, rows: Sequence[Any]) -> None:
        self.rows.extend(rows)

    def finish(self) -> dict[str, Any]:
        return {}


def stream(
    session: Session, query: Select[Any], make: Callable[..., Any], size: int = 2000
) -> Iterator[list[Any]]:
    """The rows of ``query`` as DTOs, ``size`` at a time, from one cursor (no offset paging
    over a million waybills, and never all of them in memory)."""
    result = session.execute(query.execution_options(yield_per=size))
    for part in result.partitions():
        yield [make(*r) for r in part]


def export_rows(
    session: Session,
    entity: str,
    total: int,
    pages: Iterable[Sequence[Any]],
    sink: RowSink | None,
    *,
    search: str = "",
    filters: Mapping[str, Any] | None = None,
    rows: int | None = None,
) -> list[Any]:
    """Hand an export's rows to ``sink`` page by page (or collect and return them), then
    record the export in the audit log in the caller's unit of work: the read and its record
    commit together, and an export the sink refuses leaves nothing behind.

    ``rows`` is the number to record when the pages do not hold one row each (a report).
    """
    collect = _Collect()
    target = sink if sink is not None else collect
    target.start(total)
    written = 0
    for page in pages:
        target.write(page)
        written += len(page)
    detail = target.finish()
    audit.record(
        session,
        "export",
        entity,
        "",
        {
            "rows": written if rows is None else rows,
            "search": search,
            "filters": {k: str(v) for k, v in (filters or {}).items()},
            **detail,
        },
    )
    return collect.rows
