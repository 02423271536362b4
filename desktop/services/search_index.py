"""The customers' search index: the customers whose search text holds what was typed.

Why: a search box that matches anywhere (``LIKE '%顺达%'``) in eight columns and every
contact reads all of them for every keystroke; on 50,000 customers and their contacts that
was the slowest thing a keystroke did. On SQLite the vault keeps one search text per
customer (migration 0010: the view ``customer_search_doc``, copied into ``customer_fts`` by
triggers on ``customer`` and ``contact``): code, name, credit code, region, industry, the
name's pinyin and initials, and the contacts' names and phones, each after a unit separator
(so no match spans two fields), with ASCII letters in lower case as SQLite's LIKE compares
them, and two more separators at the end (migration 0017). "The text holds the typed text,
ASCII case aside" is then exactly "one of the columns or contacts contains it", the LIKE
search's answer:

- three characters or more: the FTS5 trigram index finds the candidates;
- one or two (no trigram of their own): every place a text holds them starts a trigram (they
  and the one or two characters after them, a separator at the end), so the candidates are
  the customers holding one of the trigrams that start with them: a range of the index's
  vocabulary (``customer_fts_vocab``, fts5vocab), looked up as one OR of those trigrams. Only
  for a text that is ASCII or caseless (Chinese, digits): FTS5 also folds "É" to "é", so its
  trigrams would not start with "É";
- either way FTS5 folds case beyond ASCII (the Kelvin sign is a "k" to it), so ``instr`` on
  each candidate's text keeps the answer exactly LIKE's;
- a page, sorted by a column an index follows (code, name, region), of a text that is not
  rare comes from walking that index (:func:`customers_walk`) instead of collecting the
  finds and sorting them: a text found in :data:`RARE` to :data:`COMMON` customers tests only
  the customers among the finds (a Bloom filter, no lookups scattered over the wide customer
  rows: what a cold page cache needs), a common one (or a short one the index cannot answer)
  tests each customer's text, so "上" or "有限公司" fill the first page after a few hundred
  rows; the count of such a short text scans the compact texts (``customer_fts_content``,
  the FTS5 table's own copy) with ``instr``.

On PostgreSQL the pg_trgm indexes of migration 0010 serve the column conditions themselves.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Column,
    ColumnElement,
    Select,
    and_,
    bindparam,
    column,
    false,
    func,
    literal_column,
    select,
    table,
)
from sqlalchemy.orm import Session

from desktop.models.customers import Customer
from desktop.services import paging

#: The shortest text the trigram index can answer.
MIN_INDEXED = 3
#: Separates the fields of a search text (never part of a search).
SEPARATOR = "\x1f"

#: The FTS5 table (and the prefix of its shadow tables and of its vocabulary): a vault's own,
#: never copied to a server.
FTS_TABLE = "customer_fts"
_FTS = table(FTS_TABLE, column("rowid"), column("doc"))
_CONTENT = table("customer_fts_content", column("id"), column("c0"))
#: The index's trigrams, each with the number of customers whose text holds it (migration 0017).
_VOCAB = table("customer_fts_vocab", column("term"), column("doc"))


def phrase(text: str) -> str:
    """``text`` as one FTS5 phrase: taken literally, quotes doubled (no query syntax)."""
    return '"' + text.replace('"', '""') + '"'


def folded(text: str) -> str:
    """``text`` with ASCII letters in lower case, as LIKE (and SQLite's lower()) fold them."""
    return "".join(ch.lower() if ch.isascii() else ch for ch in text)


#: Below this many customers found, the index's finds are collected and sorted for a page:
#: a few hundred lookups scattered over the customer table. From this many, the page walks
#: the sort order's index instead and looks up only the customers among the finds (the
#: "membership walk"): on the large firm with a cold page cache (the first searches of a
#: session) 3 to 7 ms whatever the number found, where the lookups cost about 30 ms per
#: 1,000 found (each reads and decrypts another page).
RARE = 150
#: A text of three characters or more that the index finds in at least this many customers
#: (a quarter of the large firm) is common: the page walks the sort order testing each
#: customer's text, and is full after a few hundred, without collecting the finds first.
COMMON = 12_000
#: A text of one or two characters is common from this many (summed over the trigrams that
#: start with it, so a customer may count more than once): its finds come from an OR of those
#: trigrams, which costs about three times as much per customer found.
COMMON_SHORT = 2000
#: A short text that starts more trigrams than this is taken as common too (its query would be
#: one long OR).
MOST_TRIGRAMS = 300


def _folds_as_like(text: str) -> bool:
    """Whether FTS5's case folding of ``text`` is LIKE's (ASCII letters only): each character
    is ASCII or has no case at all (Chinese, digits). FTS5 also folds "É" to "é", so the
    trigrams starting with a folded "É…" would miss a text that holds "É…"."""
    return all(ch.isascii() or ch.lower() == ch == ch.upper() for ch in text)


def _trigrams_starting(s: Session, text: str) -> tuple[list[str], int] | None:
    """The trigrams of the index that start with ``text`` (one or two characters) and how
    many customers hold them (one may count more than once), or None when that is
    :data:`COMMON_SHORT` or more or the text's case does not fold as LIKE's does.

    Every place a search text holds ``text`` starts one of them, as each search text ends
    with two separators (migration 0017): the customers holding one of them are a superset
    of the answer."""
    if not _folds_as_like(text):
        return None
    key = folded(text)
    terms: list[str] = []
    found = 0
    rows = s.execute(select(_VOCAB.c.term, _VOCAB.c.doc).where(_VOCAB.c.term >= key))
    try:
        for term, docs in rows:  # in the index's order, so those starting with key come first
            if not term.startswith(key):
                break
            terms.append(term)
            found += docs
            if found >= COMMON_SHORT or len(terms) > MOST_TRIGRAMS:
                return None
    finally:
        rows.close()
    return terms, found


def _matching(query: str) -> Select[Any]:
    match = literal_column(FTS_TABLE).op("MATCH")(bindparam("fts", query, unique=True))
    return select(_FTS.c.rowid).where(match)


def _index_finds(s: Session, text: str) -> tuple[Select[Any], int | None] | None:
    """The ids of the customers whose search text the index finds for ``text`` (every one
    that holds it, and perhaps a few more: FTS5 folds case beyond ASCII) and, for a short
    text, about how many they are; None when a short text is common or its case folds
    otherwise."""
    if len(text) >= MIN_INDEXED:
        return _matching(phrase(text)), None
    starting = _trigrams_starting(s, text)
    if starting is None:
        return None
    terms, found = starting
    if not terms:
        return select(_FTS.c.rowid).where(false()), 0
    return _matching(" OR ".join(phrase(t) for t in terms)), found


def _how_many(s: Session, text: str, ids: Select[Any]) -> int:
    """How many customers the index finds for ``text`` of three characters or more: for
    three, the vocabulary's count of that one trigram (one lookup); else counted up to
    :data:`COMMON` (the index reads no further)."""
    if len(text) == MIN_INDEXED and _folds_as_like(text):
        return s.scalar(select(_VOCAB.c.doc).where(_VOCAB.c.term == folded(text))) or 0
    return s.scalar(select(func.count()).select_from(ids.limit(COMMON).subquery())) or 0


def _holds(text: str) -> ColumnElement[bool]:
    """The customer's search text holds ``text``, ASCII case aside: what keeps the answer
    exactly LIKE's. (Read from the FTS5 table's content by rowid: cheaper than its ``doc``
    column inside a MATCH query.)"""
    own = select(_CONTENT.c.c0).where(_CONTENT.c.id == Customer.id).scalar_subquery()
    return func.instr(own, bindparam("needle", folded(text), unique=True)) > 0


def _follows_an_index(column: Any) -> bool:
    """Whether ``column`` is a customer column that an index of its own starts with (code,
    name, region, credit code), so SQLite can walk the list in its order."""
    column = getattr(column, "expression", column)
    if not isinstance(column, Column) or column.table is not Customer.__table__:
        return False
    if column.primary_key or column.unique or column.index:
        return True
    return any(next(iter(ix.columns), None) is column for ix in column.table.indexes)


def customers_walk(s: Session, text: str, by: Any = None) -> ColumnElement[bool] | None:
    """For a page of a search that is not rare, sorted ``by`` a column an index follows: the
    same answer as
    :func:`customers_matching`, tested customer by customer as the list walks its sort
    order's index, so the page is full without collecting and sorting every match:

    - a common text (or a short one the index cannot answer): each customer's text is
      tested; the page fills after a few hundred rows;
    - a text found in :data:`RARE` to :data:`COMMON` customers: only the customers among
      the index's finds (``customer.id + 0 IN (…)``: the ``+ 0`` keeps SQLite from looking
      them up one by one and sorting them, a Bloom filter and one list answer "is it among
      them") have their text tested. Finds that cluster late in the order ("C04" among codes
      C000001 to C050000: 10,000 found, the first after 40,000) then cost a walk of the
      compact code index, not 40,000 texts read.

    None for a rare text, whose few finds the index answers best, and for a sort that no
    index follows (tier, owner, …): any walk would read every customer and sort the
    matches, more than the index's finds cost."""
    if paging.dialect(s) != "sqlite" or SEPARATOR in text or not _follows_an_index(by):
        return None
    finds = _index_finds(s, text)
    if finds is None:
        return _holds(text)
    ids, found = finds
    if found is None:
        found = _how_many(s, text, ids)
        if found >= COMMON:
            return _holds(text)
    if found < RARE:
        return None
    return and_((Customer.id + 0).in_(ids), _holds(text))


def customers_matching(s: Session, text: str) -> ColumnElement[bool] | None:
    """The customer search through the index, or None where there is none (PostgreSQL) or
    the text holds the separator."""
    if paging.dialect(s) != "sqlite" or SEPARATOR in text:
        return None
    finds = _index_finds(s, text)
    if finds is None:  # one scan of the compact texts
        needle = bindparam("needle", folded(text), unique=True)
        return Customer.id.in_(select(_CONTENT.c.id).where(func.instr(_CONTENT.c.c0, needle) > 0))
    return and_(Customer.id.in_(finds[0]), _holds(text))
