"""search that does not scan: pinyin columns, an FTS5 trigram index of customers (SQLite),
pg_trgm indexes (PostgreSQL)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 08:40:00

Customers and employees get ``name_pinyin`` and ``name_initials`` (backfilled here with
:func:`desktop.pinyin.romanize`, kept in step by the write paths afterwards).

SQLite: ``customer_fts``, an FTS5 table with the trigram tokenizer whose rowid is the
customer's id, over one text per customer (the view ``customer_search_doc``): its code, name,
credit code, region, industry, pinyin columns and contacts' names and phones. Triggers on ``customer`` and ``contact`` keep it in step
whatever writes them (the window, imports, the demo's bulk inserts); a backup or restore
copies it with the file. NB: a later batch migration that rebuilds ``customer`` or
``contact`` drops their triggers; re-create them (``SEARCH_TRIGGERS`` below) after it —
tests/storage/test_search_index.py checks they exist at head.

PostgreSQL: trigram GIN indexes (``pg_trgm``) on the same columns, which serve the ILIKE
search as it is; when the server lacks the extension (or the owner may not create it) the
search stays correct, only unindexed.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from desktop.pinyin import romanize

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

#: One search text per customer: its searched fields and its contacts' names and phones,
#: each after a unit separator (char 31, which no search holds, so no match spans two fields),
#: ASCII letters in lower case as SQLite's LIKE compares them (lower() folds ASCII only).
SEARCH_DOC_VIEW = (
    "CREATE VIEW customer_search_doc AS SELECT cu.id AS id, lower("
    + " || ".join(
        f"char(31) || coalesce(cu.{c}, '')"
        for c in (
            "code",
            "name",
            "credit_code",
            "region",
            "industry",
            "name_pinyin",
            "name_initials",
        )
    )
    + " || coalesce((SELECT group_concat(char(31) || coalesce(c.name, '') || char(31)"
    " || coalesce(c.phone, ''), '' ORDER BY c.id) FROM contact AS c"
    " WHERE c.customer_id = cu.id), '')) AS doc FROM customer AS cu"
)


def _refresh(ref: str) -> str:
    return (
        f"DELETE FROM customer_fts WHERE rowid = {ref}; INSERT INTO customer_fts(rowid, doc)"
        f" SELECT id, doc FROM customer_search_doc WHERE id = {ref};"
    )


SEARCH_TRIGGERS = (
    "CREATE TRIGGER customer_fts_insert AFTER INSERT ON customer BEGIN "
    "INSERT INTO customer_fts(rowid, doc) SELECT id, doc FROM customer_search_doc"
    " WHERE id = new.id; END",
    "CREATE TRIGGER customer_fts_delete AFTER DELETE ON customer BEGIN "
    "DELETE FROM customer_fts WHERE rowid = old.id; END",
    "CREATE TRIGGER customer_fts_update AFTER UPDATE OF id, code, name, credit_code, region,"
    " industry, name_pinyin, name_initials ON customer BEGIN "
    "DELETE FROM customer_fts WHERE rowid = old.id; " + _refresh("new.id") + " END",
    "CREATE TRIGGER contact_fts_insert AFTER INSERT ON contact BEGIN "
    + _refresh("new.customer_id")
    + " END",
    "CREATE TRIGGER contact_fts_delete AFTER DELETE ON contact BEGIN "
    + _refresh("old.customer_id")
    + " END",
    "CREATE TRIGGER contact_fts_update AFTER UPDATE OF customer_id, name, phone ON contact BEGIN "
    + _refresh("old.customer_id")
    + " "
    + _refresh("new.customer_id")
    + " END",
)
_TRIGGER_NAMES = (
    "customer_fts_insert",
    "customer_fts_delete",
    "customer_fts_update",
    "contact_fts_insert",
    "contact_fts_delete",
    "contact_fts_update",
)

#: PostgreSQL: (index, table, columns) of the trigram indexes.
_TRGM = (
    (
        "ix_customer_search_trgm",
        "customer",
        ("code", "name", "credit_code", "region", "industry", "name_pinyin", "name_initials"),
    ),
    ("ix_contact_search_trgm", "contact", ("name", "phone")),
    ("ix_employee_search_trgm", "employee", ("name", "name_pinyin", "name_initials")),
)


def _backfill(table: str) -> None:
    conn = op.get_bind()
    t = sa.table(
        table,
        sa.column("id", sa.Integer),
        sa.column("name", sa.Text),
        sa.column("name_pinyin", sa.Text),
        sa.column("name_initials", sa.Text),
    )
    rows = []
    for id_, name in conn.execute(sa.select(t.c.id, t.c.name)):
        full, initials = romanize(name)
        if full is not None or initials is not None:
            rows.append({"key": id_, "full": full, "initials": initials})
    if rows:
        conn.execute(
            t.update()
            .where(t.c.id == sa.bindparam("key"))
            .values(name_pinyin=sa.bindparam("full"), name_initials=sa.bindparam("initials")),
            rows,
        )


def _sqlite_index() -> None:
    op.execute(SEARCH_DOC_VIEW)
    op.execute("CREATE VIRTUAL TABLE customer_fts USING fts5(doc, tokenize='trigram')")
    op.execute("INSERT INTO customer_fts(rowid, doc) SELECT id, doc FROM customer_search_doc")
    for ddl in SEARCH_TRIGGERS:
        op.execute(ddl)


def _postgres_indexes() -> None:
    conn = op.get_bind()
    known = conn.scalar(
        sa.text("SELECT count(*) FROM pg_available_extensions WHERE name = 'pg_trgm'")
    )
    if not known:
        return
    try:
        with conn.begin_nested():
            conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except sa.exc.DBAPIError:
        return  # not allowed to create it: the search stays correct, only unindexed
    for name, table, cols in _TRGM:
        ops = ", ".join(f"{c} gin_trgm_ops" for c in cols)
        conn.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({ops})")


def upgrade() -> None:
    for table in ("customer", "employee"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("name_pinyin", sa.Text(), nullable=True))
            batch_op.add_column(sa.Column("name_initials", sa.Text(), nullable=True))
        _backfill(table)
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _sqlite_index()
    elif dialect == "postgresql":
        _postgres_indexes()


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in _TRIGGER_NAMES:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS customer_fts")
        op.execute("DROP VIEW IF EXISTS customer_search_doc")
    elif dialect == "postgresql":
        for name, _, _ in _TRGM:
            op.execute(f"DROP INDEX IF EXISTS {name}")
    for table in ("customer", "employee"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("name_initials")
            batch_op.drop_column("name_pinyin")
