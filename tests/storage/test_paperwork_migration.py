"""0008: a vault at 0006 migrates and then accepts the new document kinds, still refusing an
unknown one; the partial unique indexes of the rebuilt tables keep their conditions."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from desktop.storage import schema
from desktop.storage.database import make_sqlcipher_engine


def _insert_snapshot(conn, kind: str) -> None:
    conn.execute(
        text(
            "INSERT INTO document_snapshot (kind, sha256, content, rows, created_at) "
            "VALUES (:k, 'x', x'00', 0, '2030-01-01T00:00:00+00:00')"
        ),
        {"k": kind},
    )


def test_a_0006_vault_accepts_the_new_kinds_after_upgrade(tmp_path):
    engine = make_sqlcipher_engine(tmp_path / "v.db", b"k" * 32)
    schema.upgrade(engine, "0006")
    with pytest.raises(IntegrityError), engine.begin() as conn:
        _insert_snapshot(conn, "certificate")
    schema.upgrade(engine)
    with engine.begin() as conn:
        for kind in ("statement", "settlement", "certificate", "confirmation", "handover"):
            _insert_snapshot(conn, kind)
    with pytest.raises(IntegrityError), engine.begin() as conn:
        _insert_snapshot(conn, "bogus")
    with engine.connect() as conn:
        sql = conn.execute(
            text("SELECT sql FROM sqlite_master WHERE name = 'uq_document_snapshot_one_frozen'")
        ).scalar()
    assert "WHERE frozen_at IS NOT NULL" in sql
    engine.dispose()
