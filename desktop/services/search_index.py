"""The customers' search index: the customers whose search text holds what was typed.

Why: a search box that matches anywhere (``LIKE '%顺达%'``) in eight columns and every
contact reads all of them for every keystroke; on 50,000 customers and their contacts that
was the slowest thing a keystroke did. On SQLite the vault keeps one search text per
customer (migration 0010: the view ``customer_search_doc``, copied into ``customer_fts`` by
triggers on ``customer`` and ``contact``): code, name, credit code, region, industry, the
name's pinyin and initials, and the contacts' names and phones, each after a unit separator
(so no match spans two fields), with ASCII letters in lower case as SQLite's LIKE compares
them. "The text holds the typed text, ASCII case aside" is then exactly "one of the columns
or contacts contains it", the LIKE search's answer:

- three characters or more: the FTS5 trigram index finds the few candidates (it folds case
  beyond ASCII, so ``instr`` on their text keeps the answer exact);
- one or two (no trigram): one scan of the compact texts (``customer_fts_content``, the FTS5
  table's own copy) with ``instr`` instead of eight LIKEs on the wide customer rows and a
  scan of every contact;
- a page of a short text, or of one the index finds in :data:`COMMON` customers or more:
  the list walks its sort order's index and tests each customer's text (:func:`customers_walk`),
  so "上" or "有限公司" fill the first page after a few hundred rows instead of collecting and
  sorting tens of thousands. (A rare two-character text walks the whole list that way: about
  as slow as the scan before the index.)

On PostgreSQL the pg_trgm indexes of migration 0010 serve the column conditions themselves.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, bindparam, column, func, literal_column, select, table
from sqlalchemy.orm import Session

from desktop.models.customers import Customer
from desktop.services import paging

#: The shortest text the trigram index can answer.
MIN_INDEXED = 3
#: Separates the fields of a search text (never part of a search).
SEPARATOR = "\x1f"

#: The FTS5 table (and the prefix of its shadow tables): a vault's own, never copied to a server.
FTS_TABLE = "customer_fts"
_FTS = table(FTS_TABLE, column("rowid"), column("doc"))
_CONTENT = table("customer_fts_content", column("id"), column("c0"))


def phrase(text: str) -> str:
    """``text`` as one FTS5 phrase: taken literally, quotes doubled (no query syntax)."""
    return '"' + text.replace('"', '""') + '"'


def folded(text: str) -> str:
    """``text`` with ASCII letters in lower case, as LIKE (and SQLite's lower()) fold them."""
    return "".join(ch.lower() if ch.isascii() else ch for ch in text)


def matching_ids(text: str) -> Select[Any]:
    """The ids of the customers whose search text holds ``text`` (ASCII case aside)."""
    needle = bindparam("needle", folded(text), unique=True)
    if len(text) < MIN_INDEXED:
        return select(_CONTENT.c.id).where(func.instr(_CONTENT.c.c0, needle) > 0)
    match = literal_column("customer_fts").op("MATCH")(bindparam("fts", phrase(text), unique=True))
    return select(_FTS.c.rowid).where(match, func.instr(_FTS.c.doc, needle) > 0)


#: A text the trigram index finds in at least this many customers is common: the first page
#: of a list sorted by code then comes sooner by walking the code index (see below).
COMMON = 2000


def _common(s: Session, text: str) -> bool:
    """Whether ``text`` is short (one or two characters, no trigram: most such texts match
    thousands of customers) or found by the index in :data:`COMMON` customers or more (the
    index reads no further)."""
    if len(text) < MIN_INDEXED:
        return True
    found = matching_ids(text).limit(COMMON).subquery()
    return (s.scalar(select(func.count()).select_from(found)) or 0) >= COMMON


def customers_walk(s: Session, text: str) -> ColumnElement[bool] | None:
    """For a page of a short or common search: each customer's search text tested as the
    list walks its sort order (the same answer as :func:`customers_matching`), so the page is
    full after a few hundred rows instead of after collecting and sorting thousands of
    matches. None for a selective text, which the index answers best."""
    if paging.dialect(s) != "sqlite" or SEPARATOR in text or not _common(s, text):
        return None
    own = select(_CONTENT.c.c0).where(_CONTENT.c.id == Customer.id).scalar_subquery()
    return func.instr(own, bindparam("needle", folded(text), unique=True)) > 0


def customers_matching(s: Session, text: str) -> ColumnElement[bool] | None:
    """The customer search through the index, or None where there is none (PostgreSQL) or
    the text holds the separator."""
    if paging.dialect(s) != "sqlite" or SEPARATOR in text:
        return None
    return Customer.id.in_(matching_ids(text))
