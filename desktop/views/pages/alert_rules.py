"""Settings → Alert rules (administrators): switch rules on and off, their severity, window
and thresholds. Every value is checked by the service; a refused value is named in the error
and nothing of that rule changes."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services import alerts, terms
from desktop.services.alerts import RuleInfo
from desktop.services.context import Changes, ServiceContext
from desktop.views.errors import show_error
from desktop.views.pages.alerts import rule_name, severity_label
from desktop.views.workers import TaskRunner

COLUMNS = 5


def threshold_label(key: str) -> str:
    """A threshold's name in the interface language (the key where the core names none)."""
    if key in terms.FIGURES:
        return QCoreApplication.translate(terms.ALERTS, terms.FIGURES[key])
    return key


def thresholds_text(values: dict[str, Any]) -> str:
    """``名称=value; …``: each threshold by its name, as the cell shows and edits it."""
    parts = []
    for key, value in values.items():
        shown = ", ".join(value) if isinstance(value, list) else str(value)
        parts.append(f"{threshold_label(key)}={shown}")
    return "; ".join(parts)


def parse_thresholds(text: str) -> dict[str, Any]:
    """``name=value; name=a, b`` back to a dict of keys (a name or the key itself; lists stay
    text: the service splits them)."""
    keys = {threshold_label(key): key for key in terms.FIGURES}
    out: dict[str, Any] = {}
    for part in text.split(";"):
        if "=" in part:
            name, _, value = part.partition("=")
            out[keys.get(name.strip(), name.strip())] = value.strip()
    return out


def severity_code(text: str) -> str:
    """The severity a cell names (its label or its code)."""
    labels = {severity_label(code): code for code in ("high", "medium", "low")}
    return labels.get(text, text)


def save_rules(ctx: ServiceContext, edits: list[dict[str, Any]]) -> Changes:
    """Run on the task runner: one validated update per edited rule."""
    changes = Changes()
    for edit in edits:
        changes = changes | alerts.update_rule(ctx, **edit)
    return changes


class AlertRulesTab(QWidget):
    saved = Signal(object)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.ctx: ServiceContext | None = None
        self.rules: list[RuleInfo] = []
        note = QLabel(
            self.tr(
                "Thresholds are checked before they are saved: a negative, zero or absurd value "
                "is refused. Keywords are separated by commas."
            )
        )
        note.setWordWrap(True)
        self.table = QTableWidget(0, COLUMNS)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Rule"),
                self.tr("On"),
                self.tr("Severity"),
                self.tr("Window (days)"),
                self.tr("Thresholds"),
            ]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.save_button = QPushButton(self.tr("Save rules"))
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def load(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.runner.start(
            alerts.list_rules,
            ctx,
            on_done=lambda rules: self._show(rules) if self.ctx is ctx else None,
            on_error=lambda exc: show_error(self, exc),
        )

    def _show(self, rules: list[RuleInfo]) -> None:
        self.rules = rules
        self.table.setRowCount(len(rules))
        for r, rule in enumerate(rules):
            name = QTableWidgetItem(rule_name(rule.id))
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            on = QTableWidgetItem()
            on.setFlags(on.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            on.setCheckState(Qt.CheckState.Checked if rule.enabled else Qt.CheckState.Unchecked)
            self.table.setItem(r, 0, name)
            self.table.setItem(r, 1, on)
            self.table.setItem(r, 2, QTableWidgetItem(severity_label(rule.severity)))
            self.table.setItem(r, 3, QTableWidgetItem(str(rule.window_days)))
            self.table.setItem(r, 4, QTableWidgetItem(thresholds_text(rule.thresholds)))
        self.table.resizeColumnsToContents()

    def edits(self) -> list[dict[str, Any]]:
        out = []
        for r, rule in enumerate(self.rules):
            enabled = self.table.item(r, 1).checkState() == Qt.CheckState.Checked
            severity = severity_code(self.table.item(r, 2).text().strip())
            window = self.table.item(r, 3).text().strip()
            thresholds = self.table.item(r, 4).text()
            edit: dict[str, Any] = {"rule_id": rule.id}
            if enabled != rule.enabled:
                edit["enabled"] = enabled
            if severity != rule.severity:
                edit["severity"] = severity
            if window != str(rule.window_days):
                edit["window_days"] = window
            if thresholds != thresholds_text(rule.thresholds):
                edit["thresholds"] = parse_thresholds(thresholds)
            if len(edit) > 1:
                out.append(edit)
        return out

    def save(self) -> None:
        if self.ctx is None:
            return
        edits = self.edits()
        if not edits:
            return
        ctx = self.ctx

        def done(changes: Changes) -> None:
            self.saved.emit(changes)
            self.load(ctx)

        def failed(exc: BaseException) -> None:
            show_error(self, exc)
            self.load(ctx)

        self.runner.start(save_rules, ctx, edits, on_done=done, on_error=failed)

    def clear(self) -> None:
        self.ctx = None
        self.rules = []
        self.table.setRowCount(0)
