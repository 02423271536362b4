"""The Checklist tab: checklist lines and app accounts by category, to mark done (with
evidence) or waive."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from desktop.i18n import format_date, format_datetime
from desktop.services import handover
from desktop.services.departures import (
    CaseDetail,
)
from desktop.services.handover import HANDOVER_STATES, ItemRow
from desktop.services.permissions import Action
from desktop.views.case import dialogs_checklist as dialogs
from desktop.views.case.common import (
    CaseTab,
)
from desktop.views.labels import (
    item_category_label,
    item_status_label,
    responsible_role_label,
)
from desktop.views.qtext import fill
from desktop.views.widgets.rows import (
    GOOD_FG,
    MUTED_FG,
    OVERDUE_BG,
    OVERDUE_FG,
)
from desktop.views.widgets.style import set_style_role

if TYPE_CHECKING:
    from desktop.views.case.screen import CaseScreen


class ChecklistTab(CaseTab):
    """Checklist lines and app accounts, grouped by category."""

    COLUMNS = 8

    def __init__(self, screen: CaseScreen) -> None:
        super().__init__(screen)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(self.COLUMNS)
        self.tree.setHeaderLabels(
            [
                self.tr("Item"),
                self.tr("Responsible"),
                self.tr("Due"),
                self.tr("Required"),
                self.tr("Evidence"),
                self.tr("Status"),
                self.tr("Done by"),
                self.tr("Note"),
            ]
        )
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.itemSelectionChanged.connect(self.update_actions)
        self.tree.itemDoubleClicked.connect(lambda *_: self.done())
        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        for name, text, slot in (
            ("done", self.tr("Done…"), self.done),
            ("attach", self.tr("Attach evidence…"), self.attach),
            ("evidence", self.tr("Open evidence…"), self.open_evidence),
            ("waive", self.tr("Waive…"), self.waive),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            bar.addWidget(button)
            self.buttons[name] = button
        bar.addStretch()
        self.summary = QLabel()
        set_style_role(self.summary, "role", "hint")
        self.empty = QLabel(
            self.tr("The checklist of the employee's position is added when the case is approved.")
        )
        set_style_role(self.empty, "role", "empty")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.empty)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.summary)

    def show_case(self, detail: CaseDetail) -> None:
        today = self.ctx.today() if self.ctx else date.today()
        selected = {i.id for i in self.selected()}
        self.tree.clear()
        items = [i for i in detail.items if i.kind in ("checklist", "account")]
        groups: dict[str, list[ItemRow]] = {}
        for item in items:
            groups.setdefault(item.category, []).append(item)
        order = [*handover.KIND_CATEGORY.values(), "assets", "documents", "other"]
        for category in sorted(groups, key=lambda c: order.index(c) if c in order else 99):
            rows = groups[category]
            finished = sum(1 for r in rows if r.status != "open")
            top = QTreeWidgetItem(
                [
                    fill(
                        self.tr("%1 (%2 of %3 done)"),
                        item_category_label(category),
                        finished,
                        len(rows),
                    )
                ]
            )
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            top.setFirstColumnSpanned(True)
            top.setFlags(top.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            self.tree.addTopLevelItem(top)
            for r in rows:
                responsible = (
                    responsible_role_label(r.responsible_role) if r.responsible_role else ""
                )
                if r.responsible_name:
                    responsible = (
                        f"{responsible} · {r.responsible_name}"
                        if responsible
                        else r.responsible_name
                    )
                evidence = ""
                if r.evidence_required or r.evidence_count:
                    evidence = fill(self.tr("%1 attached"), r.evidence_count)
                    if r.evidence_required:
                        evidence = fill(self.tr("needed, %1 attached"), r.evidence_count)
                done_by = (
                    fill(self.tr("%1, %2"), r.completed_by or "", format_datetime(r.completed_at))
                    if r.completed_at
                    else ""
                )
                child = QTreeWidgetItem(
                    [
                        r.title
                        if r.kind == "checklist"
                        else fill(self.tr("App account %1"), r.username or r.title),
                        responsible,
                        format_date(r.due_on),
                        self.tr("required") if r.required else self.tr("optional"),
                        evidence,
                        item_status_label(r.status),
                        done_by,
                        r.waived_reason or r.note or "",
                    ]
                )
                child.setData(0, Qt.ItemDataRole.UserRole, r)
                if r.status == "open" and r.due_on is not None and r.due_on < today:
                    for c in range(self.COLUMNS):
                        child.setForeground(c, OVERDUE_FG)
                        child.setBackground(c, OVERDUE_BG)
                    child.setToolTip(2, self.tr("Overdue"))
                elif r.status != "open":
                    for c in range(self.COLUMNS):
                        child.setForeground(c, MUTED_FG if r.status == "waived" else GOOD_FG)
                top.addChild(child)
                if r.id in selected:
                    child.setSelected(True)
        self.tree.expandAll()
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        metrics = self.tree.fontMetrics()
        for column, chars in enumerate((36, 22, 11, 9, 18, 9, 22, 20)):
            header.resizeSection(column, metrics.averageCharWidth() * chars)
        header.setStretchLastSection(True)
        self.empty.setVisible(not items)
        self.tree.setVisible(bool(items))
        open_required = sum(1 for r in items if r.required and r.status == "open")
        self.summary.setText(
            fill(
                self.tr("%n item(s) · %1 open · %2 required still open", "", len(items)),
                sum(1 for r in items if r.status == "open"),
                open_required,
            )
        )
        self.update_actions()

    def selected(self) -> list[ItemRow]:
        out = []
        for node in self.tree.selectedItems():
            row = node.data(0, Qt.ItemDataRole.UserRole)
            if row is not None:
                out.append(row)
        return out

    def update_actions(self) -> None:
        state = self.detail.case.state if self.detail else None
        editable = state in HANDOVER_STATES and self.role_can(Action.HANDOVER_EDIT)
        rows = self.selected()
        one = rows[0] if len(rows) == 1 else None
        self.buttons["done"].setEnabled(editable and one is not None and one.status == "open")
        self.buttons["attach"].setEnabled(editable and one is not None)
        self.buttons["evidence"].setEnabled(one is not None and one.evidence_count > 0)
        self.buttons["waive"].setEnabled(
            editable and bool(rows) and all(r.status in ("open", "done") for r in rows)
        )

    def clear(self) -> None:
        self.tree.clear()
        self.summary.clear()

    def done(self) -> None:
        rows = self.selected()
        if self.ctx is None or len(rows) != 1 or not self.buttons["done"].isEnabled():
            return
        self.screen.open_dialog(dialogs.DoneDialog(self.ctx, self.screen.runner, rows[0], self))

    def attach(self) -> None:
        rows = self.selected()
        if self.ctx is None or len(rows) != 1:
            return
        name = self.screen.choose_file(self.tr("Attach evidence"))
        if name:
            self.screen.run(self.tr("Attaching…"), dialogs.attach_file, self.ctx, rows[0].id, name)

    def waive(self) -> None:
        rows = self.selected()
        if self.ctx is not None and rows:
            self.screen.open_dialog(dialogs.WaiveDialog(self.ctx, self.screen.runner, rows, self))

    def open_evidence(self) -> None:
        rows = self.selected()
        if self.ctx is None or len(rows) != 1:
            return
        self.screen.open_evidence(rows[0])
