"""Schema revisions: a newer database is refused; an older one is backed up, then migrated.

To open a vault that is *behind* head, the test gives Alembic a copy of the migrations folder
with one more revision (9001, after this version's head).
"""

from __future__ import annotations

import contextlib
import shutil

import pytest
from sqlalchemy import select

from desktop.errors import NewerSchema
from desktop.models.organisation import Branch
from desktop.services.login import login
from desktop.storage import backup as backups
from desktop.storage import schema
from desktop.storage.database import connect
from desktop.storage.vault import Vault
from tests.support import ADMIN_PASSWORD, make_vault, vault_hashes

REVISION_NEXT = '''"""test-only: one more table

Revision ID: 9001
Revises: {head}
"""

import sqlalchemy as sa
from alembic import op

revision = "9001"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("migration_probe", sa.Column("id", sa.Integer(), primary_key=True))
    op.execute("INSERT INTO migration_probe (id) VALUES (42)")


def downgrade() -> None:
    op.drop_table("migration_probe")
'''


def data_key(paths) -> bytes:
    kf, slot, private = Vault(paths).unlock("admin", ADMIN_PASSWORD)
    return Vault.candidate_keys(kf, slot, private)[0]


def test_fresh_vault_is_at_head_and_opening_it_makes_no_backup(paths):
    make_vault(paths)
    login(paths, "admin", ADMIN_PASSWORD).close()
    with contextlib.closing(connect(paths.database, data_key(paths))) as conn:
        (revision,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    assert revision == schema.head_revision()
    assert backups.list_backups(paths.backups) == []


def test_newer_schema_revision_is_refused_and_nothing_changes(paths):
    make_vault(paths)
    with contextlib.closing(connect(paths.database, data_key(paths))) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099_future'")
    before = vault_hashes(paths)
    with pytest.raises(NewerSchema, match=r"newer version of Baton \(schema 0099_future\)"):
        login(paths, "admin", ADMIN_PASSWORD)
    assert vault_hashes(paths) == before
    assert backups.list_backups(paths.backups) == []


def test_vault_behind_head_gets_a_pre_migration_backup_then_migrates(paths, tmp_path, monkeypatch):
    make_vault(paths)
    ctx = login(paths, "admin", ADMIN_PASSWORD)
    with ctx.transaction() as s:
        s.add(Branch(code="M1", name="before the migration"))
    ctx.close()
    head = schema.head_revision()
    newer = tmp_path / "migrations"
    shutil.copytree(schema.MIGRATIONS, newer, ignore=shutil.ignore_patterns("__pycache__"))
    (newer / "versions" / "9001_probe.py").write_text(
        REVISION_NEXT.replace("{head}", head), encoding="utf-8"
    )
    monkeypatch.setattr(schema, "MIGRATIONS", newer)
    assert schema.head_revision() == "9001"

    ctx = login(paths, "admin", ADMIN_PASSWORD)
    try:
        with ctx.transaction() as s:
            assert (
                s.scalar(select(Branch.name).where(Branch.code == "M1")) == "before the migration"
            )
        key = ctx.store.key.data_key
    finally:
        ctx.close()
    with contextlib.closing(connect(paths.database, key)) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("9001",)
        assert conn.execute("SELECT id FROM migration_probe").fetchall() == [(42,)]
    (pre,) = backups.list_backups(paths.backups)
    assert pre.kind == "pre-migration" and pre.schema_revision == head
    copy = tmp_path / "pre.db"
    manifest = backups.extract_verified(pre.path, key, copy)
    assert "migration_probe" not in manifest.counts and manifest.counts["branch"] == 3
    # Opening again: already at head, no second backup.
    login(paths, "admin", ADMIN_PASSWORD).close()
    assert len(backups.list_backups(paths.backups)) == 1
