"""The import wizard: pick a file → map its columns → preview with errors → import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop.errors import BatonError, PermissionDenied, Term
from desktop.services import imports, organisation, terms
from desktop.services.context import Changes, ServiceContext
from desktop.services.imports import ImportPreview, ImportResult
from desktop.services.imports.field_terms import field_term
from desktop.services.imports.template import write_template
from desktop.services.tabular import Table
from desktop.views.errors import show_error, translate_error
from desktop.views.filedialogs import get_open_file_name, get_save_file_name
from desktop.views.qtext import fill
from desktop.views.widgets.style import set_style_role
from desktop.views.widgets.tables import detail_table, fill_table
from desktop.views.workers import Task, TaskRunner

#: The updating rows the preview names one by one.
UPDATES_SHOWN = 20


def kind_label(kind: str) -> str:
    return {
        "staff": QCoreApplication.translate("ImportWizard", "Staff"),
        "customers": QCoreApplication.translate("ImportWizard", "Customers (with owner)"),
        "assignments": QCoreApplication.translate("ImportWizard", "Ownership history"),
        "orders": QCoreApplication.translate("ImportWizard", "Waybills"),
        "receivables": QCoreApplication.translate("ImportWizard", "Invoices"),
        "payments": QCoreApplication.translate("ImportWizard", "Payments"),
        "followups": QCoreApplication.translate("ImportWizard", "Follow-ups"),
    }[kind]


def _translate(context: str, text: str) -> str:
    """The catalog's lookup (thread-safe: the saved report is written on the worker)."""
    return QCoreApplication.translate(context, text)


def field_label(kind: str, name: str) -> str:
    """A field as the user knows it, in the window's language (工号 *, employee no. *); a
    required field is starred."""
    spec = next(f for f in imports.FIELDS[kind] if f.name == name)
    term = field_term(kind, name)
    shown = QCoreApplication.translate(term.context, term) if isinstance(term, Term) else term
    return shown + (" *" if spec.required else "")


def reason_text(error: imports.RowError) -> str:
    return error.reason(QCoreApplication.translate)


def read_for_import(
    ctx: ServiceContext, kind: str, path: Path, sheet: str | None
) -> tuple[Table, dict[str, str] | None, list[str]]:
    """On the worker: the file as the import reads it (sheet, header row below any titles,
    total rows marked), the mapping last confirmed for its headers, and (staff) the branches
    a department may be put in."""
    table = imports.load_table(kind, path, sheet)
    branches: list[str] = []
    if kind == "staff":
        try:
            branches = [b.name for b in organisation.list_branches(ctx)]
        except PermissionDenied:
            branches = []  # without the right to see branches: no choice offered
    return table, imports.remembered_mapping(ctx, kind, table.headers), branches


class FilePage(QWizardPage):
    def __init__(self, kind: str, kinds: list[str]) -> None:
        super().__init__()
        self.setTitle(self.tr("Choose the file"))
        self.setSubTitle(
            self.tr(
                "CSV (UTF-8 or GBK, as Excel saves it) or an Excel workbook (.xlsx, or the "
                "older .xls). Title rows above the headers, a 序号 column and total rows are "
                "recognised; Chinese and English headers are matched."
            )
        )
        self.kind = QComboBox()
        # Only what the role may import (the service decides, as it does for typing them).
        for k in kinds:
            self.kind.addItem(kind_label(k), k)
        self.kind.setCurrentIndex(max(self.kind.findData(kind), 0))
        self.path = QLineEdit()
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.message = QLabel()
        set_style_role(self.message, "role", "error")
        self.message.setWordWrap(True)
        #: A workbook's sheets, offered once the file has been read (the first by default).
        self.sheet = QComboBox()
        self.sheet_label = QLabel(self.tr("Sheet"))
        #: Waybills: raise one receivable per waybill.
        self.receivables = QCheckBox(
            self.tr("Raise a receivable for each waybill (due by the customer's payment terms)")
        )
        #: Customers: the day ownership starts for rows without their own 分配日期.
        self.owner_since = QDateEdit(QDate.currentDate())
        self.owner_since.setCalendarPopup(True)
        self.owner_since.setDisplayFormat("yyyy-MM-dd")
        self.owner_since.setMaximumDate(QDate.currentDate())
        self.owner_since_label = QLabel(self.tr("Ownership starts on (rows without 分配日期)"))
        template = QPushButton(self.tr("Save an empty template…"))
        template.clicked.connect(self.save_template)
        form = QFormLayout(self)
        form.addRow(self.tr("What the file holds"), self.kind)
        form.addRow(self.tr("File"), row)
        form.addRow(self.sheet_label, self.sheet)
        form.addRow("", self.receivables)
        form.addRow(self.owner_since_label, self.owner_since)
        form.addRow("", template)
        form.addRow("", self.message)
        self.path.textChanged.connect(self.completeChanged)
        self.path.textChanged.connect(self._file_changed)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._file_changed()
        self._kind_changed()
        #: The file whose headers were read (path, mtime and size), and whether a read runs.
        self._read: tuple[Path, tuple[int, int] | None] | None = None
        self.reading = False

    def browse(self) -> None:
        name, _ = get_open_file_name(
            self,
            self.tr("Choose a file"),
            str(Path.home()),
            self.tr("Spreadsheets (*.xlsx *.xls *.csv)"),
        )
        if name:
            self.path.setText(name)

    def _file_changed(self) -> None:
        """A new file: its sheets are not known until it is read."""
        self.sheet.clear()
        self.sheet.hide()
        self.sheet_label.hide()

    def _kind_changed(self) -> None:
        kind = str(self.kind.currentData())
        self.receivables.setVisible(kind == "orders")
        self.owner_since.setVisible(kind == "customers")
        self.owner_since_label.setVisible(kind == "customers")
        self._read = None

    def chosen_sheet(self) -> str | None:
        return str(self.sheet.currentData()) if self.sheet.count() else None

    def options(self) -> dict[str, Any]:
        kind = str(self.kind.currentData())
        options: dict[str, Any] = {}
        if kind == "orders" and self.receivables.isChecked():
            options["receivables"] = True
        if kind == "customers" and self.owner_since.date() != QDate.currentDate():
            # Left at today: the import day, as the service decides it (the firm's today).
            options["owner_since"] = self.owner_since.date().toPython()
        wizard = self.wizard()
        if kind == "staff" and isinstance(wizard, ImportWizard):
            branch = wizard.mapping_page.branch.currentData()
            if branch:
                options["branch"] = str(branch)
        return options

    def save_template(self) -> None:
        kind = str(self.kind.currentData())
        name, _ = get_save_file_name(
            self,
            self.tr("Save an empty template"),
            str(Path.home() / f"{kind}-template.xlsx"),
            self.tr("Excel workbook (*.xlsx)"),
        )
        if not name:
            return
        wizard = self.wizard()
        assert isinstance(wizard, ImportWizard)
        wizard.runner.start(
            write_template,
            kind,
            Path(name),
            on_done=lambda path: self.message.setText(
                fill(self.tr("Template saved: %1"), Path(path).name)
            ),
            on_error=self._file_failed,
        )

    def isComplete(self) -> bool:
        return bool(self.path.text().strip())

    def validatePage(self) -> bool:
        """The file is read on the worker (a large workbook takes a while); Next is pressed
        again, by the page itself, once its headers are known."""
        path = Path(self.path.text().strip())
        key = (path, self._stamp(path), self.chosen_sheet())
        if self._read is not None and self._read == key:
            return True
        if self.reading:
            return False
        if not path.is_file():
            self.message.setText(self.tr("There is no file at this path."))
            return False
        wizard = self.wizard()
        assert isinstance(wizard, ImportWizard)
        self.reading = True
        self.message.clear()
        wizard.runner.start(
            read_for_import,
            wizard.ctx,
            wizard.kind(),
            path,
            self.chosen_sheet(),
            on_done=lambda found: self._file_read(path, *found),
            on_error=self._file_failed,
        )
        return False

    @staticmethod
    def _stamp(path: Path) -> tuple[int, int] | None:
        try:
            st = path.stat()
        except OSError:
            return None
        return st.st_mtime_ns, st.st_size

    def _file_read(
        self, path: Path, table: Table, remembered: dict[str, str] | None, branches: list[str]
    ) -> None:
        self.reading = False
        wizard = self.wizard()
        assert isinstance(wizard, ImportWizard)
        wizard.branches = branches
        wizard.headers = table.headers
        wizard.rows_in_file = len(table.rows) - len(table.skipped)
        wizard.remembered = remembered
        wizard.table_note = self._table_note(table)
        if len(table.sheets) > 1 and not self.sheet.count():
            # A workbook of several sheets: offer them, the one just read first chosen.
            self.sheet.blockSignals(True)
            for name in table.sheets:
                self.sheet.addItem(name, name)
            self.sheet.setCurrentIndex(max(self.sheet.findData(table.sheet), 0))
            self.sheet.blockSignals(False)
            self.sheet.show()
            self.sheet_label.show()
        self._read = (path, self._stamp(path), self.chosen_sheet())
        if wizard.currentPage() is self:
            wizard.next()

    def _table_note(self, table: Table) -> str:
        notes = []
        if table.header_row != 1:
            notes.append(
                fill(
                    self.tr("The headers are on row %1; the rows above are titles."),
                    table.header_row,
                )
            )
        if table.skipped:
            notes.append(
                fill(
                    self.tr("Total rows skipped (合计/小计/总计): %1."),
                    ", ".join(str(table.row_number(i)) for i in table.skipped),
                )
            )
        return " ".join(notes)

    def _file_failed(self, exc: BaseException) -> None:
        self.reading = False
        if isinstance(exc, BatonError):
            self.message.setText(translate_error(exc))
        else:
            show_error(self, exc)


class MappingPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Match the columns"))
        self.table = detail_table([self.tr("Column in the file"), self.tr("Baton field")])
        self.note = QLabel()
        self.note.setWordWrap(True)
        #: Staff: the branch of the departments in rows that name none (asked when the firm
        #: has several; with one, departments go to it).
        self.branch = QComboBox()
        self.branch_label = QLabel(self.tr("Branch for departments in rows without one"))
        branch_row = QHBoxLayout()
        branch_row.addWidget(self.branch_label)
        branch_row.addWidget(self.branch, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(branch_row)
        layout.addWidget(self.table)
        self.combos: list[QComboBox] = []

    def initializePage(self) -> None:
        wizard = self.wizard()
        assert isinstance(wizard, ImportWizard)
        kind = wizard.kind()
        mapping, problems = imports.map_columns(kind, wizard.headers, wizard.remembered)
        self.branch.clear()
        self.branch.addItem(self.tr("— each row's branch column —"), None)
        for name in wizard.branches if kind == "staff" else []:
            self.branch.addItem(name, name)
        ask = kind == "staff" and len(wizard.branches) > 1
        self.branch.setVisible(ask)
        self.branch_label.setVisible(ask)
        self.setSubTitle(
            self.tr(
                "%n row(s) found. Fields marked * are required; choose “ignore” for columns Baton does not need.",
                "",
                wizard.rows_in_file,
            )
        )
        self.table.setRowCount(len(wizard.headers))
        self.combos = []
        for row, header in enumerate(wizard.headers):
            self.table.setItem(row, 0, QTableWidgetItem(header))
            combo = QComboBox()
            combo.addItem(self.tr("— ignore —"), imports.IGNORE)
            for name in imports.field_names(kind):
                combo.addItem(field_label(kind, name), name)
            chosen = mapping.get(row)
            combo.setCurrentIndex(combo.findData(chosen) if chosen else 0)
            if chosen is None and header.strip():
                set_style_role(combo, "role", "error")
            self.table.setCellWidget(row, 1, combo)
            self.combos.append(combo)
        notes = [reason_text(p) for p in problems if "required" in p.template]
        for problem in problems:
            suggestion = problem.params.get("suggestion")
            if suggestion and suggestion != imports.IGNORE:
                notes.append(
                    fill(
                        self.tr("“%1” is not a known column; the closest field is %2."),
                        problem.params["column"],
                        field_label(kind, suggestion),
                    )
                )
            elif suggestion:
                notes.append(
                    fill(
                        self.tr(
                            "“%1” is not a known column: choose its field or leave it ignored."
                        ),
                        problem.params["column"],
                    )
                )
        if wizard.remembered:
            notes.insert(0, self.tr("The columns are matched as last time for these headers."))
        if wizard.table_note:
            notes.insert(0, wizard.table_note)
        self.note.setText("\n".join(notes))

    def override(self) -> dict[str, str]:
        wizard = self.wizard()
        assert isinstance(wizard, ImportWizard)
        return {
            header: str(combo.currentData())
            for header, combo in zip(wizard.headers, self.combos, strict=True)
            if header.strip()
        }


class PreviewPage(QWizardPage):
    """The dry run: every check, nothing written; Next only when the file is clean."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Check"))
        self.preview: ImportPreview | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.bar = QProgressBar()
        self.errors = detail_table(
            [self.tr("Row"), self.tr("Column"), self.tr("Value"), self.tr("Problem")]
        )
        self.report_button = QPushButton(self.tr("Save error report…"))
        self.report_button.clicked.connect(self.save_report)
        self.report_button.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.bar)
        layout.addWidget(self.errors)
        layout.addWidget(self.report_button)

    def initializePage(self) -> None:
        wizard = self.wizard()
        assert isinstance(wizard, ImportWizard)
        self.preview = None
        self.errors.setRowCount(0)
        self.report_button.hide()
        self.bar.show()
        self.bar.setRange(0, 0)
        self.summary.setText(self.tr("Checking every row…"))
        wizard.runner.start(
            imports.preview_import,
            wizard.ctx,
            wizard.kind(),
            wizard.path(),
            wizard.mapping_page.override(),
            sheet=wizard.file_page.chosen_sheet(),
            options=wizard.file_page.options(),
            on_done=self._done,
            on_error=self._failed,
        )

    def _done(self, preview: ImportPreview) -> None:
        self.preview = preview
        self.bar.hide()
        created = terms.counts_text(dict(sorted(preview.will_create.items())), _translate)
        if preview.ok:
            text = self.tr(
                "%n row(s) checked: no problems, ready to import.", "", preview.total_rows
            )
            if created:
                text += " " + fill(self.tr("It will also create: %1."), created)
            if preview.will_update or preview.unchanged:
                text += " " + fill(
                    self.tr("%1 new, %2 updated, %3 unchanged (matched by their key)."),
                    preview.total_rows - preview.will_update - preview.unchanged,
                    preview.will_update,
                    preview.unchanged,
                )
                for row, key, fields in preview.updates[:UPDATES_SHOWN]:
                    text += "\n" + fill(
                        self.tr("Row %1: %2 — %3 change(s)."),
                        row,
                        key,
                        "、".join(preview.header_of(f) for f in fields),
                    )
                if len(preview.updates) > UPDATES_SHOWN:
                    text += "\n" + fill(
                        self.tr("… and %1 more rows that update."),
                        len(preview.updates) - UPDATES_SHOWN,
                    )
        else:
            text = fill(
                self.tr(
                    "%1 of %2 rows have problems (%3 in all). Nothing will be imported until the file is corrected."
                ),
                preview.rows_with_errors,
                preview.total_rows,
                len(preview.errors),
            )
            self.report_button.show()
        if preview.skipped_rows:
            text += " " + fill(
                self.tr("Total rows skipped (合计/小计/总计): %1."),
                ", ".join(str(r) for r in preview.skipped_rows),
            )
        self.summary.setText(text)
        fill_table(
            self.errors,
            [(e.row, e.column, e.value, reason_text(e)) for e in preview.errors[:2000]],
        )
        self.completeChanged.emit()

    def _failed(self, exc: BaseException) -> None:
        self.bar.hide()
        self.summary.setText(translate_error(exc) if isinstance(exc, BatonError) else str(exc))
        if not isinstance(exc, BatonError):
            show_error(self, exc)

    def save_report(self) -> None:
        if self.preview is None:
            return
        name, _ = get_save_file_name(
            self,
            self.tr("Save error report"),
            str(Path.home() / "import-errors.csv"),
            "CSV (*.csv)",
        )
        if name:
            wizard = self.wizard()
            assert isinstance(wizard, ImportWizard)
            wizard.runner.start(
                imports.write_error_report,
                self.preview.errors,
                Path(name),
                _translate,
                on_error=self._report_failed,
            )

    def _report_failed(self, exc: BaseException) -> None:
        if isinstance(exc, BatonError):
            self.summary.setText(translate_error(exc))
        else:
            show_error(self, exc)

    def isComplete(self) -> bool:
        return self.preview is not None and self.preview.ok


class RunPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Import"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.bar = QProgressBar()
        self.cancel = QPushButton(self.tr("Cancel import"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch()
        self.result: ImportResult | None = None
        self.task: Task | None = None

    def initializePage(self) -> None:
        wizard = self.wizard()
        assert isinstance(wizard, ImportWizard)
        wizard.button(QWizard.WizardButton.BackButton).setEnabled(False)
        self.status.setText(self.tr("Importing: all rows are written in one transaction…"))
        self.bar.setRange(0, 3)
        self.task = wizard.runner.start(
            imports.run_import,
            wizard.ctx,
            wizard.kind(),
            wizard.path(),
            wizard.mapping_page.override(),
            sheet=wizard.file_page.chosen_sheet(),
            options=wizard.file_page.options(),
            on_done=self._done,
            on_error=self._failed,
            on_cancel=self._cancelled,
            on_progress=lambda done, total, _label: (
                self.bar.setRange(0, total),
                self.bar.setValue(done),
            ),
        )
        self.cancel.clicked.connect(self.task.progress.cancel)

    def _done(self, result: ImportResult) -> None:
        self.result = result
        self.cancel.hide()
        self.bar.setValue(self.bar.maximum())
        counts = terms.counts_text(result.inserted, _translate)
        self.status.setText(fill(self.tr("Imported: %1."), counts))
        wizard = self.wizard()
        assert isinstance(wizard, ImportWizard)
        wizard.result_changes = result.changes
        self.completeChanged.emit()

    def _failed(self, exc: BaseException) -> None:
        self.cancel.hide()
        if isinstance(exc, BatonError):
            self.status.setText(translate_error(exc))
        else:
            show_error(self, exc)
        self.completeChanged.emit()

    def _cancelled(self) -> None:
        self.cancel.hide()
        self.status.setText(self.tr("Cancelled: nothing was imported."))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.task is not None and not self.cancel.isVisible()


class ImportWizard(QWizard):
    def __init__(
        self, ctx: ServiceContext, runner: TaskRunner, kind: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner = runner
        self.setWindowTitle(self.tr("Import"))
        self.headers: list[str] = []
        self.rows_in_file = 0
        #: The mapping last confirmed for the file's headers, and what reading it found.
        self.remembered: dict[str, str] | None = None
        self.table_note = ""
        self.branches: list[str] = []
        self.result_changes: Changes | None = None
        self.file_page = FilePage(kind, imports.importable_kinds(ctx.actor.role))
        self.mapping_page = MappingPage()
        self.preview_page = PreviewPage()
        self.run_page = RunPage()
        for page in (self.file_page, self.mapping_page, self.preview_page, self.run_page):
            self.addPage(page)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.resize(820, 560)

    def kind(self) -> str:
        return str(self.file_page.kind.currentData())

    def path(self) -> Path:
        return Path(self.file_page.path.text().strip())

    def reject(self) -> None:
        if self.run_page.task is not None and self.run_page.cancel.isVisible():
            if (
                QMessageBox.question(
                    self, self.tr("Import"), self.tr("Cancel the import? Nothing will be written.")
                )
                != QMessageBox.StandardButton.Yes
            ):
                return
            self.run_page.task.progress.cancel()
            self.runner.wait(60000)
        super().reject()
