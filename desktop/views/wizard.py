"""First-run wizard: company and branches → administrator → vault created, recovery sheet."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop.config import LocalSettings, Paths
from desktop.errors import BatonError, ValidationError, ValidationErrors
from desktop.reports.recovery_sheet import recovery_sheet_pdf
from desktop.services.context import ServiceContext
from desktop.services.setup import SetupResult, clean_branches, initialize, validate_setup
from desktop.views.errors import show_error, translate_error
from desktop.views.language import choose_language, current_language, switch_language
from desktop.views.recovery import RecoveryKeyPanel
from desktop.views.widgets.forms import FieldErrors, password_edit
from desktop.views.widgets.style import set_style_role
from desktop.views.workers import TaskRunner


def next_hint() -> QLabel:
    """The line under a page that says why Next is disabled (empty when it is not)."""
    hint = QLabel()
    hint.setWordWrap(True)
    set_style_role(hint, "role", "hint")
    return hint


class HintedPage(QWizardPage):
    """A page whose Next is enabled by ``missing()`` == "" and otherwise says what is missing."""

    def __init__(self) -> None:
        super().__init__()
        self.hint = next_hint()
        self.completeChanged.connect(self._show_hint)

    def missing(self) -> str:
        return ""

    def isComplete(self) -> bool:
        return not self.missing()

    def _show_hint(self) -> None:
        self.hint.setText(self.missing())
        self.hint.setVisible(bool(self.hint.text()))

    def watch(self, *edits: QLineEdit | QPlainTextEdit) -> None:
        for edit in edits:
            edit.textChanged.connect(self.completeChanged)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self._show_hint()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Set every visible text again in the language now installed."""


class CompanyPage(HintedPage):
    def __init__(self, paths: Paths, language: str) -> None:
        super().__init__()
        self.language = QComboBox()
        self.language.addItem("中文", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(self.language.findData(language))
        self.company = QLineEdit()
        self.company.setMaxLength(200)
        self.branches = QPlainTextEdit()
        self.branches.setTabChangesFocus(True)
        self.errors = FieldErrors()
        folder = QLabel(str(paths.data_dir))
        folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        folder.setWordWrap(True)
        self.form = QFormLayout(self)
        self.form.addRow("Language / 语言", self.language)
        self.errors.add_row(self.form, "company", "", self.company)
        self.errors.add_row(self.form, "branches", "", self.branches)
        self.form.addRow("", folder)
        self.folder = folder
        self.form.addRow(self.hint)
        self.watch(self.company)
        self.retranslate()
        self._show_hint()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Your company"))
        self.setSubTitle(
            self.tr(
                "Baton keeps the firm's staff, customers and handovers in an encrypted database "
                "on this PC. Nothing is sent to the internet."
            )
        )
        self.company.setPlaceholderText(self.tr("e.g. 上海迅达物流有限公司"))
        self.branches.setPlaceholderText(self.tr("One branch per line, e.g.\n上海总部\n广州分公司"))
        for widget, text in (
            (self.company, self.tr("Company name")),
            (self.branches, self.tr("Branches")),
            (self.folder, self.tr("Data folder")),
        ):
            label = self.form.labelForField(widget)
            if isinstance(label, QLabel):
                label.setText(text)
        # Named in both languages (whoever reads neither finds the switch), the window's first.
        label = self.form.labelForField(self.language)
        if isinstance(label, QLabel):
            label.setText("Language / 语言" if current_language() == "en" else "语言 / Language")

    def missing(self) -> str:
        if not self.company.text().strip():
            return self.tr("Enter the company name to go on.")
        return ""

    def branch_names(self) -> list[str]:
        return self.branches.toPlainText().splitlines()


class AdminPage(HintedPage):
    def __init__(self) -> None:
        super().__init__()
        # Not a mandatory QWizard field: Qt counts a field as filled only once its value
        # differs from the initial one, so keeping the offered "admin" disabled Next.
        self.username = QLineEdit("admin")
        self.display_name = QLineEdit()
        self.password = password_edit()
        self.repeat = password_edit()
        self.errors = FieldErrors()
        self.form = QFormLayout(self)
        for name, edit in (
            ("username", self.username),
            ("display_name", self.display_name),
            ("password", self.password),
            ("repeat", self.repeat),
        ):
            self.errors.add_row(self.form, name, "", edit)
        self.form.addRow(self.hint)
        self.watch(self.username, self.display_name, self.password, self.repeat)
        self.retranslate()
        self._show_hint()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Administrator"))
        self.setSubTitle(
            self.tr(
                "The administrator manages accounts, keys and backups. Choose a password of at "
                "least 8 characters; it cannot be recovered, only replaced with the recovery key."
            )
        )
        for widget, text in (
            (self.username, self.tr("User name")),
            (self.display_name, self.tr("Full name")),
            (self.password, self.tr("Password")),
            (self.repeat, self.tr("Repeat password")),
        ):
            label = self.form.labelForField(widget)
            if isinstance(label, QLabel):
                label.setText(text)

    def missing(self) -> str:
        if not self.username.text().strip():
            return self.tr("Enter a user name to go on.")
        if not self.display_name.text().strip():
            return self.tr("Enter the administrator's full name to go on.")
        if not self.password.text():
            return self.tr("Choose a password to go on.")
        if not self.repeat.text():
            return self.tr("Repeat the password to go on.")
        if self.password.text() != self.repeat.text():
            return self.tr("The two passwords differ.")
        return ""

    def show_errors(self, errors: dict[str, str]) -> None:
        self.errors.show(errors)


class CreatePage(HintedPage):
    """Creates the vault when shown; then shows the recovery key and the sheet buttons."""

    created = Signal(object)

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.result: SetupResult | None = None
        self.error = ""
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.panel = RecoveryKeyPanel(self.sheet_pdf, self)
        self.panel.hide()
        self.confirm = QCheckBox()
        self.confirm.hide()
        self.confirm.toggled.connect(self.completeChanged)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.bar)
        layout.addWidget(self.panel)
        layout.addWidget(self.confirm)
        layout.addWidget(self.hint)
        layout.addStretch()
        self.retranslate()
        self._show_hint()

    def retranslate(self) -> None:
        self.confirm.setText(
            self.tr("I have printed or saved the recovery sheet and will keep it locked away.")
        )
        if self.result is None:
            self.setTitle(self.tr("Creating the encrypted vault"))
            self.status.setText(self.error or self.tr("Generating the keys and the database…"))
            return
        self.setTitle(self.tr("Your recovery key"))
        self.status.setText(
            self.tr(
                "The vault is ready. This recovery key is shown only now. With it an "
                "administrator's password can be replaced if it is forgotten; without it and "
                "the passwords, the data cannot be opened by anyone. Print the recovery sheet "
                "and keep it locked away."
            )
        )

    def missing(self) -> str:
        if self.result is None:
            return self.tr("Wait until the vault is created.") if not self.error else ""
        if not self.confirm.isChecked():
            return self.tr("Tick the box above once the recovery sheet is printed or saved.")
        return ""

    def isComplete(self) -> bool:
        return self.result is not None and self.confirm.isChecked()

    def initializePage(self) -> None:
        if self.result is not None:
            return
        w = self.wizard_
        self.error = ""
        w.button(QWizard.WizardButton.BackButton).setEnabled(False)
        w.runner.start(
            initialize,
            w.paths,
            w.company_page.company.text(),
            w.company_page.branch_names(),
            w.admin_page.username.text(),
            w.admin_page.display_name.text(),
            w.admin_page.password.text(),
            on_done=self._created,
            on_error=self._failed,
        )

    def _created(self, result: SetupResult) -> None:
        self.result = result
        self.bar.hide()
        self.retranslate()
        self.panel.set_key(result.recovery_key)
        self.panel.show()
        self.confirm.show()
        self.wizard_.admin_page.password.clear()
        self.wizard_.admin_page.repeat.clear()
        # The vault exists: going back to type another name or password would change
        # nothing (a lock-out trap), so the administrator page becomes a commit page, which
        # QWizard never returns to.
        self.wizard_.admin_page.setCommitPage(True)
        self.created.emit(result.ctx)
        self.completeChanged.emit()

    def _failed(self, exc: BaseException) -> None:
        self.bar.hide()
        self.error = translate_error(exc) if isinstance(exc, BatonError) else str(exc)
        self.status.setText(self.error)
        self._show_hint()
        self.wizard_.button(QWizard.WizardButton.BackButton).setEnabled(True)
        show_error(self, exc)

    def sheet_pdf(self) -> bytes:
        assert self.result is not None
        return recovery_sheet_pdf(
            self.wizard_.company_page.company.text().strip(),
            self.wizard_.paths.data_dir,
            self.result.db_id,
            self.result.recovery_key,
            self.result.ctx.now(),
        )


class DemoPage(QWizardPage):
    """Offer a demo firm (small or medium) to try Baton with; generating it runs in the
    background."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.demo = QCheckBox()
        set_style_role(self.demo, "role", "option")
        self.small = QRadioButton()
        self.medium = QRadioButton()
        self.small.setChecked(True)
        for button in (self.small, self.medium):
            button.setEnabled(False)
            self.demo.toggled.connect(button.setEnabled)
        # The standard commission plan, on unless the user unticks it: a firm's sales
        # positions come with its staff list later, and the plan covers them then.
        self.plan = QCheckBox()
        self.plan.setChecked(True)
        set_style_role(self.plan, "role", "option")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.plan)
        layout.addWidget(self.demo)
        layout.addWidget(self.small)
        layout.addWidget(self.medium)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addStretch()
        self.done = False
        self.running = False
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Ready"))
        self.setSubTitle(
            self.tr("Baton is set up. You can start with your own data (Import) or try it first.")
        )
        self.plan.setText(
            self.tr(
                "Set up the standard commission plan (回款提成: gross margin, on payment, "
                "3% / 5% / 8%) for every sales position, those imported later included. It "
                "can be changed under Commissions → Plans."
            )
        )
        self.demo.setText(
            self.tr(
                "Add a demo firm to try Baton (demo users hr, manager, finance, sales, auditor; "
                "password demo-password). Leave it off for real use."
            )
        )
        self.small.setText(
            self.tr("Small: 20 staff, 300 customers, 5,000 waybills (under a minute)")
        )
        self.medium.setText(
            self.tr(
                "Medium: 200 staff, 10,000 customers, 100,000 waybills with alerts to look "
                "into (several minutes)"
            )
        )

    def size(self) -> str:
        """The demo size chosen: "small" or "medium"."""
        return "medium" if self.medium.isChecked() else "small"

    def validatePage(self) -> bool:
        if self.done or not (self.demo.isChecked() or self.plan.isChecked()):
            return True
        if self.running or self.wizard_.ctx is None:
            return False
        self.running = True
        for widget in (self.plan, self.demo, self.small, self.medium):
            widget.setEnabled(False)
        self.bar.show()
        self.bar.setRange(0, 0)
        self.status.setText(
            self.tr("Generating the demo firm…")
            if self.demo.isChecked()
            else self.tr("Setting up the commission plan…")
        )
        self.wizard_.runner.start(
            finish_setup,
            self.wizard_.ctx,
            self.plan.isChecked(),
            self.size() if self.demo.isChecked() else None,
            on_done=self._generated,
            on_error=self._failed,
            on_progress=lambda done, total, _label: (
                self.bar.setRange(0, total),
                self.bar.setValue(done),
            ),
        )
        return False

    def _generated(self, _summary: object) -> None:
        self.running = False
        self.done = True
        self.bar.hide()
        self.status.setText(
            self.tr("The demo firm is ready.")
            if self.demo.isChecked()
            else self.tr("The commission plan is set up.")
        )
        self.wizard_.accept()

    def _failed(self, exc: BaseException) -> None:
        self.running = False
        self.bar.hide()
        for widget in (self.plan, self.demo):
            widget.setEnabled(True)
        for widget in (self.small, self.medium):
            widget.setEnabled(self.demo.isChecked())
        self.status.setText(translate_error(exc) if isinstance(exc, BatonError) else str(exc))
        show_error(self, exc)


def finish_setup(
    ctx: ServiceContext, plan: bool, demo: str | None, progress: object = None
) -> None:
    """What the last page asked for, on the worker: the demo firm of size ``demo`` (with its
    plan), then the standard plan made the firm's default for sales positions."""
    if demo is not None:
        from desktop.services.demo import generate_demo

        generate_demo(ctx, demo, progress=progress, commission_plan=plan)  # type: ignore[arg-type]
    if plan:
        from desktop.services.commissions.standard import set_up_standard_plan

        set_up_standard_plan(ctx)


class SetupWizard(QWizard):
    """Emits ``vault_created(ctx)`` when the vault exists; ``finished`` when the user is done.

    The first page offers the language (Chinese unless the system is English); choosing one
    switches the wizard at once and is kept in ``settings`` for the main window.
    """

    vault_created = Signal(object)

    def __init__(
        self, paths: Paths, settings: LocalSettings | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.paths = paths
        self.settings = settings
        self.runner = TaskRunner(self)
        self.ctx: ServiceContext | None = None
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        setting = str(settings.get("language")) if settings is not None else "system"
        self.company_page = CompanyPage(paths, choose_language(setting))
        self.admin_page = AdminPage()
        self.create_page = CreatePage(self)
        self.demo_page = DemoPage(self)
        self.addPage(self.company_page)
        self.addPage(self.admin_page)
        self.addPage(self.create_page)
        self.addPage(self.demo_page)
        self.create_page.created.connect(self._on_created)
        self.company_page.language.currentIndexChanged.connect(self._language_chosen)
        self.retranslate()
        self.resize(640, 560)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Set up Baton"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _language_chosen(self) -> None:
        language = str(self.company_page.language.currentData())
        app = QApplication.instance()
        if isinstance(app, QApplication):
            switch_language(app, language)
        if self.settings is not None:
            self.settings.set("language", language)
            self.settings.save()

    def reject(self) -> None:
        """Cancel asks first. Before the vault exists nothing is kept; after, the vault stays
        and a recovery sheet not yet confirmed is named."""
        if self.ctx is None:
            answer = QMessageBox.question(
                self,
                self.tr("Set up Baton"),
                self.tr("Stop setting up Baton? Nothing has been saved yet."),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        elif not self.create_page.confirm.isChecked():
            answer = QMessageBox.question(
                self,
                self.tr("Recovery sheet"),
                self.tr(
                    "You have not confirmed that the recovery sheet is printed or saved. Without "
                    "it a forgotten password cannot be replaced. Close anyway? (You can make a "
                    "new recovery key later in Users & keys.)"
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        super().reject()

    def _on_created(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.vault_created.emit(ctx)

    def validateCurrentPage(self) -> bool:
        page = self.currentPage()
        if page is self.company_page:
            return self._validate_company()
        if page is self.admin_page:
            return self._validate_admin()
        return super().validateCurrentPage()

    def _validate_company(self) -> bool:
        p = self.company_page
        errors: dict[str, str] = {}
        if not p.company.text().strip():
            errors["company"] = self.tr("Enter the company name.")
        try:
            clean_branches(p.branch_names())
        except ValidationError as exc:
            errors["branches"] = translate_error(exc)
        return p.errors.show(errors)

    def _validate_admin(self) -> bool:
        p = self.admin_page
        errors: dict[str, str] = {}
        if p.password.text() != p.repeat.text():
            errors["repeat"] = self.tr("The two passwords differ.")
        try:
            validate_setup(
                self.company_page.company.text(),
                self.company_page.branch_names(),
                p.username.text(),
                p.display_name.text(),
                p.password.text(),
            )
        except ValidationErrors as many:
            for e in many.errors:
                errors.setdefault(e.field or "password", translate_error(e))
        except ValidationError as exc:
            errors.setdefault(exc.field or "password", translate_error(exc))
        p.show_errors(errors)
        return not errors
