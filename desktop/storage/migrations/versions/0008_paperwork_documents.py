"""paperwork documents: statements, settlements, certificates and confirmation letters are issued
documents too

The three tables that name a document kind keep their check of known kinds; it now admits the
four new kinds, so every file Baton hands out is recorded and ``verify-document`` knows it.
The employee record gains the labour contract's term (printed on the termination certificate)
and the monthly wage (the base of the 20% deduction cap and of severance).

Revision ID: 0008
Revises: 0006 (MERGE NOTE: set to "0007" once the alerts migration is on main)
Create Date: 2026-12-06 06:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0006"
branch_labels = None
depends_on = None

TABLES = ("document_snapshot", "document_signature", "issued_document")
OLD = ("handover", "risk", "tracking", "aging", "post_departure")
NEW = (*OLD, "statement", "settlement", "certificate", "confirmation")


def _kinds(kinds: tuple[str, ...]) -> str:
    return "kind IN (" + ", ".join(f"'{k}'" for k in kinds) + ")"


def _swap(kinds: tuple[str, ...]) -> None:
    for table in TABLES:
        name = op.f(f"ck_{table}_kind_known")
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(name, type_="check")
            batch_op.create_check_constraint(name, _kinds(kinds))


def upgrade() -> None:
    _swap(NEW)
    with op.batch_alter_table("employee", schema=None) as batch_op:
        batch_op.add_column(sa.Column("contract_start", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("contract_end", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("monthly_wage", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("employee", schema=None) as batch_op:
        batch_op.drop_column("monthly_wage")
        batch_op.drop_column("contract_end")
        batch_op.drop_column("contract_start")
    _swap(OLD)
