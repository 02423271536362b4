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


def _to_admin_page(wizard: SetupWizard) -> None:
    wizard.company_page.company.setText("上海迅达物流有限公司")
    wizard.company_page.branches.setPlainText("上海总部")
    wizard.next()
    assert wizard.currentPage() is wizard.admin_page


def _create_vault(qtbot, wizard: SetupWizard) -> None:
    _to_admin_page(wizard)
    page = wizard.admin_page
    page.display_name.setText("王芳")
    page.password.setText("good-password-1")
    page.repeat.setText("good-password-1")
    with qtbot.waitSignal(wizard.vault_created, timeout=30000):
        wizard.next()
    qtbot.waitUntil(lambda: wizard.create_page.result is not None, timeout=30000)


def test_prefilled_admin_name_is_accepted_and_a_disabled_next_says_why(qtbot, paths):
    wizard = SetupWizard(paths)
    qtbot.addWidget(wizard)
    wizard.show()
    next_button = wizard.button(QWizard.WizardButton.NextButton)

    hint = wizard.company_page.hint
    assert not next_button.isEnabled()
    assert hint.isVisible() and "company name" in hint.text()
    _to_admin_page(wizard)

    page = wizard.admin_page
    assert page.username.text() == "admin"
    assert not next_button.isEnabled()
    assert page.hint.isVisible() and "full name" in page.hint.text()
    page.display_name.setText("王芳")
    assert "password" in page.hint.text()
    page.password.setText("good-password-1")
    page.repeat.setText("good-password-2")
    assert not next_button.isEnabled()
    assert "differ" in page.hint.text()
    page.repeat.setText("good-password-1")
    assert next_button.isEnabled(), "the offered administrator name is kept as it is"
    assert not page.hint.isVisible()
    with qtbot.waitSignal(wizard.vault_created, timeout=30000):
        next_button.click()
    assert wizard.create_page.result is not None
    wizard.ctx.close()
    ctx = login(paths, "admin", "good-password-1")
    ctx.close()


def test_no_way_back_once_the_vault_exists(qtbot, paths):
    wizard = SetupWizard(paths)
    qtbot.addWidget(wizard)
    wizard.show()
    _create_vault(qtbot, wizard)
    back = wizard.button(QWizard.WizardButton.BackButton)
    create = wizard.create_page
    assert not back.isEnabled()
    assert "recovery sheet" in create.hint.text(), "the disabled Next says why"
    create.confirm.setChecked(True)  # the wizard refreshes its buttons here
    create.confirm.setChecked(False)
    create.confirm.setChecked(True)
    assert not back.isEnabled(), "Back would let a new name and password be typed in vain"
    wizard.next()
    assert wizard.currentPage() is wizard.demo_page
    assert not (back.isVisible() and back.isEnabled())
    wizard.ctx.close()


def test_cancel_asks_before_quitting(qtbot, paths, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    wizard = SetupWizard(paths)
    qtbot.addWidget(wizard)
    wizard.show()
    asked: list[str] = []

    def no(parent, title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", staticmethod(no))
    wizard.button(QWizard.WizardButton.CancelButton).click()
    assert asked and "Nothing has been saved" in asked[0]
    assert wizard.isVisible(), "No keeps the wizard open"
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)
    )
    with qtbot.waitSignal(wizard.rejected, timeout=5000):
        wizard.button(QWizard.WizardButton.CancelButton).click()
    assert not wizard.isVisible()


def test_language_choice_switches_the_wizard_at_once(qtbot, paths, settings, qapp):
    from desktop.views.language import switch_language

    wizard = SetupWizard(paths, settings)
    qtbot.addWidget(wizard)
    wizard.show()
    combo = wizard.company_page.language
    assert combo.currentData() == "en", "the settings say English"
    assert wizard.company_page.title() == "Your company"
    try:
        combo.setCurrentIndex(combo.findData("zh_CN"))
        qapp.processEvents()
        assert wizard.company_page.title() == "贵公司" or not wizard.company_page.title().isascii()
        assert not wizard.windowTitle().isascii()
        assert settings.get("language") == "zh_CN"
        combo.setCurrentIndex(combo.findData("en"))
        qapp.processEvents()
        assert wizard.company_page.title() == "Your company"
        assert settings.get("language") == "en"
    finally:
        switch_language(qapp, "en")


def test_chinese_by_default_unless_the_system_is_english(monkeypatch):
    from PySide6.QtCore import QLocale

    from desktop.views.language import choose_language

    for system, expected in (("de_DE", "zh_CN"), ("zh_CN", "zh_CN"), ("en_US", "en")):
        monkeypatch.setattr(QLocale, "system", staticmethod(lambda s=system: QLocale(s)))
        assert choose_language("system") == expected, system
    assert choose_language("en") == "en"


def test_the_medium_demo_is_offered(qtbot, paths):
    wizard = SetupWizard(paths)
    qtbot.addWidget(wizard)
    page = wizard.demo_page
    assert page.size() == "small"
    assert not page.medium.isEnabled()
    page.demo.setChecked(True)
    assert page.medium.isEnabled()
    page.medium.setChecked(True)
    assert page.size() == "medium"
    assert "100,000" in page.medium.text()
