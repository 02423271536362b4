"""The stepper of the case screen: the case's states in a row, the current one marked."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QWidget,
)

from desktop.views.case.common import CLOSED
from desktop.views.labels import (
    CASE_STATES,
    case_state_label,
)
from desktop.views.qtext import fill
from desktop.views.widgets.style import set_style_role


class Stepper(QWidget):
    """The case's states in a row: the states passed, the current one, those to come."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels: dict[str, QLabel] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setSpacing(4)
        for i, state in enumerate(CASE_STATES):
            if i:
                arrow = QLabel("›")
                set_style_role(arrow, "role", "step-arrow")
                layout.addWidget(arrow)
            label = QLabel(case_state_label(state))
            label.setObjectName(f"step_{state}")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)
            self.labels[state] = label
        self.closed = QLabel()
        self.closed.setObjectName("step_closed")
        self.closed.hide()
        layout.addSpacing(12)
        layout.addWidget(self.closed)
        layout.addStretch()
        self.current: str | None = None
        self.set_state(None)

    def set_state(self, state: str | None, reached: str | None = None) -> None:
        """``reached``: for a withdrawn or cancelled case, the state it left."""
        self.current = state
        closed = state in CLOSED
        position = CASE_STATES.index(reached if closed and reached else state or "draft")
        if state is None:
            position = -1
        for i, (name, label) in enumerate(self.labels.items()):
            text = case_state_label(name)
            if closed:
                set_style_role(label, "step", "reached" if i <= position else "unreached")
            elif i < position:
                set_style_role(label, "step", "done")
                text = "✓ " + case_state_label(name)
            elif i == position:
                set_style_role(label, "step", "current")
            else:
                set_style_role(label, "step", "todo")
            label.setText(text)
            label.setAccessibleName(
                fill(self.tr("%1 (current step)"), case_state_label(name))
                if i == position and not closed
                else case_state_label(name)
            )
        self.closed.setVisible(closed)
        if closed:
            self.closed.setText("✕ " + case_state_label(state))
