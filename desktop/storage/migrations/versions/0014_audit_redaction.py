"""the audit log accepts redactions of personal values (retention purge), nothing else

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06 08:45:00

The append-only triggers of 0001 refused every UPDATE of ``audit_event``. The retention purge
must blank a departed person's personal values in older events too (PIPL art. 19), so an
UPDATE now passes only when it leaves every column but ``before``/``after`` as it was and the
new text carries the redaction marker ``"redacted":true``; DELETE stays refused. The chain
verifier (``models/audit.py``) accepts a changed event only when a later chained
``audit.redacted`` record names it with its original hash and the hash of its redacted text.
On PostgreSQL the seats are given UPDATE on those two columns only (``server_roles``).
"""

from __future__ import annotations

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

SAME = ("seq", "at", "actor", "action", "entity", "entity_id", "prev_hash", "hash")
#: The marker ``"redacted":true`` as SQL (its colon built with char/chr: a literal ``:true``
#: would be read as a bind parameter).
MARKER_SQLITE = "'\"redacted\"' || char(58) || 'true'"
MARKER_PG = "'\"redacted\"' || chr(58) || 'true'"


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in SAME)
        op.execute("DROP TRIGGER IF EXISTS audit_event_no_update")
        op.execute(
            "CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event "
            f"WHEN {changed} OR instr(coalesce(NEW.before, '') || coalesce(NEW.after, ''), "
            f"{MARKER_SQLITE}) = 0 "
            "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
        )
    elif dialect == "postgresql":
        same = " AND ".join(f"NEW.{c} IS NOT DISTINCT FROM OLD.{c}" for c in SAME)
        op.execute(
            "CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger "
            "LANGUAGE plpgsql AS $$ BEGIN "
            f"IF TG_OP = 'UPDATE' AND {same} AND position({MARKER_PG} in "
            "coalesce(NEW.before, '') || coalesce(NEW.after, '')) > 0 THEN RETURN NEW; END IF; "
            "RAISE EXCEPTION 'the audit log is append-only'; END $$"
        )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_event_no_update")
        op.execute(
            "CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event "
            "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
        )
    elif dialect == "postgresql":
        op.execute(
            "CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger "
            "LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$"
        )
