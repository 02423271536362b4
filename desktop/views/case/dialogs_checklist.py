"""The dialogs of the Checklist tab: mark items done (with evidence) or waive them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from desktop.services import handover
from desktop.services.context import Changes, ServiceContext
from desktop.services.handover import ItemRow
from desktop.views.case.dialogs import _html, _wrap, comment_edit
from desktop.views.filedialogs import get_open_file_name
from desktop.views.qtext import fill
from desktop.views.widgets.task_dialog import TaskDialog
from desktop.views.workers import TaskRunner

# --------------------------------------------------------------------------- checklist


def attach_file(ctx: ServiceContext, item_id: int, path: str) -> Changes:
    """Attach a chosen file to an item (read off the GUI thread, like the call)."""
    upload = handover.EvidenceUpload.from_path(Path(path))
    return handover.attach_evidence(ctx, item_id, upload.file_name, upload.data)


class DoneDialog(TaskDialog):
    """Mark a checklist item done, with its evidence file when the template asks for one."""

    def __init__(
        self,
        ctx: ServiceContext,
        runner: TaskRunner,
        item: ItemRow,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, self.tr("Mark done"), parent)
        self.ctx = ctx
        self.item = item
        self.needs_file = item.evidence_required and item.evidence_count == 0
        self.set_intro(f"<b>{_html(item.title)}</b>")
        self.file = QLineEdit()
        self.file.setPlaceholderText(self.tr("A scan, photo or PDF"))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.file, 1)
        row.addWidget(browse)
        label = (
            self.tr("Evidence (required)") if self.needs_file else self.tr("Evidence (optional)")
        )
        self.add_row("data", label, _wrap(row))
        self.note = comment_edit()
        self.add_row("note", self.tr("Note"), self.note)
        self.ok_button.setText(self.tr("Mark done"))

    def browse(self) -> None:
        name, _ = get_open_file_name(
            self,
            self.tr("Evidence file"),
            "",
            self.tr("Scans and documents (*.pdf *.png *.jpg *.jpeg);;All files (*)"),
        )
        if name:
            self.file.setText(name)

    def submit(self) -> None:
        path = self.file.text().strip()
        if self.needs_file and not path:
            self.errors.show({"data": self.tr("This item needs its evidence attached.")})
            return
        if path and not Path(path).is_file():
            self.errors.show({"data": fill(self.tr("%1 is not a file."), path)})
            return
        self.run(
            handover.complete_items,
            self.ctx,
            self.item.case_id,
            [self.item.id],
            {self.item.id: [Path(path)]} if path else None,
            self.note.toPlainText(),
        )


class WaiveDialog(TaskDialog):
    """Set items aside with a reason (an invoice paid meanwhile, an asset never issued)."""

    def __init__(
        self,
        ctx: ServiceContext,
        runner: TaskRunner,
        items: Sequence[ItemRow],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, self.tr("Waive"), parent)
        self.ctx = ctx
        self.items = list(items)
        if len(self.items) == 1:
            self.set_intro(f"<b>{_html(self.items[0].title)}</b>")
        else:
            self.set_intro(fill(self.tr("%1 selected items"), len(self.items)))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("e.g. paid meanwhile; never issued"))
        self.add_row("reason", self.tr("Reason"), self.reason)
        self.ok_button.setText(self.tr("Waive"))

    def submit(self) -> None:
        self.run(
            handover.waive_items,
            self.ctx,
            self.items[0].case_id,
            [i.id for i in self.items],
            self.reason.text(),
        )
