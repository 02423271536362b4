"""Alembic environment and versions; run programmatically by desktop.storage.schema."""
