"""0010: a vault at 0009 gains the pinyin columns (backfilled) and the customers' FTS5
trigram index (filled, with its triggers); head still has every trigger, so a later
migration that rebuilt ``customer`` or ``contact`` without re-creating them would fail here."""

from __future__ import annotations

from sqlalchemy import text

from desktop.storage import schema
from desktop.storage.database import make_sqlcipher_engine

TRIGGERS = {
    "customer_fts_insert",
    "customer_fts_delete",
    "customer_fts_update",
    "contact_fts_insert",
    "contact_fts_delete",
    "contact_fts_update",
}
STAMP = "'2030-01-01T00:00:00+00:00'"


def test_a_0009_vault_is_backfilled_and_indexed_and_head_keeps_the_triggers(tmp_path):
    engine = make_sqlcipher_engine(tmp_path / "v.db", b"k" * 32)
    schema.upgrade(engine, "0009")
    with engine.begin() as conn:
        for id_, code, name in ((1, "C1", "王氏物流有限公司"), (2, "C2", "Acme")):
            conn.execute(
                text(
                    "INSERT INTO customer (id, code, name, payment_terms_days, credit_limit, "
                    "in_pool, active, created_at, updated_at, version) "
                    f"VALUES (:i, :c, :n, 30, 0, 0, 1, {STAMP}, {STAMP}, 1)"
                ),
                {"i": id_, "c": code, "n": name},
            )
        conn.execute(
            text(
                "INSERT INTO contact (customer_id, name, phone, is_primary, created_at, "
                f"updated_at, version) VALUES (1, '张三', '13800001111', 1, {STAMP}, {STAMP}, 1)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO employee (employee_no, name, status, is_sales, non_compete, "
                "confidentiality, created_at, updated_at, version) "
                f"VALUES ('E1', '张三', 'active', 0, 0, 0, {STAMP}, {STAMP}, 1)"
            )
        )
    schema.upgrade(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT name_pinyin, name_initials FROM customer")).all() == [
            ("wangshiwuliuyouxiangongsi", "wswlyxgs"),
            (None, None),
        ]
        assert conn.execute(text("SELECT name_pinyin, name_initials FROM employee")).all() == [
            ("zhangsan", "zs")
        ]

        def match(term: str) -> list[int]:
            return list(
                conn.execute(
                    text("SELECT rowid FROM customer_fts WHERE customer_fts MATCH :q"),
                    {"q": f'"{term}"'},
                ).scalars()
            )

        assert match("物流有") == [1]
        assert match("0001111") == [1]
        assert match("ACM") == [2]  # the text is in lower case, the index folds case
        assert match("wswl") == [1]
        assert match("acm") == [2]
        triggers = set(
            conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars()
        )
    assert triggers >= TRIGGERS
    engine.dispose()


def test_0017_ends_every_search_text_with_two_separators_and_lists_the_trigrams(tmp_path):
    """A vault at 0016: its search texts are refilled ending with two separators, so a text
    of one or two characters at the very end (the last contact's phone) starts a trigram;
    the vocabulary table lists them, and the triggers keep both in step afterwards."""
    engine = make_sqlcipher_engine(tmp_path / "v.db", b"k" * 32)
    schema.upgrade(engine, "0016")
    insert = (
        "INSERT INTO customer (id, code, name, payment_terms_days, credit_limit, in_pool, "
        f"active, created_at, updated_at, version) VALUES (:i, :c, :n, 30, 0, 0, 1, {STAMP}, "
        f"{STAMP}, 1)"
    )
    with engine.begin() as conn:
        conn.execute(text(insert), {"i": 1, "c": "C1", "n": "弘德医药"})
        conn.execute(
            text(
                "INSERT INTO contact (customer_id, name, phone, is_primary, created_at, "
                f"updated_at, version) VALUES (1, '张三', '13800001178', 1, {STAMP}, {STAMP}, 1)"
            )
        )
        (before,) = conn.execute(text("SELECT doc FROM customer_fts")).one()
    assert before.endswith("001178")
    schema.upgrade(engine)

    def starting(conn, key: str) -> list[tuple[str, int]]:
        rows = conn.execute(
            text("SELECT term, doc FROM customer_fts_vocab WHERE term >= :k"), {"k": key}
        )
        return [(t, n) for t, n in rows if t.startswith(key)]

    with engine.begin() as conn:
        assert conn.execute(text("SELECT doc FROM customer_fts")).scalars().all() == [
            before + "\x1f\x1f"
        ]
        assert starting(conn, "78") == [("78\x1f", 1)]
        assert starting(conn, "8") == [("8\x1f\x1f", 1), ("800", 1)]  # in byte order
        assert starting(conn, "弘德") == [("弘德医", 1)]
        conn.execute(text(insert), {"i": 2, "c": "C2", "n": "弘德物流"})
        assert starting(conn, "弘德") == [("弘德医", 1), ("弘德物", 1)]
        conn.execute(text("UPDATE contact SET phone = '13800001199' WHERE customer_id = 1"))
        assert starting(conn, "78") == []
        assert (
            conn.execute(text("SELECT doc FROM customer_fts WHERE rowid = 1")).scalar_one()[-4:]
            == "99\x1f\x1f"
        )
        conn.execute(text("INSERT INTO customer_fts(customer_fts) VALUES ('integrity-check')"))
    engine.dispose()
