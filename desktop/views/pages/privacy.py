"""Personal-data duties (PIPL) on the Staff page.

* :class:`PersonalDataTab` — a tab of the employee detail: which notices and rules the employee
  acknowledged (the privacy notice, commission plans, monitoring rules), recording an
  acknowledgement, and the export of everything held about the person (PIPL art. 45);
* :class:`PrivacyDialog` — the firm's side: the publication record (what was made known to
  staff, when, acknowledged by how many — Labour Contract Law art. 4), publishing a notice or
  rule, and the retention purge of departed staff's personal fields with its setting, a
  dry-run preview and a confirmation naming who is purged (administrators).

Every read and write runs on the one database worker.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import format_date
from desktop.services import business_settings, files, privacy
from desktop.services.context import ServiceContext
from desktop.services.permissions import Action
from desktop.services.privacy import AcknowledgementRow, PublicationRow, PurgeResult
from desktop.views.case.common import _selected, _table_view
from desktop.views.filedialogs import get_save_file_name
from desktop.views.qtext import fill
from desktop.views.widgets.rows import Column, RowsModel
from desktop.views.widgets.style import set_style_role
from desktop.views.workers import CollectionOp, QueryOp, TaskRunner

KINDS = ("privacy_notice", "commission_plan", "monitoring_rules")


def kind_text(widget: QWidget, kind: str) -> str:
    return {
        "privacy_notice": widget.tr("Privacy notice (个人信息处理告知书)"),
        "commission_plan": widget.tr("Commission plan"),
        "monitoring_rules": widget.tr("Monitoring rules"),
    }.get(kind, kind)


def export_person(ctx: ServiceContext, employee_id: int, target: Path) -> int:
    """Everything held about one person, written to ``target`` (.json or .xlsx); the number
    of tables. Runs on the worker; the export is audited by the service."""
    fmt = "xlsx" if target.suffix.lower() == ".xlsx" else "json"
    data = privacy.person_export(ctx, employee_id)
    files.write_output(target, privacy.export_bytes(data, fmt))
    return sum(1 for v in data.values() if isinstance(v, list))


class PersonalDataTab(QWidget):
    """One employee's acknowledgements and the export of their personal data."""

    changed = Signal(object)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.ctx: ServiceContext | None = None
        self.employee_id: int | None = None
        self.employee_label = ""
        self.loaded = False
        self._request = 0
        self.model = RowsModel(
            [
                Column(self.tr("Publication"), lambda r: r.title),
                Column(self.tr("Kind"), lambda r: kind_text(self, r.kind)),
                Column(self.tr("Published"), lambda r: format_date(r.published_on)),
                Column(self.tr("Acknowledged"), self.acknowledged_text),
            ]
        )
        self.view = _table_view(self.model, multi=False)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self.update_actions())
        self.acknowledge_button = QPushButton(self.tr("Record acknowledgement"))
        self.acknowledge_button.setToolTip(
            self.tr("The employee signed or confirmed the selected notice or rule today")
        )
        self.acknowledge_button.clicked.connect(self.acknowledge_selected)
        self.export_button = QPushButton(self.tr("Export personal data…"))
        self.export_button.setToolTip(
            self.tr("Everything held about this person, as JSON or a workbook (audited)")
        )
        self.export_button.clicked.connect(self.choose_export)
        self.message = QLabel()
        self.message.setWordWrap(True)
        set_style_role(self.message, "role", "hint")
        bar = QHBoxLayout()
        bar.addWidget(self.acknowledge_button)
        bar.addWidget(self.export_button)
        bar.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.message)
        self.update_actions()

    def acknowledged_text(self, r: AcknowledgementRow) -> str:
        if r.acknowledged_on is None:
            return self.tr("not yet")
        return fill(
            self.tr("%1 (%2, recorded by %3)"), format_date(r.acknowledged_on), r.how, r.recorded_by
        )

    def show_employee(
        self, ctx: ServiceContext | None, employee_id: int | None, label: str = ""
    ) -> None:
        self.ctx, self.employee_id, self.employee_label = ctx, employee_id, label
        self.message.clear()
        self.reload()

    def reload(self) -> None:
        self._request += 1
        if self.ctx is None or self.employee_id is None:
            self.model.set_rows([])
            self.loaded = False
            self.update_actions()
            return
        request, ctx, employee_id = self._request, self.ctx, self.employee_id
        QueryOp(
            parent=self,
            op=lambda: privacy.acknowledgements_of(ctx, employee_id),
            success=lambda rows: self._show(request, rows),
        ).run(self.runner)

    def _show(self, request: int, rows: list[AcknowledgementRow]) -> None:
        if request != self._request:
            return
        self.model.set_rows(rows)
        self.loaded = True
        missing = sum(1 for r in rows if r.acknowledged_on is None)
        if not rows:
            self.message.setText(
                self.tr("Nothing published yet: Personal data (PIPL)… publishes the notice.")
            )
        elif missing:
            self.message.setText(fill(self.tr("%1 publication(s) not acknowledged yet."), missing))
        self.update_actions()

    def selected(self) -> AcknowledgementRow | None:
        rows = _selected(self.view, self.model)
        return rows[0] if rows else None

    def select_publication(self, publication_id: int) -> None:
        for i in range(self.model.rowCount()):
            if self.model.row_object(i).publication_id == publication_id:
                self.view.selectRow(i)
                return

    def update_actions(self) -> None:
        ctx, row = self.ctx, self.selected()
        self.acknowledge_button.setEnabled(
            ctx is not None
            and ctx.can(Action.STAFF_EDIT)
            and row is not None
            and row.acknowledged_on is None
        )
        self.export_button.setEnabled(
            ctx is not None and self.employee_id is not None and ctx.can(Action.PERSONAL_DATA_VIEW)
        )

    def acknowledge_selected(self) -> None:
        row = self.selected()
        if self.ctx is None or self.employee_id is None or row is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Record acknowledgement"),
            fill(
                self.tr("Record that %1 acknowledged “%2” today?"),
                self.employee_label,
                row.title,
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        ctx, employee_id, publication_id = self.ctx, self.employee_id, row.publication_id

        def done(changes: Any) -> None:
            self.changed.emit(changes)
            self.reload()

        CollectionOp(
            parent=self, op=lambda: privacy.acknowledge(ctx, publication_id, employee_id)
        ).success(done).run(self.runner, initiator=self)

    def choose_export(self) -> None:
        name, _ = get_save_file_name(
            self,
            self.tr("Export personal data"),
            f"{self.employee_label or 'person'}.json",
            self.tr("JSON (*.json);;Workbook (*.xlsx)"),
        )
        if name:
            self.export_to(Path(name))

    def export_to(self, target: Path) -> None:
        if self.ctx is None or self.employee_id is None:
            return
        ctx, employee_id = self.ctx, self.employee_id
        QueryOp(
            parent=self,
            op=lambda: export_person(ctx, employee_id, target),
            success=lambda tables: self.message.setText(
                fill(self.tr("Exported %1 table(s) about this person to %2"), tables, target)
            ),
        ).run(self.runner)


class PrivacyDialog(QDialog):
    """The publication record and the retention purge (the firm's side of the duties)."""

    changed = Signal(object)

    def __init__(
        self, ctx: ServiceContext, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.runner = ctx, runner
        self.setWindowTitle(self.tr("Personal data (PIPL)"))
        self.preview: PurgeResult | None = None
        self.done_result: PurgeResult | None = None
        self.publications_loaded = False

        # -- publications
        self.publications = RowsModel(
            [
                Column(self.tr("Title"), lambda r: r.title),
                Column(self.tr("Kind"), lambda r: kind_text(self, r.kind)),
                Column(self.tr("Published"), lambda r: format_date(r.published_on)),
                Column(self.tr("By"), lambda r: r.published_by),
                Column(self.tr("Acknowledged by"), lambda r: r.acknowledged, align_right=True),
                Column(self.tr("SHA-256"), lambda r: r.sha256[:16]),
            ]
        )
        self.publications_view = _table_view(self.publications, multi=False)
        self.publish_button = QPushButton(self.tr("Publish…"))
        self.publish_button.setEnabled(ctx.can(Action.STAFF_EDIT))
        self.publish_button.clicked.connect(self.open_publish)
        pubs = QWidget()
        pubs_layout = QVBoxLayout(pubs)
        pubs_layout.addWidget(
            QLabel(
                self.tr(
                    "What was made known to staff and when: the privacy notice, commission "
                    "plans and monitoring rules (Labour Contract Law art. 4)."
                )
            )
        )
        pubs_layout.addWidget(self.publish_button)
        pubs_layout.addWidget(self.publications_view, 1)

        # -- retention
        may_purge = ctx.can(Action.STAFF_EDIT) and ctx.can(Action.PERSONAL_DATA_VIEW)
        self.years = QSpinBox()
        self.years.setRange(2, 30)
        self.years.setSuffix(self.tr(" years"))
        self.save_years_button = QPushButton(self.tr("Save setting"))
        self.save_years_button.setEnabled(ctx.can(Action.SETTINGS_BUSINESS_EDIT))
        self.save_years_button.clicked.connect(self.save_years)
        self.preview_button = QPushButton(self.tr("Preview (dry run)"))
        self.preview_button.clicked.connect(self.run_preview)
        self.preview_button.setEnabled(may_purge)
        self.purge_button = QPushButton(self.tr("Purge…"))
        self.purge_button.clicked.connect(self.confirm_purge)
        self.purge_button.setEnabled(False)
        self.preview_text = QLabel()
        self.preview_text.setWordWrap(True)
        self.retention_message = QLabel()
        self.retention_message.setWordWrap(True)
        set_style_role(self.retention_message, "role", "hint")
        retention = QWidget()
        form = QFormLayout()
        years_row = QHBoxLayout()
        years_row.addWidget(self.years)
        years_row.addWidget(self.save_years_button)
        years_row.addStretch()
        form.addRow(self.tr("Keep departed staff's personal fields for"), years_row)
        retention_layout = QVBoxLayout(retention)
        retention_layout.addWidget(
            QLabel(
                self.tr(
                    "The purge blanks the ID number, phone, e-mail and wage of staff departed "
                    "longer ago, and the same values in older audit events; business records "
                    "stay. Preview first: it changes nothing."
                )
            )
        )
        retention_layout.addLayout(form)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(self.preview_button)
        buttons_row.addWidget(self.purge_button)
        buttons_row.addStretch()
        retention_layout.addLayout(buttons_row)
        retention_layout.addWidget(self.preview_text, 1)
        retention_layout.addWidget(self.retention_message)

        self.tabs = QTabWidget()
        self.tabs.addTab(pubs, self.tr("Publications"))
        self.retention_index = self.tabs.addTab(retention, self.tr("Retention"))
        self.tabs.setTabVisible(self.retention_index, may_purge)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(close)
        self.resize(760, 520)
        self.reload()

    def reload(self) -> None:
        ctx = self.ctx
        QueryOp(
            parent=self,
            op=lambda: (
                privacy.list_publications(ctx),
                business_settings.get(ctx, business_settings.PERSONAL_DATA_RETENTION_YEARS),
            ),
            success=self._show,
        ).run(self.runner)

    def _show(self, got: tuple[list[PublicationRow], int]) -> None:
        rows, years = got
        self.publications.set_rows(rows)
        self.years.setValue(int(years))
        self.publications_loaded = True

    # -- publishing

    def open_publish(self) -> None:
        ctx = self.ctx
        QueryOp(
            parent=self,
            op=lambda: privacy.privacy_notice_template(ctx),
            success=self._publish_form,
        ).run(self.runner)

    def _publish_form(self, template: str) -> None:
        self.publish_dialog = PublishDialog(template, self)
        self.publish_dialog.accepted.connect(lambda: self.publish(*self.publish_dialog.values()))
        self.publish_dialog.open()

    def publish(self, kind: str, title: str, content: str) -> None:
        ctx = self.ctx
        CollectionOp(parent=self, op=lambda: privacy.publish(ctx, kind, title, content)).success(
            self._changed
        ).run(self.runner, initiator=self)

    def _changed(self, changes: Any) -> None:
        self.changed.emit(changes)
        self.reload()

    # -- retention

    def save_years(self) -> None:
        ctx, years = self.ctx, self.years.value()
        key = business_settings.PERSONAL_DATA_RETENTION_YEARS
        CollectionOp(parent=self, op=lambda: business_settings.set(ctx, key, years)).success(
            lambda changes: self.retention_message.setText(
                fill(self.tr("Saved: personal fields are kept %1 years after departure."), years)
            )
        ).run(self.runner, initiator=self)

    def run_preview(self) -> None:
        ctx = self.ctx
        self.purge_button.setEnabled(False)
        QueryOp(
            parent=self, op=lambda: privacy.purge(ctx, dry_run=True), success=self._previewed
        ).run(self.runner)

    def _people(self, result: PurgeResult) -> str:
        return "<br>".join(
            f"{no} {name} ({self.tr('departed')} {format_date(day)})"
            for no, name, day in result.employees
        )

    def _previewed(self, result: PurgeResult) -> None:
        self.preview = result
        if not result.employees:
            self.preview_text.setText(
                fill(
                    self.tr("Nobody departed more than %1 years ago holds personal fields."),
                    result.years,
                )
            )
            return
        self.preview_text.setText(
            fill(
                self.tr(
                    "Would purge %1 employee(s) departed more than %2 years ago, and redact %3 "
                    "older audit event(s):"
                ),
                len(result.employees),
                result.years,
                result.redacted_events,
            )
            + "<br>"
            + self._people(result)
        )
        self.purge_button.setEnabled(True)

    def confirm_purge(self) -> None:
        if self.preview is None or not self.preview.employees:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Purge personal data"),
            fill(
                self.tr(
                    "Blank the ID number, phone, e-mail and wage of %1 employee(s) for good? "
                    "This cannot be undone."
                ),
                len(self.preview.employees),
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        ctx = self.ctx
        self.purge_button.setEnabled(False)
        CollectionOp(parent=self, op=lambda: _purged(ctx)).success(self._purged).run(
            self.runner, initiator=self
        )

    def _purged(self, outcome: Any) -> None:
        result = outcome.result
        self.done_result = result
        self.preview = None
        self.retention_message.setText(
            fill(
                self.tr("Purged %1 employee(s); %2 older audit event(s) redacted."),
                len(result.employees),
                result.redacted_events,
            )
        )
        self.preview_text.setText(self._people(result))
        self.changed.emit(outcome.changes)


class _Purged:
    """A purge's result with the Changes the window broadcasts."""

    def __init__(self, result: PurgeResult) -> None:
        from desktop.services.changes import Changes, Kind

        self.result = result
        self.changes = Changes.of(Kind.EMPLOYEES)


def _purged(ctx: ServiceContext) -> _Purged:
    return _Purged(privacy.purge(ctx, dry_run=False))


class PublishDialog(QDialog):
    """Publish a notice or rule: its kind, title and text (the privacy notice prefilled)."""

    def __init__(self, template: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Publish a notice or rule"))
        self.template = template
        self.kind = QComboBox()
        for kind in KINDS:
            self.kind.addItem(kind_text(self, kind), kind)
        self.title = QLineEdit(self.tr("个人信息处理告知书 Privacy notice"))
        self.content = QPlainTextEdit(template)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        form = QFormLayout()
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Text"), self.content)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(640, 480)

    def _kind_changed(self) -> None:
        if (
            self.kind.currentData() != "privacy_notice"
            and self.content.toPlainText() == self.template
        ):
            self.content.clear()
            self.title.clear()

    def values(self) -> tuple[str, str, str]:
        return str(self.kind.currentData()), self.title.text(), self.content.toPlainText()
