"""No screen decides by role name either: views ask ``ctx.can(action)`` (the permission
table), a policy function of the services (``handover.may_confirm``,
``departures.may_acknowledge_clauses``) or a flag of a DTO.

The same :mod:`ast` check as ``tests/services/test_no_role_names.py``, over ``desktop/views``
and ``desktop/cli``. Qt's item-data ``role`` arguments are plain names, not ``.role``
attributes, and are not touched by it. ``Role`` members may be named only to label roles
(``views/labels.py``) and to offer them in the account editor (``views/pages/users.py``).
"""

from __future__ import annotations

from pathlib import Path

import desktop
from tests.services.test_no_role_names import _modules, role_comparisons, role_members

ROOT = Path(desktop.__file__).parent
LABELS_AND_PICKERS = frozenset({"views/labels.py", "views/pages/users.py"})


def _front_ends() -> list[tuple[str, str]]:
    return [
        (f"{part}/{name}", source)
        for part in ("views", "cli")
        for name, source in _modules(ROOT / part)
    ]


def test_no_view_or_command_compares_a_role():
    found = [hit for name, source in _front_ends() for hit in role_comparisons(source, name)]
    assert found == [], "Decide by ctx.can(Action…), not by a role:\n" + "\n".join(found)


def test_role_members_are_named_only_by_labels_and_the_role_picker():
    found = [
        hit
        for name, source in _front_ends()
        if name not in LABELS_AND_PICKERS
        for hit in role_members(source, name)
    ]
    assert found == [], "A Role member in a screen: use an Action instead:\n" + "\n".join(found)
