"""The dialogs of the case itself: open or correct a case, a transition's comment, and the
helpers every case dialog shares (a comment field, a refused step's reasons as HTML).

Each runs its service call off the GUI thread (:class:`TaskDialog`) and shows a refused input
under the field at fault. Dialogs that only gather a choice (a transition's comment) hand it
back, and the case screen runs the slow call behind a progress dialog. The dialogs of the
tabs are in ``dialogs_customers``, ``dialogs_checklist`` and ``dialogs_deadlines``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from shiboken6 import isValid

from desktop.errors import BatonError, ValidationError
from desktop.i18n import format_date
from desktop.services import business_settings as bsettings
from desktop.services import departures, staff
from desktop.services.context import ServiceContext
from desktop.services.departures import CaseDetail, CaseInput
from desktop.views.errors import show_error, translate_error
from desktop.views.labels import (
    CASE_TYPES,
    case_type_label,
)
from desktop.views.pages.customers import employee_picker
from desktop.views.qtext import fill
from desktop.views.widgets.inputs import DateEdit, choice_items
from desktop.views.widgets.style import set_style_role
from desktop.views.widgets.task_dialog import TaskDialog
from desktop.views.workers import TaskRunner

#: The business settings the case form starts from (the notice periods).
CASE_SETTINGS = (bsettings.NOTICE_DAYS, bsettings.PROBATION_NOTICE_DAYS)


def read_settings(ctx: ServiceContext, keys: Sequence[str]) -> dict[str, Any]:
    """Business settings a form starts from, read in one worker run."""
    return {key: bsettings.get(ctx, key) for key in keys}


def when_settings_read(
    runner: TaskRunner,
    parent: QWidget,
    ctx: ServiceContext,
    keys: Sequence[str],
    then: Callable[[dict[str, Any]], None],
) -> None:
    """Read the settings a form needs on the worker, then open it (``then(settings)``)."""
    runner.start(
        read_settings,
        ctx,
        tuple(keys),
        on_done=then,
        on_error=lambda exc: show_error(parent, exc),
    )


def probation_end(ctx: ServiceContext, employee_id: int) -> date | None:
    """When the employee's probation ends (for the notice hint); None when unknown."""
    try:
        return staff.get_employee(ctx, employee_id, False).probation_end
    except BatonError:  # the notice hint is a help; the service checks the case
        return None


def comment_edit(height: int = 70) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setMaximumHeight(height)
    return edit


def failure_text(error: BatonError) -> str:
    """A refused step's reason in the interface language; a duty named in it (a deadline's
    title, context "Departures") is translated too."""
    duty = error.params.get("duty")
    if isinstance(duty, str):
        error = ValidationError(
            error.template,
            field=getattr(error, "field", None),
            **{**error.params, "duty": QCoreApplication.translate("Departures", duty)},
        )
    return translate_error(error)


def failure_html(failures: Sequence[BatonError]) -> str:
    """Every failed precondition as a list (the case screen and the review show it)."""
    return (
        "<ul style='margin: 2px 0 0 -20px'>"
        + "".join(f"<li>{_html(failure_text(f))}</li>" for f in failures)
        + "</ul>"
    )


def _wrap(layout: Any) -> QWidget:
    widget = QWidget()
    layout.setContentsMargins(0, 0, 0, 0)
    widget.setLayout(layout)
    return widget


def _html(text: str) -> str:
    from html import escape

    return escape(text)


# --------------------------------------------------------------------------- the case itself


class CaseDialog(TaskDialog):
    """Open a departure case (or correct an open one): the legal notice is computed and shown."""

    def __init__(
        self,
        ctx: ServiceContext,
        runner: TaskRunner,
        parent: QWidget | None = None,
        employee: tuple[int, str] | None = None,
        detail: CaseDetail | None = None,
        *,
        settings: dict[str, Any],
    ) -> None:
        super().__init__(
            runner,
            self.tr("Correct the departure case") if detail else self.tr("New departure case"),
            parent,
        )
        self.ctx = ctx
        self.detail = detail
        today = ctx.today()
        self.notice_days = int(settings[bsettings.NOTICE_DAYS])
        self.probation_days = int(settings[bsettings.PROBATION_NOTICE_DAYS])
        self.probation_end: date | None = None
        self._probation_asked: int | None = None
        self.employee = employee_picker(ctx, runner, sales_only=False)
        self.employee.setMinimumWidth(320)
        self.employee.chosen.connect(lambda _id: self._employee_changed())
        self.case_type = QComboBox()
        choice_items(
            self.case_type,
            [(t, case_type_label(t)) for t in CASE_TYPES],
            detail.case.case_type if detail else "resignation",
        )
        c = detail.case if detail else None
        self.submitted_on = DateEdit(c.submitted_on if c else today)
        self.notice_on = DateEdit(c.notice_on if c and c.notice_on else today)
        self.last_day = DateEdit(c.last_day if c else today + timedelta(days=self.notice_days))
        self.legal = QLabel()
        self.legal.setWordWrap(True)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        set_style_role(self.warning, "role", "warning")
        self.reason = comment_edit()
        self.reason.setPlainText(detail.reason or "" if detail else "")
        self.destination = QLineEdit(detail.destination or "" if detail else "")
        self.destination.setPlaceholderText(self.tr("If known, e.g. the new employer"))
        self.add_row("employee_id", self.tr("Employee"), self.employee)
        self.add_row("case_type", self.tr("Type"), self.case_type)
        self.add_row("submitted_on", self.tr("Submitted on"), self.submitted_on)
        self.add_row("notice_on", self.tr("Written notice on"), self.notice_on)
        self.add_row("last_day", self.tr("Last working day"), self.last_day)
        self.form.addRow("", self.legal)
        self.form.addRow("", self.warning)
        self.add_row("reason", self.tr("Reason"), self.reason)
        self.add_row("destination", self.tr("Destination"), self.destination)
        self.ok_button.setText(self.tr("Save") if detail else self.tr("Open the case"))
        self._auto_last_day = detail is None
        self._setting = False
        if detail is not None:
            self.employee.set_value(
                detail.case.employee_id,
                f"{detail.case.employee_name} ({detail.case.employee_no})",
            )
            self.employee.setEnabled(False)
            self.probation_end = detail.probation_end
        elif employee is not None:
            self.employee.set_value(*employee)
            self._employee_changed()
        self.notice_on.dateChanged.connect(lambda _d: self._dates_changed(True))
        self.case_type.currentIndexChanged.connect(lambda _i: self._dates_changed(False))
        self.last_day.dateChanged.connect(lambda _d: self._last_day_edited())
        self._dates_changed(False)

    def _employee_changed(self) -> None:
        """Ask the worker when the chosen employee's probation ends, then update the hint."""
        ident = self.employee.value()
        self.probation_end = None
        self._probation_asked = ident
        self._dates_changed(True)
        if ident is not None:
            self.runner.start(
                probation_end,
                self.ctx,
                ident,
                on_done=lambda end: self._probation_read(ident, end),
            )

    def _probation_read(self, ident: int, end: date | None) -> None:
        # Not closed, and not another employee chosen meanwhile.
        if isValid(self) and ident == self._probation_asked:
            self.probation_end = end
            self._dates_changed(True)

    def _last_day_edited(self) -> None:
        if not self._setting:
            self._auto_last_day = False
        self._dates_changed(False)

    def notice(self) -> departures.NoticePeriod:
        """The notice period as the case's deadlines will count it (one rule, in services)."""
        return departures.notice_period(
            str(self.case_type.currentData()),
            self.notice_on.value(),
            self.probation_end,
            self.notice_days,
            self.probation_days,
        )

    def _dates_changed(self, move_last_day: bool) -> None:
        notice = self.notice()
        if move_last_day and self._auto_last_day and notice.applies:
            self._setting = True
            self.last_day.set_value(notice.ends_on)
            self._setting = False
        if notice.applies:
            self.legal.setText(
                fill(
                    self.tr(
                        "Legal notice: %n day(s) (%1) — the notice period ends on %2.",
                        "",
                        notice.days,
                    ),
                    self.tr("in probation") if notice.probation else self.tr("after probation"),
                    format_date(notice.ends_on),
                )
            )
        else:
            self.legal.setText(self.tr("No notice period applies to a contract end or retirement."))
        short = notice.short(self.last_day.value())
        self.warning.setText(
            QCoreApplication.translate("Departures", departures.WARN_SHORT_NOTICE) if short else ""
        )
        self.warning.setVisible(short)

    def case_input(self) -> CaseInput | None:
        ident = self.employee.value()
        if ident is None:
            self.errors.show({"employee_id": self.tr("Choose the employee who is leaving.")})
            return None
        return CaseInput(
            employee_id=ident,
            last_day=self.last_day.value(),
            case_type=str(self.case_type.currentData()),
            notice_on=self.notice_on.value(),
            submitted_on=self.submitted_on.value(),
            reason=self.reason.toPlainText().strip() or None,
            destination=self.destination.text().strip() or None,
        )

    def submit(self) -> None:
        data = self.case_input()
        if data is None:
            return
        if self.detail is None:
            self.run(departures.start_case, self.ctx, data)
        else:
            self.run(
                departures.update_case,
                self.ctx,
                self.detail.case.id,
                data,
                self.detail.case.version,
            )


class CommentDialog(TaskDialog):
    """A transition's comment (required for some moves); gives the text back."""

    def __init__(
        self,
        runner: TaskRunner,
        title: str,
        intro: str,
        required: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, title, parent)
        self.required = required
        self.set_intro(intro)
        self.comment = comment_edit(110)
        self.add_row(
            "comment",
            self.tr("Comment (required)") if required else self.tr("Comment"),
            self.comment,
        )
        self.ok_button.setText(title)

    def submit(self) -> None:
        text = self.comment.toPlainText().strip()
        if self.required and not text:
            self.errors.show(
                {"comment": self.tr("Write why: the comment is recorded with the step.")}
            )
            return
        self._done(text)
