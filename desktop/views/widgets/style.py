"""Looks by name: a widget says what it is, ``resources/styles/baton.qss`` says how that looks.

Colours, font sizes and borders live in the one stylesheet, never in ``setStyleSheet`` calls
scattered over the views, so a colour is changed in one place and every screen follows. A widget
carries a dynamic property (``role="hint"``, ``step="current"``) that a rule such as
``QLabel[role="hint"]`` selects.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def set_style_role(widget: QWidget, name: str, value: str) -> None:
    """Give ``widget`` the style property ``name`` = ``value`` and restyle it at once.

    Qt evaluates property selectors only when a widget is polished, so a property that changes
    while the widget is shown (an error turning into a success message) needs a re-polish.
    """
    widget.setProperty(name, value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()
