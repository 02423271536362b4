"""One listing spec per listed entity, and the list, count and export that every table uses.

Why: the tables page through staff, customers, waybills, invoices, payments, follow-ups,
departure cases, commission lines and the audit log with the same kind of search, sort and
filters. A :class:`ListingSpec` says once what an entity's list is — base query, scope, sort
columns, filters with their value checks, search columns, row mapper — and
:func:`list_rows`, :func:`count_rows` and :func:`export_rows` all read it, so a page, the
count above it and the exported file apply the same scope and the same conditions, and a
wrong sort key, filter name or filter value is refused the same way everywhere.

The public ``list_*``/``count_*``/``export_*`` functions of each capability are thin wrappers
over these three, with the signatures the screens and the command line already use.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session

from desktop.errors import QT_TRANSLATE_NOOP, ValidationError
from desktop.models.staff import Employee
from desktop.models.types import from_fen
from desktop.services import paging
from desktop.services.context import ServiceContext
from desktop.services.permissions import Action
from desktop.services.validation import search_text

R = TypeVar("R")

#: Rows of a two-step list (:attr:`ListingSpec.rows_by_key`) are built this many keys at a time
#: while exporting.
EXPORT_CHUNK = 500


@dataclass(frozen=True)
class Env:
    """What a spec's hooks may look at: who asks, the open unit of work, the list's day
    (``as_of`` or today), the checked filters, and whether the rows go to an export."""

    ctx: ServiceContext
    s: Session
    day: date
    filters: Mapping[str, Any]
    export: bool = False


# --------------------------------------------------------------------------- search


@dataclass(frozen=True)
class Match:
    """A search column, matched anywhere in the text or, with ``prefix``, from its start
    (which an index serves); ``upper`` matches the upper-cased term (codes kept in capitals)."""

    column: Any
    prefix: bool = False
    upper: bool = False

    def clause(self, s: Session, term: str) -> ColumnElement[bool]:
        term = term.upper() if self.upper else term
        if self.prefix:
            return paging.starts_with(s, self.column, term)
        return paging.contains(s, self.column, term)


@dataclass(frozen=True)
class Via:
    """Search columns of a related table: the rows whose ``key`` is the ``id`` of a related
    row that matches (a waybill found by its customer's name)."""

    key: Any
    id: Any
    matches: tuple[Match, ...]

    def clause(self, s: Session, term: str) -> ColumnElement[bool]:
        return self.key.in_(select(self.id).where(or_(*(m.clause(s, term) for m in self.matches))))


@dataclass(frozen=True)
class Search:
    """What a list's search box looks in: the whole text in any of ``columns``, or, with
    ``every_word``, each space-separated word in one of them (follow-up notes)."""

    columns: tuple[Match | Via, ...]
    every_word: bool = False
    #: An index that answers exactly what the columns' conditions answer, faster (the
    #: customers' search text, services/search_index.py), or None when it cannot serve this
    #: text (or this database): the conditions on the columns are used then.
    index: Callable[[Session, str], ColumnElement[bool] | None] | None = None
    #: For a page of rows: the same answer tested row by row while walking the sort order's
    #: index, or None. Used when the text is short or common (the first page is then found
    #: after a few rows), where collecting every match first and sorting them costs more.
    #: Its third argument is the page's sort column (None when the sort is an expression,
    #: which no index serves).
    walk: Callable[[Session, str, Any], ColumnElement[bool] | None] | None = None

    def clause(self, s: Session, text: str) -> ColumnElement[bool] | None:
        text = text.strip()
        if not text:
            return None
        if not self.every_word:
            indexed = self.index(s, search_text(text)) if self.index is not None else None
            if indexed is not None:
                return indexed
            return or_(*(c.clause(s, text) for c in self.columns))
        words = search_text(text).split()
        if not words:
            return None
        return and_(*(or_(*(c.clause(s, w) for c in self.columns)) for w in words))


# --------------------------------------------------------------------------- filters

MSG_FILTER_ID = QT_TRANSLATE_NOOP("Errors", "Filter {name} takes a record number, not {value}.")
MSG_FILTER_FLAG = QT_TRANSLATE_NOOP("Errors", "Filter {name} takes yes or no, not {value}.")
MSG_FILTER_DATE = QT_TRANSLATE_NOOP(
    "Errors", "Filter {name} takes a date (YYYY-MM-DD), not {value}."
)
MSG_FILTER_TEXT = QT_TRANSLATE_NOOP("Errors", "Filter {name} takes a text, not {value}.")
MSG_FILTER_CHOICE = QT_TRANSLATE_NOOP(
    "Errors", "Filter {name} cannot be {value}; possible: {known}."
)


def _refuse(template: str, name: str, value: Any, **more: Any) -> ValidationError:
    shown = repr(value) if not isinstance(value, str) else value
    return ValidationError(template, field="filters", name=name, value=shown[:60], **more)


def check_id(name: str, value: Any) -> int:
    """A record id: a whole number, not a flag or a text that looks like one."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise _refuse(MSG_FILTER_ID, name, value)
    return value


def check_flag(name: str, value: Any) -> bool:
    """True or False (1 and 0 too: a check box's state)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    raise _refuse(MSG_FILTER_FLAG, name, value)


def check_day(name: str, value: Any) -> date:
    """A calendar date, or its ISO text; a date with a time would compare wrongly."""
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise _refuse(MSG_FILTER_DATE, name, value) from None
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    raise _refuse(MSG_FILTER_DATE, name, value)


def check_text(name: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _refuse(MSG_FILTER_TEXT, name, value)
    return value.strip()


def one_of(values: Sequence[str]) -> Callable[[str, Any], str]:
    """A checker for one of ``values`` (a status, a kind)."""

    def check(name: str, value: Any) -> str:
        if not isinstance(value, str) or value not in values:
            raise _refuse(MSG_FILTER_CHOICE, name, value, known=", ".join(values))
        return value

    return check


def some_of(values: Sequence[str]) -> Callable[[str, Any], list[str]]:
    """A checker for one of ``values`` or a non-empty list of them."""
    single = one_of(values)

    def check(name: str, value: Any) -> list[str]:
        if isinstance(value, str):
            return [single(name, value)]
        if not isinstance(value, list | tuple | set | frozenset) or not value:
            raise _refuse(MSG_FILTER_CHOICE, name, value, known=", ".join(values))
        return [single(name, v) for v in value]

    return check


@dataclass(frozen=True)
class Filter:
    """One filter of a list: ``check`` turns the caller's value into a clean one or refuses
    it; ``where`` makes the condition from the clean value (None: no condition, e.g. an
    "only …" flag left off)."""

    check: Callable[[str, Any], Any]
    where: Callable[[Env, Any], Any]


def equals(column: Any, check: Callable[[str, Any], Any] = check_id) -> Filter:
    return Filter(check, lambda env, v: column == v)


def among(column: Any, values: Sequence[str]) -> Filter:
    """The column holds one of the values given (one or a list)."""
    return Filter(some_of(values), lambda env, v: column.in_(v))


def since(column: Any) -> Filter:
    return Filter(check_day, lambda env, v: column >= v)


def until(column: Any) -> Filter:
    return Filter(check_day, lambda env, v: column <= v)


def only(condition: Callable[[Env], Any]) -> Filter:
    """A flag: True keeps the rows that meet ``condition``; False adds nothing."""
    return Filter(check_flag, lambda env, v: condition(env) if v else None)


def flag(column: Any) -> Filter:
    """A yes/no column: True keeps the rows where it is set, False those where it is not."""
    return Filter(check_flag, lambda env, v: column.is_(v))


def in_branch(person: Any) -> Filter:
    """``person`` (an employee id column) works in the branch given."""
    return Filter(
        check_id, lambda env, v: person.in_(select(Employee.id).where(Employee.branch_id == v))
    )


# --------------------------------------------------------------------------- the spec


@dataclass(frozen=True)
class OnDay:
    """A sort column that depends on the list's day (the owner today, customers owned today)."""

    column: Callable[[date], Any]


@dataclass(frozen=True)
class ListingSpec(Generic[R]):
    """What one entity's list is.

    One-step lists select their columns with ``query`` and map each result row with ``row``.
    Two-step lists (``rows_by_key``) page over the keys alone, sorted and filtered on the
    entity's table, and build the page's rows from those keys (customers with today's owner,
    cases with their item counts): the sort columns must then be on the table itself or
    correlated subqueries.

    Every condition (scope, filters, search) must name only ``table``'s columns, or
    subqueries: the count reads ``table`` alone.
    """

    #: The name the export's audit event carries ("order", "customer"...).
    entity: str
    #: The mapped class the list counts.
    table: Any
    #: Its primary key: the last sort key, so that every order is total and pages never
    #: overlap.
    key: Any
    #: The action that lets a user see the list.
    view: Action
    #: Sort key -> column (or :class:`OnDay`); ``default_sort`` is used when none is asked.
    sorts: Mapping[str, Any]
    default_sort: str
    #: Filter name -> :class:`Filter`.
    filters: Mapping[str, Filter] = field(default_factory=dict)
    query: Callable[[Env], Select[Any]] | None = None
    row: Callable[[Env, Any], R] | None = None
    rows_by_key: Callable[[Env, list[Any]], list[R]] | None = None
    #: The rows the actor may see (None: all).
    scope: Callable[[Env], Any] | None = None
    #: None: the list has no search; a search text is ignored.
    search: Search | None = None
    #: Without a sort key asked, the default sort runs newest first (and ``descending``
    #: turns it round).
    newest_first: bool = False
    #: While searching on SQLite, sort by an expression so the table is scanned once
    #: (:func:`paging.order_for_scan`); for large tables whose search is not selective.
    scan_when_searching: bool = False
    #: The list depends on a day (``as_of``), which an export records with its filters.
    dated: bool = False
    #: Name -> an integer-fen expression over ``table`` (its columns or correlated
    #: subqueries) whose sum over the whole filtered list :func:`total_rows` returns: the
    #: totals row of a money list.
    totals: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.default_sort not in self.sorts:
            raise ValueError(f"{self.entity}: default sort {self.default_sort} is not a sort key")
        one_step = self.query is not None and self.row is not None
        if one_step == (self.rows_by_key is not None):
            raise ValueError(f"{self.entity}: give query and row, or rows_by_key")


# --------------------------------------------------------------------------- the machinery


def _clean(spec: ListingSpec[Any], filters: Mapping[str, Any] | None) -> dict[str, Any]:
    clean = paging.check_filters(filters, spec.filters)
    return {name: spec.filters[name].check(name, value) for name, value in clean.items()}


def _env(
    ctx: ServiceContext,
    s: Session,
    spec: ListingSpec[Any],
    filters: Mapping[str, Any] | None,
    as_of: date | None,
    export: bool = False,
) -> Env:
    return Env(ctx, s, as_of or ctx.today(), _clean(spec, filters), export)


def _walk(
    env: Env, spec: ListingSpec[Any], search: str, sort: str | None
) -> ColumnElement[bool] | None:
    """The search's row-by-row form for a page (:attr:`Search.walk`), or None."""
    if spec.search is None or spec.search.walk is None or not search.strip():
        return None
    column = spec.sorts[paging.sort_key(sort, spec.sorts, spec.default_sort)]
    by = None if isinstance(column, OnDay) else column
    return spec.search.walk(env.s, search_text(search), by)


def _where(
    env: Env, spec: ListingSpec[Any], search: str, walk: ColumnElement[bool] | None = None
) -> list[Any]:
    where: list[Any] = []
    if spec.search is not None:
        # First: SQLite tests the terms in order, and the LIKE is the cheap, selective one.
        found = walk if walk is not None else spec.search.clause(env.s, search)
        if found is not None:
            where.append(found)
    if spec.scope is not None:
        own = spec.scope(env)
        if own is not None:
            where.append(own)
    for name, value in env.filters.items():
        condition = spec.filters[name].where(env, value)
        if condition is not None:
            where.append(condition)
    return where


def _ordered(
    env: Env,
    spec: ListingSpec[Any],
    where: list[Any],
    search: str,
    sort: str | None,
    descending: bool,
) -> Select[Any]:
    key = paging.sort_key(sort, spec.sorts, spec.default_sort)
    if sort is None and spec.newest_first:
        descending = not descending
    column = spec.sorts[key]
    if isinstance(column, OnDay):
        column = column.column(env.day)
    if spec.scan_when_searching and spec.search is not None:
        column = paging.order_for_scan(env.s, column, searching=bool(search.strip()))
    query = spec.query(env) if spec.query is not None else select(spec.key)
    return query.where(*where).order_by(
        paging.direction(env.s, column, descending),
        spec.key.desc() if descending else spec.key,
    )


def _fetch(env: Env, spec: ListingSpec[R], query: Select[Any]) -> list[R]:
    if spec.rows_by_key is not None:
        return spec.rows_by_key(env, list(env.s.scalars(query)))
    assert spec.row is not None
    return [spec.row(env, r) for r in env.s.execute(query)]


def _count(env: Env, spec: ListingSpec[Any], where: list[Any]) -> int:
    return env.s.scalar(select(func.count()).select_from(spec.table).where(*where)) or 0


def rows_in(
    ctx: ServiceContext,
    s: Session,
    spec: ListingSpec[R],
    offset: int,
    limit: int,
    search: str = "",
    sort: str | None = None,
    descending: bool = False,
    filters: Mapping[str, Any] | None = None,
    *,
    as_of: date | None = None,
) -> list[R]:
    """:func:`list_rows` inside an open unit of work (another service's detail view)."""
    paging.check_page(offset, limit)
    env = _env(ctx, s, spec, filters, as_of)
    walk = _walk(env, spec, search, sort)
    where = _where(env, spec, search, walk)
    # A walk follows the sort column's index: no scan-ordering for it.
    query = _ordered(env, spec, where, "" if walk is not None else search, sort, descending)
    return _fetch(env, spec, query.offset(offset).limit(limit))


def list_rows(
    ctx: ServiceContext,
    spec: ListingSpec[R],
    offset: int,
    limit: int,
    search: str = "",
    sort: str | None = None,
    descending: bool = False,
    filters: Mapping[str, Any] | None = None,
    *,
    as_of: date | None = None,
) -> list[R]:
    """A page of ``spec``'s list as the actor may see it, in a read that never waits for a
    writer. An unknown sort key, filter name or filter value is a :class:`ValidationError`."""
    ctx.require(spec.view)
    with ctx.read() as s:
        return rows_in(ctx, s, spec, offset, limit, search, sort, descending, filters, as_of=as_of)


def count_rows(
    ctx: ServiceContext,
    spec: ListingSpec[Any],
    search: str = "",
    filters: Mapping[str, Any] | None = None,
    *,
    as_of: date | None = None,
) -> int:
    """How many rows :func:`list_rows` has with the same search and filters."""
    ctx.require(spec.view)
    with ctx.read() as s:
        env = _env(ctx, s, spec, filters, as_of)
        return _count(env, spec, _where(env, spec, search))


def _pages(env: Env, spec: ListingSpec[R], query: Select[Any]) -> Iterator[list[R]]:
    if spec.rows_by_key is None:
        row = spec.row
        assert row is not None
        yield from paging.stream(env.s, query, lambda *r: row(env, r))
        return
    offset = 0
    while True:
        keys = list(env.s.scalars(query.offset(offset).limit(paging.MAX_LIMIT)))
        for start in range(0, len(keys), EXPORT_CHUNK):
            yield spec.rows_by_key(env, keys[start : start + EXPORT_CHUNK])
        offset += len(keys)
        if len(keys) < paging.MAX_LIMIT:
            break


def export_rows(
    ctx: ServiceContext,
    spec: ListingSpec[R],
    search: str = "",
    filters: Mapping[str, Any] | None = None,
    sort: str | None = None,
    sink: paging.RowSink | None = None,
    *,
    as_of: date | None = None,
) -> list[R]:
    """Every row of ``spec``'s list the actor may export, in the list's order, recording the
    export in the audit log in the same unit of work; with a ``sink`` the rows stream to it
    (which may refuse the export on its size) and the list returned is empty."""
    ctx.require(spec.view)
    ctx.require(Action.EXPORT)
    with ctx.transaction() as s:
        env = _env(ctx, s, spec, filters, as_of, export=True)
        where = _where(env, spec, search)
        total = _count(env, spec, where)
        query = _ordered(env, spec, where, search, sort, False)
        recorded = {**(filters or {}), "as_of": env.day} if spec.dated else filters
        return paging.export_rows(
            s,
            spec.entity,
            total,
            _pages(env, spec, query),
            sink,
            search=search if spec.search is not None else "",
            filters=recorded,
        )


def total_rows(
    ctx: ServiceContext,
    spec: ListingSpec[Any],
    search: str = "",
    filters: Mapping[str, Any] | None = None,
    *,
    as_of: date | None = None,
) -> dict[str, Decimal]:
    """The sums of ``spec.totals`` over every row :func:`list_rows` has with the same search
    and filters (not only the page loaded), exact to the fen, in one SQL query.

    Why in SQL: a money list pages 200 rows at a time, and a total of what is on screen
    would silently be the total of a page."""
    ctx.require(spec.view)
    if not spec.totals:
        raise ValueError(f"{spec.entity}: the list has no totals")
    names = list(spec.totals)
    with ctx.read() as s:
        env = _env(ctx, s, spec, filters, as_of)
        sums = [func.coalesce(func.sum(spec.totals[n]), 0) for n in names]
        row = s.execute(
            select(*sums).select_from(spec.table).where(*_where(env, spec, search))
        ).one()
    return {n: from_fen(v) for n, v in zip(names, row, strict=True)}
