"""No service decides by role name: authorization goes through the one permission table.

Every module under ``desktop/services`` is parsed with :mod:`ast`; a comparison (``==``,
``!=``, ``is``, ``is not``, ``in``, ``not in``) fails the test when one of its operands is
- a ``Role`` member (``Role.SALES``, ``Role.ADMIN.value``, also inside a tuple/list/set),
- a role name as a string literal (``"admin"``, ``"hr"``, ``"manager"``, ``"finance"``,
  ``"sales"``, ``"auditor"``),
- a ``.role`` attribute (``ctx.actor.role``, ``user.role``, ``User.role``, ``slot.role``),
and so does a ``match`` on a ``.role``. Only ``services/permissions.py`` is exempt: it *is*
the table. ``scope.py`` is not exempt: its three reaches are actions too.

Allowed, because they decide nothing: comparing a ``.role`` with ``None`` (an old key slot
that records no role), and passing a role on (``can(user.role, action)``, ``User.role.in_(
holders(action))``, storing ``user.role``).

``Role`` members may still be *named* where an account or a system actor is created — that
is data, not a decision — in the modules of :data:`ROLE_MEMBER_USERS`; anywhere else a
``Role.X`` fails too, so a new rule cannot hide a role in a set defined above its comparison.
"""

from __future__ import annotations

import ast
from pathlib import Path

import desktop

ROLE_NAMES = frozenset({"admin", "hr", "manager", "finance", "sales", "auditor"})
SERVICES = Path(desktop.__file__).parent / "services"
#: The table itself.
EXEMPT = frozenset({"permissions.py"})
#: Modules that name a Role member to build an account or an actor, never to compare one.
ROLE_MEMBER_USERS = frozenset(
    {
        "context.py",  # SYSTEM, the actor of daily jobs
        "login.py",  # the actors of first login, key checks and the recovery key
        "setup.py",  # the first administrator of a new vault
        "demo/generator.py",  # the demo firm's accounts, one per role
    }
)


def _role_member(node: ast.AST) -> bool:
    """``Role.X`` or ``Role.X.value``."""
    if isinstance(node, ast.Attribute) and node.attr == "value":
        node = node.value
    return (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "Role"
    )


def _names_a_role(node: ast.AST) -> str | None:
    """Why ``node``, an operand of a comparison, names a role (None when it does not)."""
    if _role_member(node):
        return "a Role member"
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in ROLE_NAMES:
        return f"the role name {node.value!r}"
    if isinstance(node, ast.Attribute) and node.attr == "value":
        return _names_a_role(node.value)
    if isinstance(node, ast.Attribute) and node.attr == "role":
        return "a .role attribute"
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        for element in node.elts:
            why = _names_a_role(element)
            if why:
                return why
    return None


def _is_none(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def role_comparisons(source: str, name: str = "<source>") -> list[str]:
    """Every comparison (or ``match``) in ``source`` that decides by a role, as
    ``name:line: why: code``."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            if any(_is_none(o) for o in operands):
                continue
            for operand in operands:
                why = _names_a_role(operand)
                if why:
                    found.append(f"{name}:{node.lineno}: {why}: {ast.unparse(node)}")
                    break
        elif isinstance(node, ast.Match):
            why = _names_a_role(node.subject)
            if why:
                found.append(f"{name}:{node.lineno}: match on {why}")
    return found


def role_members(source: str, name: str = "<source>") -> list[str]:
    """Every ``Role.X`` named in ``source``."""
    return [
        f"{name}:{node.lineno}: {ast.unparse(node)}"
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Attribute) and _role_member(node) and node.attr != "value"
    ]


def _modules(root: Path) -> list[tuple[str, str]]:
    return [
        (path.relative_to(root).as_posix(), path.read_text(encoding="utf-8"))
        for path in sorted(root.rglob("*.py"))
    ]


def test_the_checker_finds_the_shapes_role_rules_took():
    """The forms the services used before the rules moved to the table are all found (so the
    test below would fail on them), and the allowed forms are not."""
    bad = """
if ctx.actor.role is Role.SALES: pass
if ctx.actor.role in (Role.ADMIN, Role.MANAGER): pass
if user.role == Role.ADMIN.value: pass
if ctx.actor.role.value == "sales": pass
if new_role != Role.ADMIN: pass
q = select(User).where(User.role == Role.ADMIN.value)
if role in {"admin", "manager"}: pass
match ctx.actor.role:
    case _: pass
"""
    assert len(role_comparisons(bad)) == 8
    fine = """
if slot.role is None: pass
if can(user.role, Action.USERS_MANAGE): pass
q = select(User).where(User.role.in_(holders(Action.USERS_MANAGE)))
if ctx.can(Action.SCOPE_BRANCH): pass
if Position.category == PositionCategory.SALES.value: pass
if column == "name": pass
"""
    assert role_comparisons(fine) == []


def test_no_service_compares_a_role():
    found = [
        hit
        for name, source in _modules(SERVICES)
        if name not in EXEMPT
        for hit in role_comparisons(source, name)
    ]
    assert found == [], (
        "Decide by an Action in desktop/services/permissions.py (ctx.can / ctx.require), not "
        "by a role:\n" + "\n".join(found)
    )


def test_role_members_are_named_only_to_create_accounts_and_actors():
    found = [
        hit
        for name, source in _modules(SERVICES)
        if name not in EXEMPT | ROLE_MEMBER_USERS
        for hit in role_members(source, name)
    ]
    assert found == [], (
        "A Role member outside the permission table: add an Action and its roles to "
        "desktop/services/permissions.py instead:\n" + "\n".join(found)
    )
