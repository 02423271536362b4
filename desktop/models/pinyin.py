"""Pinyin and initials of a name, kept beside the name so a search for "wang" finds 王 and
"zs" finds 张三 (the romanizing itself is :mod:`desktop.pinyin`).

Why here: the columns belong to the customer and employee rows and must never disagree with
the name. Every ORM write of a name sets them at once (the attribute listener below), before
the audit hook snapshots the row; the bulk paths (imports, the demo) add :func:`columns` to
the rows they insert or update themselves.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event

from desktop.models.customers import Customer
from desktop.models.staff import Employee
from desktop.pinyin import romanize

#: The models whose ``name`` has ``name_pinyin`` and ``name_initials`` beside it.
MODELS: tuple[type, ...] = (Customer, Employee)


def columns(name: str | None) -> dict[str, Any]:
    """The pinyin columns for a row whose name is ``name`` (for bulk inserts and updates)."""
    full, initials = romanize(name)
    return {"name_pinyin": full, "name_initials": initials}


def _on_name_set(target: Any, value: Any, oldvalue: Any, initiator: Any) -> None:
    full, initials = romanize(value)
    target.name_pinyin = full
    target.name_initials = initials


for _model in MODELS:
    event.listen(_model.name, "set", _on_name_set)
