"""The setup wizard's last page offers the standard commission plan (ticked by default), not
only with the demo firm: a firm that starts with its own files gets the plan too."""

from __future__ import annotations

from PySide6.QtWidgets import QWizard

from desktop.services import business_settings, customers
from desktop.services.commissions import plans
from desktop.services.commissions.standard import STANDARD_PLAN_NAME
from desktop.services.login import login
from desktop.views.wizard import SetupWizard
from tests.views.test_wizard import _create_vault


def _to_last_page(qtbot, wizard: SetupWizard) -> None:
    _create_vault(qtbot, wizard)
    wizard.create_page.confirm.setChecked(True)
    wizard.next()
    assert wizard.currentPage() is wizard.demo_page


def _finish(qtbot, wizard: SetupWizard) -> None:
    with qtbot.waitSignal(wizard.accepted, timeout=60000):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    wizard.ctx.close()


def _plans(paths) -> tuple[list[str], int]:
    ctx = login(paths, "admin", "good-password-1")
    try:
        names = [p.name for p in plans.list_plans(ctx)]
        default = business_settings.get(ctx, business_settings.DEFAULT_SALES_PLAN)
        assert customers.count_customers(ctx) == 0, "no demo data unless asked"
        return names, default
    finally:
        ctx.close()


def test_the_standard_plan_is_set_up_by_default_without_the_demo(qtbot, paths):
    wizard = SetupWizard(paths)
    qtbot.addWidget(wizard)
    wizard.show()
    _to_last_page(qtbot, wizard)
    page = wizard.demo_page
    assert page.plan.isChecked() and not page.demo.isChecked()
    assert "3% / 5% / 8%" in page.plan.text()
    _finish(qtbot, wizard)
    names, default = _plans(paths)
    assert names == [STANDARD_PLAN_NAME]
    assert default > 0


def test_unticked_there_is_no_plan(qtbot, paths):
    wizard = SetupWizard(paths)
    qtbot.addWidget(wizard)
    wizard.show()
    _to_last_page(qtbot, wizard)
    wizard.demo_page.plan.setChecked(False)
    _finish(qtbot, wizard)
    names, default = _plans(paths)
    assert names == [] and default == 0


def test_the_demo_firm_and_the_standard_plan_are_one_plan():
    from desktop.services.demo.profiles import DEMO_PLAN_NAME

    # With the demo ticked too, the demo's plan is the standard plan made the default.
    assert DEMO_PLAN_NAME == STANDARD_PLAN_NAME
