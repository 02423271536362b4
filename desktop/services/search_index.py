"""The customers' search index: which rows a search of three characters or more can match.

Why: a search box that matches anywhere in a name (``LIKE '%顺达%'``) reads every customer;
on 50,000 that is the slowest thing a keystroke does. On SQLite the vault keeps
``customer_fts``, an FTS5 table with the trigram tokenizer (migration 0010, kept in step by
triggers on ``customer`` and ``contact``), whose rowid is the customer's id: a phrase of three
or more characters finds the customers holding it through the index. Its answer is a superset
of the LIKE search's (it folds case beyond ASCII, and a phrase may span two contacts), so the
listing keeps the LIKE conditions on the rows it found and answers exactly what it answered
before. Shorter texts (one or two characters: no trigram) scan the index's compact copy of
the searched text instead of the customer rows and all their contacts.

On PostgreSQL the pg_trgm indexes of migration 0010 serve the ILIKE search directly, so
there is nothing to narrow.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, bindparam, column, literal_column, or_, select, table
from sqlalchemy.orm import Session

from desktop.models.customers import Customer
from desktop.services import paging

#: The shortest text the trigram index can answer.
MIN_INDEXED = 3

_FTS = table("customer_fts", column("rowid"))


def phrase(text: str) -> str:
    """``text`` as one FTS5 phrase: taken literally, quotes doubled (no query syntax)."""
    return '"' + text.replace('"', '""') + '"'


def indexed_ids(text: str) -> object:
    """The ids of the customers whose indexed text holds ``text`` (ignoring case)."""
    return (
        select(_FTS.c.rowid)
        .select_from(_FTS)
        .where(
            literal_column("customer_fts").op("MATCH")(bindparam("fts", phrase(text), unique=True))
        )
    )


def scanned_ids(text: str) -> object:
    """The ids of the customers whose indexed text holds ``text``, by one scan of the index's
    own compact copy of that text (``customer_fts_content``: one narrow row per customer with
    its contacts inline), for texts too short for trigrams. Cheaper than scanning the wide
    customer rows and every contact; LIKE as the search's own, so still a superset."""
    pattern = bindparam("scan", f"%{paging.escape_like(text)}%", unique=True)
    content = table("customer_fts_content", column("id"), *(column(f"c{i}") for i in range(8)))
    return select(content.c.id).where(
        or_(*(content.c[f"c{i}"].like(pattern, escape="\\") for i in range(8)))
    )


def narrow_customers(s: Session, text: str) -> ColumnElement[bool] | None:
    """The customers the index finds for ``text``, or None when it cannot serve it (on
    PostgreSQL, whose trigram indexes serve the search itself)."""
    if paging.dialect(s) != "sqlite":
        return None
    if len(text) < MIN_INDEXED:
        return Customer.id.in_(scanned_ids(text))
    return Customer.id.in_(indexed_ids(text))
