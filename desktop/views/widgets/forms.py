"""Form helpers: an error label under each field, and a password pair."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QMessageBox, QWidget

from desktop.views.widgets.style import set_style_role


class FieldErrors:
    """Error labels shown under named fields of a QFormLayout."""

    def __init__(self) -> None:
        self.labels: dict[str, QLabel] = {}

    def add_row(self, form: QFormLayout, name: str, label: str, widget: QWidget) -> None:
        error = QLabel()
        set_style_role(error, "role", "error")
        error.setWordWrap(True)
        error.hide()
        form.addRow(label, widget)
        form.addRow("", error)
        self.labels[name] = error

    def show(self, errors: dict[str, str]) -> bool:
        """Show these errors (field → text), hide the others; True when there were none."""
        for name, label in self.labels.items():
            text = errors.get(name, "")
            label.setText(text)
            label.setVisible(bool(text))
        if errors and self.labels:
            fit_dialog(next(iter(self.labels.values())))
        return not errors


def password_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


def ask_first(parent: QWidget, title: str, text: str) -> bool:
    """Ask before a bulk or destructive action; True only for an explicit Yes (No is the
    default, so a stray Enter changes nothing)."""
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def fit_dialog(widget: QWidget) -> None:
    """Grow the dialog holding ``widget`` so a word-wrapped message shown in it is read whole.

    A dialog does not grow by itself when a wrapped label appears in its form: the label kept
    one line and a long refusal (an order naming a leaving salesperson) was clipped."""
    top = widget.window()
    if not isinstance(top, QDialog) or not top.isVisible() or top.layout() is None:
        return
    top.layout().activate()
    hint = top.sizeHint()
    top.resize(max(top.width(), hint.width()), max(top.height(), hint.height()))
