"""The first-run wizard creates a real vault the user can log in to."""

from __future__ import annotations

from pypdf import PdfReader
from PySide6.QtWidgets import QWizard

from desktop.services import customers
from desktop.services.login import login
from desktop.storage.vault import Vault
from desktop.views.wizard import SetupWizard


def test_wizard_refuses_bad_input_then_creates_vault(qtbot, paths, tmp_path):
    wizard = SetupWizard(paths)
    qtbot.addWidget(wizard)
    wizard.show()
    next_button = wizard.button(QWizard.WizardButton.NextButton)

    assert not next_button.isEnabled(), "Next needs a company name"
    # QTest types ASCII only; Chinese arrives through an input method, i.e. as set text.
    wizard.company_page.company.setText("上海迅达物流有限公司")
    wizard.company_page.branches.setPlainText("上海总部\n广州分公司\n上海总部")
    wizard.next()
    assert wizard.currentPage() is wizard.company_page
    assert "listed twice" in wizard.company_page.errors.labels["branches"].text()
    wizard.company_page.branches.setPlainText("上海总部\n广州分公司")
    wizard.next()
    assert wizard.currentPage() is wizard.admin_page

    page = wizard.admin_page
    page.display_name.setText("王芳")
    qtbot.keyClicks(page.password, "short")
    qtbot.keyClicks(page.repeat, "short")
    wizard.next()
    assert wizard.currentPage() is page
    assert "at least 8 characters" in page.errors.labels["password"].text()
    assert not Vault(paths).exists(), "nothing is written before the input is valid"

    page.password.setText("good-password-1")
    page.repeat.setText("good-password-2")
    wizard.next()
    assert "differ" in page.errors.labels["repeat"].text()

    page.repeat.setText("good-password-1")
    with qtbot.waitSignal(wizard.vault_created, timeout=30000):
        wizard.next()
    create = wizard.create_page
    onward = wizard.button(QWizard.WizardButton.NextButton)
    assert len(create.panel.key_label.text().split()) == 8, "the key shows in 8 groups"
    assert not onward.isEnabled(), "going on needs the recovery sheet confirmation"

    sheet = tmp_path / "recovery.pdf"
    create.panel.write_sheet(sheet)
    text = PdfReader(sheet).pages[0].extract_text()
    assert "恢复密钥" in text and "上海迅达物流有限公司" in text
    assert create.result is not None
    assert create.result.recovery_key.split("-")[0] in text

    create.confirm.setChecked(True)
    assert onward.isEnabled()
    wizard.next()
    assert wizard.currentPage() is wizard.demo_page
    wizard.demo_page.demo.setChecked(True)
    with qtbot.waitSignal(wizard.accepted, timeout=30000):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    wizard.ctx.close()

    ctx = login(paths, "admin", "good-password-1")
    assert ctx.actor.display_name == "王芳"
    assert customers.count_customers(ctx) == 300, "the demo firm was offered and loaded"
    ctx.close()
