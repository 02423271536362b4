"""a customer's informing waived with a reason (the case may complete without telling it)

Revision ID: 0013
Revises: 0011
Create Date: 2026-12-06 08:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("handover_item", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("informed_waived_reason", sa.String(length=256), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("handover_item", schema=None) as batch_op:
        batch_op.drop_column("informed_waived_reason")
