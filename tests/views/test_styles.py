"""Looks live in baton.qss: the views name a role or a state, the stylesheet says what it looks like.

The code is read (ast) and so is the stylesheet, so a colour typed into a view, a role without a
rule or a rule nobody uses fails here; the widgets below are styled by the stylesheet the views
fixture applies, as in the application.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel

import desktop.views
from desktop.views.app import style_sheet_path
from desktop.views.case.stepper import Stepper
from desktop.views.widgets.style import set_style_role

VIEWS = Path(desktop.views.__file__).parent
APP = VIEWS / "app.py"
PROPERTY_RULE = re.compile(r'\[([A-Za-z][\w-]*)\s*=\s*"([^"]*)"\]')
ID_RULE = re.compile(r"#([A-Za-z_]\w*)")


def _calls(name: str) -> list[tuple[Path, ast.Call]]:
    """Every call of ``name`` (a function or a method) in desktop/views."""
    found = []
    for path in sorted(VIEWS.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if called == name:
                    found.append((path, node))
    return found


def _literals(node: ast.expr) -> list[str] | None:
    """The strings an argument can take: a literal, or a conditional between literals."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _literals(node.body), _literals(node.orelse)
        if body is not None and orelse is not None:
            return body + orelse
    return None


def _where(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(VIEWS.parent.parent)}:{node.lineno}"


def _selectors() -> str:
    """The selectors of baton.qss (comments and declarations left out)."""
    text = style_sheet_path().read_text(encoding="utf-8")
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return "\n".join(re.findall(r"([^{}]+)\{[^{}]*\}", text))


def _qss_properties() -> set[tuple[str, str]]:
    return set(PROPERTY_RULE.findall(_selectors()))


def _code_properties() -> tuple[set[tuple[str, str]], list[str]]:
    """(name, value) pairs the views set with set_style_role, and the calls that hide them."""
    used: set[tuple[str, str]] = set()
    opaque: list[str] = []
    for path, call in _calls("set_style_role"):
        if path.name == "style.py":
            continue
        names = _literals(call.args[1]) if len(call.args) == 3 else None
        values = _literals(call.args[2]) if len(call.args) == 3 else None
        if not names or values is None:
            opaque.append(_where(path, call))
            continue
        used |= {(n, v) for n in names for v in values}
    return used, opaque


def test_no_inline_style_sheet_left_in_the_views():
    calls = _calls("setStyleSheet")
    inline = [_where(path, call) for path, call in calls if path != APP]
    assert inline == [], "style these through a property and a rule in baton.qss"
    assert len(calls) == 1, "app.py loads baton.qss, once"


def test_every_style_property_of_the_code_has_a_rule_and_every_rule_a_user():
    used, opaque = _code_properties()
    assert not opaque, f"give set_style_role literal names and values: {opaque}"
    rules = _qss_properties()
    assert used, "the views set style properties"
    assert used - rules == set(), "properties the views set but baton.qss does not style"
    assert rules - used == set(), "rules in baton.qss that no view uses"


def test_every_object_name_rule_names_a_widget_of_the_views():
    names = {
        value
        for _path, call in _calls("setObjectName")
        for value in (_literals(call.args[0]) or [])
    }
    missing = set(ID_RULE.findall(_selectors())) - names
    assert not missing, f"baton.qss styles objectNames no view sets: {missing}"


def _foreground(label: QLabel) -> QColor:
    return label.palette().color(QPalette.ColorRole.WindowText)


@pytest.fixture
def styled(qapp) -> QApplication:
    assert "QLabel[role=" in qapp.styleSheet(), "the views fixture applies baton.qss"
    return qapp


def test_a_role_set_at_runtime_restyles_the_widget(qtbot, styled):
    label = QLabel("The audit chain is intact.")
    qtbot.addWidget(label)
    label.show()
    set_style_role(label, "role", "error")
    assert _foreground(label) == QColor("#b00020")
    set_style_role(label, "role", "success")
    assert _foreground(label) == QColor("#1b5e20")


def test_stepper_colours_come_from_the_stylesheet_and_follow_the_case(qtbot, styled):
    stepper = Stepper()
    qtbot.addWidget(stepper)
    stepper.show()
    stepper.set_state("approved")
    draft, approved, completed = (stepper.labels[s] for s in ("draft", "approved", "completed"))
    assert _foreground(draft) == QColor("#2e7d32")  # passed: green
    assert _foreground(approved) == QColor("white")  # current: white on blue
    assert _foreground(completed) == QColor("#888")  # still to come: grey
    stepper.set_state("cancelled", reached="submitted")
    assert _foreground(draft) == QColor("#777")  # reached before the case was cancelled
    assert _foreground(approved) == QColor("#999")  # never reached
    assert _foreground(stepper.closed) == QColor("white")
    assert stepper.closed.isVisibleTo(stepper)


def test_wrong_password_message_is_red_from_the_stylesheet(qtbot, vault, window, styled):
    """The lock screen's message: grey while unlocking, red when the password is wrong."""
    admin, _ = vault
    admin.close()
    screen = window.lock_screen
    screen.username.setText("admin")
    qtbot.keyClicks(screen.password, "not-the-password")
    screen.submit()
    assert _foreground(screen.message) == QColor("#555")
    qtbot.waitUntil(lambda: not screen.busy, timeout=20000)
    assert screen.message.isVisible() and screen.message.text()
    assert _foreground(screen.message) == QColor("#b00020")


def _rule_colour(selector: str) -> QColor:
    text = style_sheet_path().read_text(encoding="utf-8")
    block = re.search(re.escape(selector) + r"[^{]*\{([^}]*)\}", text)
    assert block, selector
    colour = re.search(r"(?<![-\w])color:\s*([^;]+);", block.group(1))
    assert colour, selector
    return QColor(colour.group(1).strip())


def test_the_colours_table_models_use_are_those_of_the_stylesheet():
    """Table cells take their colours in code (ForegroundRole); they match the labels' rules."""
    from desktop.views.widgets.rows import GOOD_FG, OVERDUE_FG

    assert _rule_colour('QLabel[role="error"]') == OVERDUE_FG
    assert _rule_colour('QLabel[step="done"]') == GOOD_FG
