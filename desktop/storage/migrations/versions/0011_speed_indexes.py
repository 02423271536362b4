"""indexes for a large firm at full speed: open receivables, write-off dates, open waybills

The aging report and the handover list read the receivables still open; a partial index over
them (amount > paid + written_off), carrying the columns aging needs, lets those reads skip the
settled majority. Write-off dates get an index so a report as of a past day finds what was
written off after it without a scan; a salesperson's waybills not yet invoiced (the handover
list's open orders) get a partial index of their own. Additive only: indexes, no data change.

Revision ID: 0011
Revises: 0009 (MERGE NOTE: the lead re-chains it)
Create Date: 2026-12-06 08:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

OPEN = "amount > paid + written_off"
OPEN_ORDER = "status IN ('open', 'delivered')"
OPEN_COLUMNS = [
    "issued_on",
    "customer_id",
    "salesperson_id",
    "due_on",
    "amount",
    "paid",
    "written_off",
    "written_off_on",
]


def upgrade() -> None:
    with op.batch_alter_table("receivable", schema=None) as batch_op:
        batch_op.create_index(
            "ix_receivable_open",
            OPEN_COLUMNS,
            unique=False,
            sqlite_where=sa.text(OPEN),
            postgresql_where=sa.text(OPEN),
        )
        batch_op.create_index("ix_receivable_written_off_on", ["written_off_on"], unique=False)
    with op.batch_alter_table("waybill", schema=None) as batch_op:
        batch_op.create_index(
            "ix_waybill_open_salesperson",
            ["salesperson_id", "order_date"],
            unique=False,
            sqlite_where=sa.text(OPEN_ORDER),
            postgresql_where=sa.text(OPEN_ORDER),
        )


def downgrade() -> None:
    with op.batch_alter_table("waybill", schema=None) as batch_op:
        batch_op.drop_index("ix_waybill_open_salesperson")
    with op.batch_alter_table("receivable", schema=None) as batch_op:
        batch_op.drop_index("ix_receivable_written_off_on")
        batch_op.drop_index("ix_receivable_open")
