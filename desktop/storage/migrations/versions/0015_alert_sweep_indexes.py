"""follow-ups by date: the index the alert sweep's follow-up rules read their window through

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06 08:40:00
"""

from __future__ import annotations

from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The keyword and outside-the-book rules read the follow-ups of their window (days),
    # not the whole history: without this index both scanned every follow-up.
    op.create_index("ix_follow_up_date", "follow_up", ["followed_on"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_follow_up_date", table_name="follow_up")
