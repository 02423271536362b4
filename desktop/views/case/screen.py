"""The case screen: one departure case, its stepper and moves, and a tab per part of the handover.

The case is read in one service call (:func:`desktop.services.departures.get_case`) off the
GUI thread; every tab shows a part of that one :class:`CaseDetail`. An action runs its service
call, then the screen reads the case again and tells the window what changed. What a role
cannot do is disabled here, and the services check again. The tabs live in the ``tab_*``
modules of this package, the dialogs in the ``dialogs*`` modules.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import BatonError
from desktop.i18n import format_date, format_datetime
from desktop.services import departures, handover
from desktop.services.context import Changes, ServiceContext
from desktop.services.departures import (
    TRANSITIONS,
    CaseDetail,
    TransitionOption,
    TransitionRefused,
)
from desktop.services.departures import aftermath as post_departure
from desktop.services.files import save_output
from desktop.services.handover import ItemRow
from desktop.services.permissions import Action, can
from desktop.views.case import dialogs
from desktop.views.case.common import CLOSED, CaseTab
from desktop.views.case.stepper import Stepper
from desktop.views.case.tab_after import AfterTab
from desktop.views.case.tab_checklist import ChecklistTab
from desktop.views.case.tab_customers import CustomersTab
from desktop.views.case.tab_deadlines import DeadlinesTab
from desktop.views.case.tab_history import HistoryTab
from desktop.views.case.tab_receivables import MoneyTab
from desktop.views.errors import show_error, translate_error
from desktop.views.filedialogs import get_open_file_name, get_save_file_name
from desktop.views.labels import (
    case_state_label,
    case_type_label,
    transition_label,
)
from desktop.views.qtext import fill
from desktop.views.widgets.style import set_style_role
from desktop.views.workers import TaskRunner, run_with_progress


class CaseScreen(QWidget):
    """One case: header, stepper, moves, tabs. ``open_case`` reads it off the GUI thread."""

    back = Signal()
    #: Emitted after an action changed data (the window tells the other pages).
    changed = Signal(object)
    #: Emitted with the :class:`CaseDetail` each time the case was (re)read; None when the
    #: screen forgets it (another case is opened, or the window locks).
    case_loaded = Signal(object)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.ctx: ServiceContext | None = None
        self.case_id: int | None = None
        self.detail: CaseDetail | None = None
        self.loading = False
        self._request = 0
        self._dialog: Any = None

        self.back_button = QPushButton("← " + self.tr("Cases"))
        self.back_button.setToolTip(self.tr("Back to the list (Alt+Left)"))
        self.back_button.clicked.connect(self.back)
        self.title = QLabel()
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.edit_button = QPushButton(self.tr("Edit case…"))
        self.edit_button.clicked.connect(self.edit_case)
        self.reload_button = QPushButton(self.tr("Reload"))
        self.reload_button.setToolTip(self.tr("Read the case again (F5)"))
        self.reload_button.clicked.connect(self.reload)
        head = QHBoxLayout()
        head.addWidget(self.back_button)
        head.addWidget(self.title, 1)
        head.addWidget(self.edit_button)
        head.addWidget(self.reload_button)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.stepper = Stepper()
        self.moves = QHBoxLayout()
        self.moves.setContentsMargins(0, 0, 0, 0)
        moves_box = QWidget()
        moves_box.setLayout(self.moves)
        self.move_buttons: dict[str, QPushButton] = {}
        self.blockers = QLabel()
        self.blockers.setObjectName("blockers")
        self.blockers.setWordWrap(True)
        self.blockers.setTextFormat(Qt.TextFormat.RichText)
        self.blockers_area = QScrollArea()
        self.blockers_area.setWidget(self.blockers)
        self.blockers_area.setWidgetResizable(True)
        self.blockers_area.setFrameShape(QFrame.Shape.NoFrame)
        self.blockers_area.setMaximumHeight(120)
        self.blockers_area.hide()
        self.status = QLabel()
        set_style_role(self.status, "role", "hint")
        self.tabs = QTabWidget()
        self.customers = CustomersTab(self)
        self.checklist = ChecklistTab(self)
        self.money = MoneyTab(self)
        self.deadlines = DeadlinesTab(self)
        self.history = HistoryTab(self)
        self.after = AfterTab(self)
        self.documents = QLabel(
            self.tr(
                "Documents: the handover form (离职交接单) to print, sign and attach back "
                "appears here."
            )
        )
        self.documents.setObjectName("documentsPlaceholder")
        self.documents.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.documents.setWordWrap(True)
        set_style_role(self.documents, "role", "empty")
        self.case_tabs: list[CaseTab] = [
            self.customers,
            self.checklist,
            self.money,
            self.deadlines,
            self.history,
            self.after,
        ]
        self.tabs.addTab(self.customers, self.tr("Customers"))
        self.tabs.addTab(self.checklist, self.tr("Checklist"))
        self.tabs.addTab(self.money, self.tr("Receivables && orders"))
        self.tabs.addTab(self.deadlines, self.tr("Deadlines && clauses"))
        self.tabs.addTab(self.history, self.tr("History"))
        self.tabs.addTab(self.after, self.tr("After departure"))
        self.tabs.addTab(self.documents, self.tr("Documents"))
        self.tabs.currentChanged.connect(self._tab_changed)

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.facts)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(line)
        layout.addWidget(self.stepper)
        layout.addWidget(moves_box)
        layout.addWidget(self.blockers_area)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        self.tabs.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        QShortcut(QKeySequence("Alt+Left"), self, activated=self.back)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, activated=self.reload)
        QShortcut(QKeySequence("Ctrl+PgDown"), self, activated=lambda: self._step_tab(1))
        QShortcut(QKeySequence("Ctrl+PgUp"), self, activated=lambda: self._step_tab(-1))

    # -- for the other parts of the application ------------------------------------

    def add_tab(self, widget: QWidget, title: str) -> int:
        """Add a tab (e.g. the documents of the case) before the Documents placeholder;
        listen to ``case_loaded`` to follow the case shown. Returns the tab's index."""
        index = self.tabs.indexOf(self.documents)
        if index < 0:
            return self.tabs.addTab(widget, title)
        return self.tabs.insertTab(index, widget, title)

    def set_documents_tab(self, widget: QWidget, title: str) -> int:
        """Put the case's documents (handover form …) in place of the Documents placeholder.
        Connect the widget's change signal to :meth:`after_change` so the case is read again
        and the window told, and follow ``case_loaded`` (the case shown, or None)."""
        index = self.tabs.indexOf(self.documents)
        if index < 0:
            return self.add_tab(widget, title)
        self.tabs.removeTab(index)
        self.documents.deleteLater()
        self.documents = widget
        return self.tabs.insertTab(index, widget, title)

    # -- loading ---------------------------------------------------------------------

    def open_case(self, ctx: ServiceContext, case_id: int) -> None:
        if case_id != self.case_id:
            self.clear()
            self.tabs.setCurrentIndex(0)
        self.ctx = ctx
        self.case_id = case_id
        self.reload()

    def reload(self) -> None:
        if self.ctx is None or self.case_id is None:
            return
        self._request += 1
        request = self._request
        self.loading = True
        self.status.setText(self.tr("Loading the case…"))
        self.reload_button.setEnabled(False)
        self.runner.start(
            departures.get_case,
            self.ctx,
            self.case_id,
            on_done=lambda detail: self._loaded(request, detail),
            on_error=lambda exc: self._load_failed(request, exc),
        )

    def _loaded(self, request: int, detail: CaseDetail) -> None:
        if request != self._request or self.ctx is None or detail.case.id != self.case_id:
            return
        self.loading = False
        self.reload_button.setEnabled(True)
        self.status.clear()
        self.show_case(detail)

    def _load_failed(self, request: int, exc: BaseException) -> None:
        if request != self._request:
            return
        self.loading = False
        self.reload_button.setEnabled(True)
        self.status.setText(translate_error(exc) if isinstance(exc, BatonError) else "")
        show_error(self, exc)

    def show_case(self, detail: CaseDetail) -> None:
        self.detail = detail
        c = detail.case
        self.title.setText(
            f"<h2 style='margin:0'>{escape(c.number)} · {escape(c.employee_name)} "
            f"<span style='color:#777'>({escape(c.employee_no)})</span></h2>"
        )
        self._facts(detail)
        reached = None
        if c.state in CLOSED:
            reached = next(
                (e.from_state for e in reversed(detail.events) if e.to_state == c.state),
                None,
            )
        self.stepper.set_state(c.state, reached)
        self._moves(detail)
        self.edit_button.setEnabled(
            c.state in departures.OPEN_VALUES and self._role_can(Action.DEPARTURES_EDIT)
        )
        after = self.tabs.indexOf(self.after)
        self.tabs.setTabVisible(after, c.state in post_departure.DEPARTED_STATES)
        for tab in self.case_tabs:
            tab.show_case(detail)
        self._tab_changed(self.tabs.currentIndex())
        self._update_tab_titles(detail)
        self.case_loaded.emit(detail)

    def _update_tab_titles(self, detail: CaseDetail) -> None:
        customers = [i for i in detail.items if i.kind == "customer"]
        without = detail.risks.customers_without_successor
        title = self.tr("Customers")
        if customers:
            title = fill(self.tr("Customers (%1)"), len(customers))
            if without:
                title = fill(
                    self.tr("Customers (%1, %2 without successor)"), len(customers), without
                )
        self.tabs.setTabText(self.tabs.indexOf(self.customers), title)
        overdue = detail.risks.overdue_deadlines
        self.tabs.setTabText(
            self.tabs.indexOf(self.deadlines),
            fill(self.tr("Deadlines && clauses (%1 overdue)"), overdue)
            if overdue
            else self.tr("Deadlines && clauses"),
        )
        open_required = sum(
            1
            for i in detail.items
            if i.kind in ("checklist", "account") and i.required and i.status == "open"
        )
        self.tabs.setTabText(
            self.tabs.indexOf(self.checklist),
            fill(self.tr("Checklist (%1 required open)"), open_required)
            if open_required
            else self.tr("Checklist"),
        )

    def _facts(self, detail: CaseDetail) -> None:
        c = detail.case
        today = self.ctx.today() if self.ctx else date.today()
        days = (c.last_day - today).days
        when = (
            self.tr("in %n day(s)", "", days)
            if days > 0
            else self.tr("today")
            if days == 0
            else self.tr("%n day(s) ago", "", -days)
        )
        parts = [
            case_type_label(c.case_type),
            escape(c.branch_name or ""),
            escape(c.position_name or ""),
            fill(self.tr("manager %1"), escape(c.manager_name)) if c.manager_name else "",
        ]
        line1 = " · ".join(p for p in parts if p)
        line2 = fill(
            self.tr("Submitted %1 · notice %2 · <b>last working day %3</b> (%4)"),
            format_date(c.submitted_on),
            format_date(c.notice_on) or "—",
            format_date(c.last_day),
            when,
        )
        extra = []
        if detail.in_probation:
            extra.append(self.tr("in probation"))
        if detail.destination:
            extra.append(fill(self.tr("going to %1"), escape(detail.destination)))
        if detail.reason:
            extra.append(fill(self.tr("reason: %1"), escape(detail.reason)))
        if detail.lock is not None:
            extra.append(
                fill(
                    self.tr("<span style='color:#b00020'>order lock from %1</span>"),
                    format_date(detail.lock.locked_from),
                )
            )
        if detail.risks.lock_attempts:
            extra.append(
                fill(
                    self.tr("<b style='color:#b00020'>%1 refused order attempts</b>"),
                    detail.risks.lock_attempts,
                )
            )
        if detail.risks.order_flags:
            extra.append(
                fill(
                    self.tr(
                        "<b style='color:#b00020'>%1 orders for these customers named nobody "
                        "or not the successor</b>"
                    ),
                    detail.risks.order_flags,
                )
            )
        self.facts.setText("<br>".join(x for x in (line1, line2, " · ".join(extra)) if x))

    def _role_can(self, action: Action) -> bool:
        return self.ctx is not None and can(self.ctx.actor.role, action)

    def _moves(self, detail: CaseDetail) -> None:
        while self.moves.count():
            item = self.moves.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()
        self.move_buttons = {}
        caption = QLabel(self.tr("Next:") if detail.transitions else self.tr("No further step."))
        set_style_role(caption, "role", "hint")
        self.moves.addWidget(caption)
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        forward = [
            o for o in detail.transitions if o.name not in ("withdraw", "cancel", "send_back")
        ]
        backward = [o for o in detail.transitions if o.name in ("send_back", "withdraw", "cancel")]
        for group in (forward, backward):
            for option in group:
                button = QPushButton(transition_label(option.label))
                button.setObjectName(f"move_{option.name}")
                allowed_role = self._role_can(TRANSITIONS[option.name].action)
                button.setEnabled(allowed_role)
                if not allowed_role:
                    button.setToolTip(self.tr("Your role cannot take this step."))
                elif option.failures:
                    button.setIcon(warning)
                    button.setToolTip(self.tr("Not possible yet: click to see why."))
                elif option.name == detail.next_transition:
                    button.setDefault(True)
                    set_style_role(button, "role", "next-step")
                button.clicked.connect(lambda _c=False, o=option: self.take(o))
                self.moves.addWidget(button)
                self.move_buttons[option.name] = button
            if group is forward and backward:
                self.moves.addSpacing(24)
        self.moves.addStretch()
        nxt = next((o for o in detail.transitions if o.name == detail.next_transition), None)
        if nxt is not None and nxt.failures and self._role_can(TRANSITIONS[nxt.name].action):
            self.show_blockers(nxt)
        else:
            self.blockers_area.hide()

    def show_blockers(
        self, option: TransitionOption, failures: Sequence[BatonError] | None = None
    ) -> None:
        failures = list(failures if failures is not None else option.failures)
        self.blockers.setText(
            fill(
                self.tr("<b>%1 is not possible yet (%2):</b>"),
                escape(transition_label(option.label)),
                len(failures),
            )
            + dialogs.failure_html(failures)
        )
        self.blockers_area.show()

    def blocker_texts(self) -> list[str]:
        """The failed preconditions listed under the moves (for tests and screen readers)."""
        if self.blockers_area.isHidden() or self.detail is None:
            return []
        text = self.blockers.text()
        return [part.split("</li>")[0] for part in text.split("<li>")[1:]]

    def take(self, option: TransitionOption) -> None:
        """A move's button: list what blocks it, or ask for the comment and make it."""
        if self.ctx is None or self.detail is None:
            return
        if option.failures:
            self.show_blockers(option)
            return
        label = transition_label(option.label)
        intro = fill(
            self.tr("%1: %2 → %3. The step is recorded with your name, the time and the comment."),
            escape(self.detail.case.number),
            case_state_label(self.detail.case.state),
            case_state_label(option.target),
        )
        if option.name == "approve":
            intro += "<br><br>" + self.tr(
                "Approving generates the handover items from today's data (every customer, open "
                "invoice, order, contract and account of the employee); the order lock may start."
            )
        dialog = self.comment_dialog(label, intro, option.comment_required)
        ctx, case_id, version = self.ctx, self.detail.case.id, self.detail.case.version

        def go(comment: str) -> None:
            self.run(
                fill(self.tr("%1…"), label),
                departures.transition,
                ctx,
                case_id,
                option.name,
                comment,
                version,
                refused=option,
            )

        dialog.finished_with.connect(go)
        self.open_dialog(dialog, reload=False)

    def comment_dialog(self, title: str, intro: str, required: bool) -> dialogs.CommentDialog:
        return dialogs.CommentDialog(self.runner, title, intro, required, self)

    # -- running actions ---------------------------------------------------------------

    def open_dialog(self, dialog: Any, reload: bool = True) -> None:
        """Show a dialog without blocking; after its service call, reload and broadcast."""
        self._dialog = dialog
        if reload:
            dialog.finished_with.connect(self.after_change)
        dialog.finished.connect(lambda _r: self._forget(dialog))
        dialog.open()

    def _forget(self, dialog: Any) -> None:
        if self._dialog is dialog:
            self._dialog = None
        dialog.deleteLater()

    @property
    def dialog(self) -> Any:
        """The dialog open now (None when none is)."""
        return self._dialog

    def run(
        self,
        title: str,
        fn: Callable[..., Any],
        *args: Any,
        refused: TransitionOption | None = None,
    ) -> None:
        """Run a slow service call behind a progress dialog (not cancellable: the services
        commit in one unit of work), then reload."""

        def failed(exc: BaseException) -> None:
            if isinstance(exc, TransitionRefused) and refused is not None:
                self.show_blockers(refused, exc.failures)
                self.reload()
                return
            show_error(self, exc)
            self.reload()

        run_with_progress(
            self,
            self.runner,
            title,
            fn,
            *args,
            on_done=self.after_change,
            on_error=failed,
            cancellable=False,
        )

    def after_change(self, changes: Any) -> None:
        if isinstance(changes, Changes):
            self.changed.emit(changes)
        self.reload()

    def note(self, text: str) -> None:
        self.status.setText(text)

    def choose_file(self, title: str) -> str:
        name, _ = get_open_file_name(
            self,
            title,
            "",
            self.tr("Scans and documents (*.pdf *.png *.jpg *.jpeg);;All files (*)"),
        )
        return name

    def open_evidence(self, item: ItemRow) -> None:
        """Save an attachment where the user chooses (the read is audited), then open it."""
        if self.ctx is None:
            return
        ctx = self.ctx
        self.runner.start(
            handover.list_evidence,
            ctx,
            item.id,
            on_done=lambda files: self._save_evidence(files) if self.ctx is ctx else None,
            on_error=lambda exc: show_error(self, exc),
        )

    def _save_evidence(self, files: list[Any]) -> None:
        """Ask which attachment and where, then read and write it on the worker and open it."""
        if not files or self.ctx is None:
            return
        chosen = files[-1]
        if len(files) > 1:
            labels = [f"{f.file_name} ({format_datetime(f.uploaded_at)})" for f in files]
            picked, ok = QInputDialog.getItem(
                self,
                self.tr("Open evidence"),
                self.tr("Attachment"),
                labels,
                len(labels) - 1,
                False,
            )
            if not ok:
                return
            chosen = files[labels.index(picked)]
        name, _ = get_save_file_name(
            self, self.tr("Save the attachment as"), str(Path.home() / chosen.file_name)
        )
        if not name:
            return
        ctx, folder = self.ctx, getattr(self.ctx.store, "paths", None)

        def save() -> None:  # on the worker: the read is audited, the file may be large
            data = handover.read_evidence(ctx, chosen.id)
            save_output(Path(name), data.data, folder)

        self.runner.start(
            save,
            on_done=lambda _r: QDesktopServices.openUrl(QUrl.fromLocalFile(name)),
            on_error=lambda exc: show_error(self, exc),
        )

    def edit_case(self) -> None:
        if self.ctx is None or self.detail is None:
            return
        ctx, detail = self.ctx, self.detail
        dialogs.when_settings_read(
            self.runner,
            self,
            ctx,
            dialogs.CASE_SETTINGS,
            lambda settings: (
                self.open_dialog(
                    dialogs.CaseDialog(ctx, self.runner, self, detail=detail, settings=settings)
                )
                if self.ctx is ctx
                else None
            ),
        )

    # -- tabs ------------------------------------------------------------------------

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.after:
            self.after.load()

    def _step_tab(self, step: int) -> None:
        count = self.tabs.count()
        index = self.tabs.currentIndex()
        for _ in range(count):
            index = (index + step) % count
            if self.tabs.isTabVisible(index):
                self.tabs.setCurrentIndex(index)
                return

    def clear(self) -> None:
        """Forget the case (the window locks, or another case is opened)."""
        self._request += 1
        self.loading = False
        self.detail = None
        self.title.clear()
        self.facts.clear()
        self.blockers_area.hide()
        self.status.clear()
        self.stepper.set_state(None)
        while self.moves.count():
            item = self.moves.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()
        self.move_buttons = {}
        for tab in self.case_tabs:
            tab.clear()
        self.case_loaded.emit(None)
        if self._dialog is not None:
            self._dialog.close()
            self._dialog = None

    def forget_context(self) -> None:
        self.clear()
        self.ctx = None
        self.case_id = None
