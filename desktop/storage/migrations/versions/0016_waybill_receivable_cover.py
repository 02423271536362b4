"""waybills by invoice, covering: what commissions on payment read of an invoice's waybills

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06 11:55:00
"""

from __future__ import annotations

from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

_COLUMNS = [
    "receivable_id",
    "salesperson_id",
    "customer_id",
    "status",
    "order_date",
    "number",
    "revenue",
    "cost",
]


def upgrade() -> None:
    # A month's commissions on payment group the waybills of every invoice paid in it (tens
    # of thousands on a large firm): read from this index alone instead of from waybill rows
    # scattered over the table. It starts with receivable_id, so it replaces the plain index.
    op.create_index("ix_waybill_receivable_cover", "waybill", _COLUMNS, unique=False)
    op.drop_index("ix_waybill_receivable_id", table_name="waybill")


def downgrade() -> None:
    op.create_index("ix_waybill_receivable_id", "waybill", ["receivable_id"], unique=False)
    op.drop_index("ix_waybill_receivable_cover", table_name="waybill")
