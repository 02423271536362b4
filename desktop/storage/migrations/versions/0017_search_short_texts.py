"""search of one or two characters through the trigram index: search texts end with two
separators, and the index's vocabulary is a table

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06 12:00:00

SQLite only (PostgreSQL's pg_trgm indexes are unchanged). A one- or two-character text has no
trigram of its own, but every place it occurs in a search text starts a trigram of the index
(the text and the one or two characters after it) as long as it is not at the very end:
so every search text now ends with two unit separators (the view ``customer_search_doc``,
re-created; ``customer_fts`` refilled from it), and ``customer_fts_vocab`` (fts5vocab, 'row')
lists the index's trigrams with how many customers hold each, so the trigrams that start
with the typed text are a range of it (services/search_index.py).

The triggers of migration 0010 name the view, not its text, so they stay as they are.
"""

from __future__ import annotations

from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

_FIELDS = ("code", "name", "credit_code", "region", "industry", "name_pinyin", "name_initials")
_CONTACTS = (
    " || coalesce((SELECT group_concat(char(31) || coalesce(c.name, '') || char(31)"
    " || coalesce(c.phone, ''), '' ORDER BY c.id) FROM contact AS c"
    " WHERE c.customer_id = cu.id), '')"
)


def _view(end: str) -> str:
    """The view of migration 0010 with ``end`` after each search text."""
    fields = " || ".join(f"char(31) || coalesce(cu.{c}, '')" for c in _FIELDS)
    return (
        f"CREATE VIEW customer_search_doc AS SELECT cu.id AS id, lower({fields}{_CONTACTS}{end})"
        " AS doc FROM customer AS cu"
    )


#: Each search text ends with two separators: a text of one or two characters at the end of
#: the last field still starts a trigram there.
SEARCH_DOC_VIEW = _view(" || char(31) || char(31)")
VOCABULARY = "CREATE VIRTUAL TABLE customer_fts_vocab USING fts5vocab(customer_fts, 'row')"


def _refill(view: str) -> None:
    op.execute("DROP VIEW customer_search_doc")
    op.execute(view)
    op.execute("DELETE FROM customer_fts")
    op.execute("INSERT INTO customer_fts(rowid, doc) SELECT id, doc FROM customer_search_doc")


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    _refill(SEARCH_DOC_VIEW)
    op.execute(VOCABULARY)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("DROP TABLE customer_fts_vocab")
    _refill(_view(""))
