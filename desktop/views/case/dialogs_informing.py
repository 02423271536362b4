"""The Customers tab's dialog to waive telling customers of the handover (客户告知), with a
reason: the case may then complete without them being told, and the form prints the reason."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QLineEdit, QWidget

from desktop.services import handover
from desktop.services.context import ServiceContext
from desktop.services.handover import ItemRow
from desktop.views.qtext import fill
from desktop.views.widgets.task_dialog import TaskDialog
from desktop.views.workers import TaskRunner


class WaiveInformingDialog(TaskDialog):
    """Record why the selected customers are not to be told (the reason is required)."""

    def __init__(
        self,
        ctx: ServiceContext,
        runner: TaskRunner,
        items: Sequence[ItemRow],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, self.tr("Waive informing"), parent)
        self.ctx = ctx
        self.items = list(items)
        self.set_intro(
            fill(
                self.tr(
                    "The %1 selected customers will not be told of the handover. The case can "
                    "then complete; the reason is recorded and printed on the handover form."
                ),
                len(self.items),
            )
        )
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("e.g. no orders for three years; customer closed"))
        self.add_row("reason", self.tr("Reason"), self.reason)
        self.ok_button.setText(self.tr("Waive informing"))

    def submit(self) -> None:
        self.run(
            handover.waive_informing,
            self.ctx,
            self.items[0].case_id,
            [i.id for i in self.items],
            self.reason.text(),
        )
