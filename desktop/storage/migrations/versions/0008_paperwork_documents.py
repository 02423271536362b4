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
down_revision = "0007"
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


CASE_TYPES_OLD = ("resignation", "dismissal", "contract_end", "retirement")
CASE_TYPES_NEW = (*CASE_TYPES_OLD, "mutual", "misconduct")


def _case_types(kinds: tuple[str, ...]) -> str:
    return "case_type IN (" + ", ".join(f"'{k}'" for k in kinds) + ")"


def upgrade() -> None:
    _swap(NEW)
    with op.batch_alter_table("departure_case", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_departure_case_type_known"), type_="check")
        batch_op.create_check_constraint(
            op.f("ck_departure_case_type_known"), _case_types(CASE_TYPES_NEW)
        )
        batch_op.add_column(
            sa.Column("pay_in_lieu", sa.Boolean(), nullable=False, server_default="0")
        )
    with op.batch_alter_table("employee", schema=None) as batch_op:
        batch_op.add_column(sa.Column("contract_start", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("contract_end", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("monthly_wage", sa.BigInteger(), nullable=True))
    op.create_table(
        "confirmation_letter",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("total", sa.BigInteger(), nullable=False),
        sa.Column("invoices", sa.Integer(), nullable=False),
        sa.Column("sent_on", sa.Date(), nullable=True),
        sa.Column("sent_via", sa.String(length=64), nullable=True),
        sa.Column("reply", sa.String(length=16), nullable=True),
        sa.Column("reply_on", sa.Date(), nullable=True),
        sa.Column("reply_amount", sa.BigInteger(), nullable=True),
        sa.Column("reply_note", sa.Text(), nullable=True),
        sa.Column("followup_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "reply IS NULL OR reply IN ('confirmed', 'differs')",
            name=op.f("ck_confirmation_letter_reply_known"),
        ),
        sa.CheckConstraint(
            "reply <> 'differs' OR reply_amount IS NOT NULL",
            name=op.f("ck_confirmation_letter_differs_amount"),
        ),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["departure_case.id"],
            name=op.f("fk_confirmation_letter_case_id_departure_case"),
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer.id"],
            name=op.f("fk_confirmation_letter_customer_id_customer"),
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["issued_document.id"],
            name=op.f("fk_confirmation_letter_document_id_issued_document"),
        ),
        sa.ForeignKeyConstraint(
            ["followup_id"],
            ["follow_up.id"],
            name=op.f("fk_confirmation_letter_followup_id_follow_up"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_confirmation_letter")),
        sa.UniqueConstraint("document_id", name=op.f("uq_confirmation_letter_document_id")),
    )
    op.create_index(
        "ix_confirmation_letter_case", "confirmation_letter", ["case_id", "customer_id"]
    )
    op.create_table(
        "document_key",
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("public_key", sa.LargeBinary(), nullable=False),
        sa.Column("private_seed", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_key")),
        sa.UniqueConstraint("key_id", name=op.f("uq_document_key_key_id")),
    )
    op.create_table(
        "publication",
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("published_on", sa.Date(), nullable=False),
        sa.Column("published_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('privacy_notice', 'commission_plan', 'monitoring_rules')",
            name=op.f("ck_publication_kind_known"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_publication")),
    )
    op.create_table(
        "acknowledgement",
        sa.Column("publication_id", sa.Integer(), nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=False),
        sa.Column("acknowledged_on", sa.Date(), nullable=False),
        sa.Column("how", sa.String(length=32), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["publication_id"],
            ["publication.id"],
            name=op.f("fk_acknowledgement_publication_id_publication"),
        ),
        sa.ForeignKeyConstraint(
            ["employee_id"], ["employee.id"], name=op.f("fk_acknowledgement_employee_id_employee")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_acknowledgement")),
        sa.UniqueConstraint("publication_id", "employee_id", name=op.f("uq_acknowledgement_once")),
    )
    op.create_index(
        "ix_acknowledgement_employee_id", "acknowledgement", ["employee_id"], unique=False
    )


def downgrade() -> None:
    op.drop_table("acknowledgement")
    op.drop_table("publication")
    op.drop_table("document_key")
    with op.batch_alter_table("departure_case", schema=None) as batch_op:
        batch_op.drop_column("pay_in_lieu")
        batch_op.drop_constraint(op.f("ck_departure_case_type_known"), type_="check")
        batch_op.create_check_constraint(
            op.f("ck_departure_case_type_known"), _case_types(CASE_TYPES_OLD)
        )
    op.drop_index("ix_confirmation_letter_case", table_name="confirmation_letter")
    op.drop_table("confirmation_letter")
    with op.batch_alter_table("employee", schema=None) as batch_op:
        batch_op.drop_column("monthly_wage")
        batch_op.drop_column("contract_end")
        batch_op.drop_column("contract_start")
    _swap(OLD)
