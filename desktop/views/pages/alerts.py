"""The alerts inbox (SPEC §6): what each rule raised, the evidence with links to the records,
and acknowledge / resolve / dismiss (with a reason) and assign.

Every service call runs on the task runner, never on the GUI thread. The page says what it is
for and that a signal is not proof: a customer may lawfully follow a person it trusts.
"""

from __future__ import annotations

from datetime import timedelta
from html import escape
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import format_datetime
from desktop.services import alerts, terms
from desktop.services.alerts import AlertFilter, AlertRow
from desktop.services.changes import Kind
from desktop.services.context import Changes
from desktop.services.permissions import Action, can
from desktop.services.terms import figures_text
from desktop.views.errors import show_error
from desktop.views.export_requests import ExportRequestsPanel
from desktop.views.pages.base import Page
from desktop.views.qtext import fill
from desktop.views.widgets.rows import MUTED_FG, OVERDUE_FG, Column, RowsModel
from desktop.views.workers import TaskRunner

#: Rule ids → their names (translated where shown): ``terms.RULE_TITLES``.
RULE_NAMES = terms.RULE_TITLES


def rule_name(rule: str) -> str:
    return QCoreApplication.translate(terms.ALERTS, RULE_NAMES.get(rule, rule))


def severity_label(value: str) -> str:
    return {
        "high": QCoreApplication.translate("AlertsPage", "high"),
        "medium": QCoreApplication.translate("AlertsPage", "medium"),
        "low": QCoreApplication.translate("AlertsPage", "low"),
    }.get(value, value)


def status_label(value: str) -> str:
    return {
        "open": QCoreApplication.translate("AlertsPage", "open"),
        "acknowledged": QCoreApplication.translate("AlertsPage", "acknowledged"),
        "resolved": QCoreApplication.translate("AlertsPage", "resolved"),
        "dismissed": QCoreApplication.translate("AlertsPage", "dismissed"),
    }.get(value, value)


#: Evidence keys that name a record, and the kind of record they open.
LINK_KEYS = {
    "case_id": "case",
    "customer_id": "customer",
    "order_id": "order",
    "followup_id": "followup",
    "owner_id": "employee",
    "leaver_id": "employee",
    "successor_id": "employee",
}
LIST_KEYS = {
    "orders": "order",
    "followups": "followup",
    "receivables": "receivable",
    "customers": "customer",
    "documents": "document",
}


def evidence_key(key: str) -> str:
    """An evidence key in words where the core names it (else the key)."""
    if key in terms.EVIDENCE:
        return QCoreApplication.translate("AlertEvidence", terms.EVIDENCE[key])
    if key in terms.FIGURES:
        return QCoreApplication.translate(terms.ALERTS, terms.FIGURES[key])
    return key


def evidence_value(key: str, value: object) -> str:
    """A plain evidence value as shown: none as a dash, missing fields by name."""
    if value is None:
        return "—"
    if key == "missing" and isinstance(value, list | str):
        codes = value.split(",") if isinstance(value, str) else value
        return "、".join(
            QCoreApplication.translate(terms.ALERTS, terms.MISSING_FIELDS[str(c)])
            if str(c) in terms.MISSING_FIELDS
            else str(c)
            for c in codes
        )
    return str(value)


def evidence_html(row: AlertRow) -> str:
    """The figures that crossed the threshold, with a link for every record named."""
    lines: list[str] = []
    subject = f"<a href='{row.subject_kind}:{row.subject_id}'>{escape(row.subject)}</a>"
    lines.append(f"<b>{escape(rule_name(row.rule))}</b> · {subject}")
    for key, value in sorted(row.evidence.items()):
        if key == "missing" or value is None:
            text = escape(evidence_value(key, value))
        elif key in LINK_KEYS:
            text = f"<a href='{LINK_KEYS[key]}:{int(value)}'>{escape(str(value))}</a>"
        elif key in LIST_KEYS and isinstance(value, list):
            links = []
            for item in value:
                ident = item.get("id") if isinstance(item, dict) else item
                label = item.get("number", ident) if isinstance(item, dict) else item
                if isinstance(ident, int):
                    links.append(f"<a href='{LIST_KEYS[key]}:{ident}'>{escape(str(label))}</a>")
            text = ", ".join(links) or "—"
        elif isinstance(value, list | dict):
            text = escape(str(value))
        else:
            text = escape(str(value))
        lines.append(f"{escape(evidence_key(key))}: {text}")
    if row.reason:
        lines.append("<i>" + escape(row.reason) + "</i>")
    return "<br>".join(lines)


class AlertsPage(Page):
    """The inbox: hr, managers (their branch) and administrators."""

    action = Action.ALERTS_VIEW
    watches = frozenset(
        {Kind.ALERTS, Kind.ORDERS, Kind.FOLLOWUPS, Kind.OWNERSHIP, Kind.EXPORT_REQUESTS}
    )
    #: A record link was followed: (kind, id), e.g. ("case", 12).
    open_record = Signal(str, int)
    #: The open-alert counts changed (for the navigation badge and the dashboard).
    counts_changed = Signal(object)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self._request = 0
        self.rows: list[AlertRow] = []
        purpose = QLabel(
            self.tr(
                "Alerts point at company records worth a second look: orders, follow-ups, "
                "exports and ownership changes around departing staff. They cover company "
                "records only, never private content. A signal is not proof: a customer may "
                "lawfully follow a person it trusts. Decide each alert with a reason."
            )
        )
        purpose.setObjectName("purpose")
        purpose.setWordWrap(True)
        self.rule = QComboBox()
        self.rule.addItem(self.tr("All rules"), None)
        for rid in RULE_NAMES:
            self.rule.addItem(rule_name(rid), rid)
        self.severity = QComboBox()
        self.severity.addItem(self.tr("Any severity"), None)
        for s in ("high", "medium", "low"):
            self.severity.addItem(severity_label(s), s)
        self.status = QComboBox()
        self.status.addItem(self.tr("Open and acknowledged"), "active")
        self.status.addItem(self.tr("Any status"), None)
        for s in ("open", "acknowledged", "resolved", "dismissed"):
            self.status.addItem(status_label(s), s)
        self.employee = QComboBox()
        self.employee.addItem(self.tr("Any employee"), None)
        self.period = QComboBox()
        for label, days in (
            (self.tr("Any time"), None),
            (self.tr("Last 7 days"), 7),
            (self.tr("Last 30 days"), 30),
            (self.tr("Last 90 days"), 90),
        ):
            self.period.addItem(label, days)
        for combo in (self.rule, self.severity, self.status, self.employee, self.period):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.sweep_button = QPushButton(self.tr("Check now"))
        self.sweep_button.clicked.connect(self.sweep)
        filters = QHBoxLayout()
        for w in (self.rule, self.severity, self.status, self.employee, self.period):
            filters.addWidget(w)
        filters.addStretch()
        filters.addWidget(self.sweep_button)
        self.model = RowsModel(
            [
                Column(
                    self.tr("Raised"),
                    lambda r: format_datetime(r.raised_at),
                    key=lambda r: r.raised_at,
                ),
                Column(self.tr("Severity"), lambda r: severity_label(r.severity)),
                Column(self.tr("Rule"), lambda r: rule_name(r.rule)),
                Column(self.tr("About"), lambda r: r.subject),
                Column(self.tr("Employee"), lambda r: r.employee or ""),
                Column(self.tr("Status"), lambda r: status_label(r.status)),
                Column(self.tr("Assignee"), lambda r: r.assignee or ""),
                Column(
                    self.tr("Figures"),
                    lambda r: figures_text(r.summary, QCoreApplication.translate),
                ),
            ]
        )
        self.model.colours = lambda r, c: (
            (OVERDUE_FG, None)
            if c == 1 and r.severity == "high"
            else (MUTED_FG, None)
            if r.status in ("resolved", "dismissed")
            else None
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        self.count = QLabel()
        self.evidence = QTextBrowser()
        self.evidence.setOpenLinks(False)
        self.evidence.anchorClicked.connect(self._link)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Reason (required to resolve or dismiss)"))
        self.assignee = QLineEdit()
        self.assignee.setPlaceholderText(self.tr("User name to assign to"))
        self.ack_button = QPushButton(self.tr("Acknowledge"))
        self.resolve_button = QPushButton(self.tr("Resolve"))
        self.dismiss_button = QPushButton(self.tr("Dismiss"))
        self.assign_button = QPushButton(self.tr("Assign"))
        self.ack_button.clicked.connect(lambda: self._decide(alerts.acknowledge))
        self.resolve_button.clicked.connect(lambda: self._decide(alerts.resolve))
        self.dismiss_button.clicked.connect(lambda: self._decide(alerts.dismiss))
        self.assign_button.clicked.connect(self._assign)
        actions = QHBoxLayout()
        for b in (self.ack_button, self.resolve_button, self.dismiss_button):
            actions.addWidget(b)
        assign = QHBoxLayout()
        assign.addWidget(self.assignee, 1)
        assign.addWidget(self.assign_button)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.evidence, 1)
        rl.addWidget(self.reason)
        rl.addLayout(actions)
        rl.addLayout(assign)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.count)
        ll.addWidget(self.table, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([760, 440])
        layout = QVBoxLayout(self)
        layout.addWidget(purpose)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        # Export requests waiting for an approval (issue 14): approve or reject here.
        self.export_requests = ExportRequestsPanel(runner, self)
        self.export_requests.changed.connect(self.emit_changes)
        layout.addWidget(self.export_requests)
        self._selected()

    def title(self) -> str:
        return self.tr("Alerts")

    # -- reading ---------------------------------------------------------------

    def _filter(self) -> AlertFilter:
        status = self.status.currentData()
        days = self.period.currentData()
        since = None
        if days is not None and self.ctx is not None:
            since = self.ctx.today() - timedelta(days=days)
        return AlertFilter(
            rule=self.rule.currentData(),
            severity=self.severity.currentData(),
            status=None if status in (None, "active") else status,
            open_only=status == "active",
            employee_id=self.employee.currentData(),
            since=since,
        )

    def refresh(self) -> None:
        if self.ctx is None:
            return
        self._request += 1
        request, ctx = self._request, self.ctx
        self.export_requests.load(ctx)
        self.count.setText(self.tr("Loading…"))
        self.runner.start(
            alerts.list_alerts,
            ctx,
            self._filter(),
            on_done=lambda rows: self._show(request, rows),
            on_error=lambda exc: self._failed(request, exc),
        )
        self.runner.start(
            alerts.open_counts,
            ctx,
            on_done=lambda c: self.counts_changed.emit(c) if self.ctx is ctx else None,
        )

    def _failed(self, request: int, exc: BaseException) -> None:
        if request == self._request:
            self.count.clear()
            show_error(self, exc)

    def _show(self, request: int, rows: list[AlertRow]) -> None:
        if request != self._request or self.ctx is None:
            return
        current = self.selected()
        self.rows = rows
        self.model.set_rows(rows)
        self.count.setText(fill(self.tr("%1 alert(s)"), len(rows)))
        known = {self.employee.itemData(i) for i in range(self.employee.count())}
        for r in rows:
            if r.employee_id is not None and r.employee_id not in known:
                known.add(r.employee_id)
                self.employee.blockSignals(True)
                self.employee.addItem(r.employee or str(r.employee_id), r.employee_id)
                self.employee.blockSignals(False)
        if current is not None:
            for i, r in enumerate(self.model.rows):
                if r.id == current.id:
                    self.table.selectRow(i)
                    break
        self._selected()

    def selected(self) -> AlertRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_object(rows[0].row()) if rows else None

    def _selected(self) -> None:
        row = self.selected()
        manage = self.ctx is not None and can(self.ctx.actor.role, Action.ALERTS_MANAGE)
        active = row is not None and row.status in ("open", "acknowledged")
        self.ack_button.setEnabled(manage and row is not None and row.status == "open")
        for b in (self.resolve_button, self.dismiss_button):
            b.setEnabled(manage and active)
        self.assign_button.setEnabled(manage and row is not None)
        if row is None:
            self.evidence.setHtml("<i>" + self.tr("Select an alert to see its evidence.") + "</i>")
        else:
            self.evidence.setHtml(evidence_html(row))
            self.assignee.setText(row.assignee or "")

    def _link(self, url: Any) -> None:
        kind, _, ident = url.toString().partition(":")
        if ident.isdigit():
            self.open_record.emit(kind, int(ident))

    # -- deciding --------------------------------------------------------------

    def _decide(self, fn: Any) -> None:
        row = self.selected()
        if row is None or self.ctx is None:
            return
        self.runner.start(
            fn,
            self.ctx,
            row.id,
            self.reason.text(),
            on_done=self._decided,
            on_error=lambda exc: show_error(self, exc),
        )

    def _assign(self) -> None:
        row = self.selected()
        if row is None or self.ctx is None:
            return
        self.runner.start(
            alerts.assign,
            self.ctx,
            row.id,
            self.assignee.text().strip() or None,
            on_done=self._decided,
            on_error=lambda exc: show_error(self, exc),
        )

    def _decided(self, changes: Changes) -> None:
        self.reason.clear()
        self.emit_changes(changes)
        self.refresh()

    def sweep(self) -> None:
        if self.ctx is None:
            return
        self.sweep_button.setEnabled(False)

        def done(result: alerts.SweepResult) -> None:
            self.sweep_button.setEnabled(True)
            self.emit_changes(result.changes)
            self.refresh()

        def failed(exc: BaseException) -> None:
            self.sweep_button.setEnabled(True)
            show_error(self, exc)

        self.runner.start(alerts.sweep, self.ctx, on_done=done, on_error=failed)

    def clear(self) -> None:
        super().clear()
        self._request += 1
        self.rows = []
        self.model.set_rows([])
        self.evidence.clear()
        self.reason.clear()
        self.assignee.clear()
        self.count.clear()
        self.export_requests.clear()
        self.employee.blockSignals(True)
        while self.employee.count() > 1:
            self.employee.removeItem(1)
        self.employee.blockSignals(False)
