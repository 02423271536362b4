"""First-run wizard: company and branches → administrator → vault created, recovery sheet."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop.config import Paths
from desktop.errors import BatonError, ValidationError, ValidationErrors
from desktop.reports.recovery_sheet import recovery_sheet_pdf
from desktop.services.context import ServiceContext
from desktop.services.setup import SetupResult, clean_branches, initialize, validate_setup
from desktop.views.errors import show_error, translate_error
from desktop.views.recovery import RecoveryKeyPanel
from desktop.views.widgets.forms import FieldErrors, password_edit
from desktop.views.widgets.style import set_style_role
from desktop.views.workers import TaskRunner


class CompanyPage(QWizardPage):
    def __init__(self, paths: Paths) -> None:
        super().__init__()
        self.setTitle(self.tr("Your company"))
        self.setSubTitle(
            self.tr(
                "Baton keeps the firm's staff, customers and handovers in an encrypted database "
                "on this PC. Nothing is sent to the internet."
            )
        )
        self.company = QLineEdit()
        self.company.setPlaceholderText(self.tr("e.g. 上海迅达物流有限公司"))
        self.company.setMaxLength(200)
        self.branches = QPlainTextEdit()
        self.branches.setPlaceholderText(self.tr("One branch per line, e.g.\n上海总部\n广州分公司"))
        self.branches.setTabChangesFocus(True)
        self.errors = FieldErrors()
        folder = QLabel(str(paths.data_dir))
        folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        folder.setWordWrap(True)
        form = QFormLayout(self)
        self.errors.add_row(form, "company", self.tr("Company name"), self.company)
        self.errors.add_row(form, "branches", self.tr("Branches"), self.branches)
        form.addRow(self.tr("Data folder"), folder)
        self.registerField("company*", self.company)

    def branch_names(self) -> list[str]:
        return self.branches.toPlainText().splitlines()


class AdminPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Administrator"))
        self.setSubTitle(
            self.tr(
                "The administrator manages accounts, keys and backups. Choose a password of at "
                "least 8 characters; it cannot be recovered, only replaced with the recovery key."
            )
        )
        self.username = QLineEdit("admin")
        self.display_name = QLineEdit()
        self.password = password_edit()
        self.repeat = password_edit()
        self.errors = FieldErrors()
        form = QFormLayout(self)
        self.errors.add_row(form, "username", self.tr("User name"), self.username)
        self.errors.add_row(form, "display_name", self.tr("Full name"), self.display_name)
        self.errors.add_row(form, "password", self.tr("Password"), self.password)
        self.errors.add_row(form, "repeat", self.tr("Repeat password"), self.repeat)
        self.registerField("username*", self.username)
        self.registerField("display_name*", self.display_name)
        self.registerField("password*", self.password)
        self.registerField("repeat*", self.repeat)

    def show_errors(self, errors: dict[str, str]) -> None:
        self.errors.show(errors)


class CreatePage(QWizardPage):
    """Creates the vault when shown; then shows the recovery key and the sheet buttons."""

    created = Signal(object)

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.setTitle(self.tr("Creating the encrypted vault"))
        self.result: SetupResult | None = None
        self.status = QLabel(self.tr("Generating the keys and the database…"))
        self.status.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.panel = RecoveryKeyPanel(self.sheet_pdf, self)
        self.panel.hide()
        self.confirm = QCheckBox(
            self.tr("I have printed or saved the recovery sheet and will keep it locked away.")
        )
        self.confirm.hide()
        self.confirm.toggled.connect(self.completeChanged)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.bar)
        layout.addWidget(self.panel)
        layout.addWidget(self.confirm)
        layout.addStretch()

    def initializePage(self) -> None:
        if self.result is not None:
            return
        w = self.wizard_
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
        self.setTitle(self.tr("Your recovery key"))
        self.status.setText(
            self.tr(
                "The vault is ready. This recovery key is shown only now. With it an "
                "administrator's password can be replaced if it is forgotten; without it and "
                "the passwords, the data cannot be opened by anyone. Print the recovery sheet "
                "and keep it locked away."
            )
        )
        self.panel.set_key(result.recovery_key)
        self.panel.show()
        self.confirm.show()
        self.wizard_.admin_page.password.clear()
        self.wizard_.admin_page.repeat.clear()
        self.created.emit(result.ctx)
        self.completeChanged.emit()

    def _failed(self, exc: BaseException) -> None:
        self.bar.hide()
        self.status.setText(translate_error(exc) if isinstance(exc, BatonError) else str(exc))
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

    def isComplete(self) -> bool:
        return self.result is not None and self.confirm.isChecked()


class DemoPage(QWizardPage):
    """Offer a small demo firm to try Baton with; generating it runs in the background."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.setTitle(self.tr("Ready"))
        self.setSubTitle(
            self.tr("Baton is set up. You can start with your own data (Import) or try it first.")
        )
        self.demo = QCheckBox(
            self.tr(
                "Add a demo firm to try Baton: 20 staff, 300 customers, 5,000 waybills with "
                "invoices and payments (demo users hr, manager, finance, sales, auditor; password "
                "demo-password). Leave it off for real use."
            )
        )
        set_style_role(self.demo, "role", "option")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.demo)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addStretch()
        self.done = False
        self.running = False

    def validatePage(self) -> bool:
        if not self.demo.isChecked() or self.done:
            return True
        if self.running or self.wizard_.ctx is None:
            return False
        self.running = True
        self.demo.setEnabled(False)
        self.bar.show()
        self.bar.setRange(0, 0)
        self.status.setText(self.tr("Generating the demo firm…"))
        from desktop.services.demo import generate_demo

        self.wizard_.runner.start(
            generate_demo,
            self.wizard_.ctx,
            "small",
            commission_plan=True,
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
        self.status.setText(self.tr("The demo firm is ready."))
        self.wizard_.accept()

    def _failed(self, exc: BaseException) -> None:
        self.running = False
        self.bar.hide()
        self.demo.setEnabled(True)
        self.status.setText(translate_error(exc) if isinstance(exc, BatonError) else str(exc))
        show_error(self, exc)


class SetupWizard(QWizard):
    """Emits ``vault_created(ctx)`` when the vault exists; ``finished`` when the user is done."""

    vault_created = Signal(object)

    def __init__(self, paths: Paths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paths = paths
        self.runner = TaskRunner(self)
        self.ctx: ServiceContext | None = None
        self.setWindowTitle(self.tr("Set up Baton"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.company_page = CompanyPage(paths)
        self.admin_page = AdminPage()
        self.create_page = CreatePage(self)
        self.demo_page = DemoPage(self)
        self.addPage(self.company_page)
        self.addPage(self.admin_page)
        self.addPage(self.create_page)
        self.addPage(self.demo_page)
        self.create_page.created.connect(self._on_created)
        self.resize(640, 520)

    def reject(self) -> None:
        """Closing after the vault exists keeps it; warn if the recovery key was not kept."""
        if self.ctx is not None and not self.create_page.confirm.isChecked():
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
