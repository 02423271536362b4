"""server accounts: an Argon2id password hash per app user (PostgreSQL mode)

In the local vault a password unlocks a key slot beside the database; a server has no key
slots, so the hash lives in the user's row. The column stays empty in local vaults.
Every editable table already carries its ``version`` column (optimistic concurrency) since
0001–0005, so nothing else changes here.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 16:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("app_user", schema=None) as batch_op:
        batch_op.add_column(sa.Column("password_hash", sa.String(length=255), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("app_user", schema=None) as batch_op:
        batch_op.drop_column("password_hash")
