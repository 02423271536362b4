"""Alembic environment: always given an open connection, never a URL or a key."""

from __future__ import annotations

from typing import Any

from alembic import context

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Baton runs Alembic only through desktop.storage.schema")


def render_item(kind: str, obj: Any, autogen_context: Any) -> str | bool:
    """Render Baton's column types as their plain storage type: migrations import no models."""
    if kind == "type" and type(obj).__module__.startswith("desktop."):
        return f"sa.{obj.impl_instance!r}"
    return False


context.configure(
    connection=connection,
    target_metadata=config.attributes.get("target_metadata"),
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
    render_item=render_item,
)
with context.begin_transaction():
    context.run_migrations()
