"""Screenshots of the screens that carry named looks (baton.qss), to compare a change by eye.

    QT_QPA_PLATFORM=offscreen BATON_KDF_PROFILE=fast python tools/screenshots.py OUT_DIR \
        [--firm DIR] [--lang en|zh_CN]

Builds a small demo firm with one approved and one cancelled departure case (kept in ``--firm``
and reused when it exists, so two runs — before and after a change — show the same data),
opens the main window on a copy of it and saves one PNG per page, case tab and dialog into
OUT_DIR. ``tools/compare_screenshots.py`` — or any image viewer — tells two runs apart.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QWidget

from desktop.config import LocalSettings, Paths
from desktop.services import demo, departures
from desktop.services.context import ServiceContext
from desktop.services.demo import DEMO_PASSWORD
from desktop.services.login import login
from desktop.services.setup import initialize

ADMIN_PASSWORD = "admin-pass-1"
SIZE = (1280, 800)


def build_firm(root: Path) -> dict[str, int]:
    """A demo firm, an approved case and a cancelled one; the case ids."""
    paths = Paths(root)
    result = initialize(
        paths, "上海迅达物流有限公司", ["上海", "广州"], "admin", "管理员", ADMIN_PASSWORD
    )
    try:
        summary = demo.generate_demo(result.ctx, "small", seed=7)
    finally:
        result.ctx.close()
    hr = login(paths, "hr", DEMO_PASSWORD)
    manager = login(paths, "manager", DEMO_PASSWORD)
    try:
        on = hr.today() + timedelta(days=30)
        data = departures.CaseInput(summary.top_salesperson_id, on)
        (approved,) = departures.start_case(hr, data).ids
        departures.submit(hr, approved, "resigns to join a relative's firm")
        departures.approve(manager, approved, "ok")
        second = demo_other_salesperson(hr, summary.top_salesperson_id)
        (cancelled,) = departures.start_case(hr, departures.CaseInput(second, on)).ids
        departures.submit(hr, cancelled, "thinks about leaving")
        departures.cancel(hr, cancelled, "stays after all")
        third = demo_other_salesperson(hr, summary.top_salesperson_id, second)
        (waiting,) = departures.start_case(hr, departures.CaseInput(third, on)).ids
        departures.submit(hr, waiting, "moves to another city")
    finally:
        hr.close()
        manager.close()
    return {"approved": approved, "cancelled": cancelled}


def demo_other_salesperson(ctx: ServiceContext, *taken: int) -> int:
    """An active employee without a case yet, for another case."""
    from desktop.services import staff

    rows = staff.list_employees(ctx, 0, 20, filters={"status": "active"})
    return next(r.id for r in rows if r.id not in taken)


def settle(app: QApplication, seconds: float = 1.0, runner=None) -> None:
    """Let queued work finish and the event loop paint."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        if runner is not None:
            runner.wait(50)
        time.sleep(0.02)
    app.processEvents()
    # widgets replaced with deleteLater() go only when a real event loop runs: drop them now
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()


class Shooter:
    def __init__(self, app: QApplication, out: Path) -> None:
        self.app = app
        self.out = out
        self.saved: list[str] = []

    def __call__(self, name: str, widget: QWidget, runner=None, seconds: float = 0.6) -> None:
        settle(self.app, seconds, runner)
        widget.grab().save(str(self.out / f"{name}.png"))
        self.saved.append(name)


def try_shot(label: str, action: Callable[[], None]) -> None:
    """A screen that cannot be built in this version is named, not fatal."""
    try:
        action()
    except Exception as exc:  # a tool: report and go on
        print(f"skipped {label}: {exc!r}", file=sys.stderr)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--firm", type=Path, default=Path(tempfile.gettempdir()) / "baton-shots")
    parser.add_argument("--lang", choices=("en", "zh_CN"), default="en")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    ids_file = args.firm / "cases.txt"
    if not ids_file.exists():
        args.firm.mkdir(parents=True, exist_ok=True)
        ids = build_firm(args.firm / "vault")
        ids_file.write_text(f"{ids['approved']} {ids['cancelled']}")
    approved, cancelled = (int(x) for x in ids_file.read_text().split())

    work = Path(tempfile.mkdtemp(prefix="baton-shots-"))
    shutil.copytree(args.firm / "vault", work / "vault", ignore=shutil.ignore_patterns("*.lock"))
    paths = Paths(work / "vault")
    settings = LocalSettings(paths.settings_file)
    settings.set("language", args.lang)

    from desktop.views.app import make_application
    from desktop.views.main_window import MainWindow

    app = make_application(settings)
    app.styleHints().setCursorFlashTime(0)  # a steady caret: two runs compare pixel for pixel
    shot = Shooter(app, args.out)
    win = MainWindow(paths, settings)
    win.resize(*SIZE)
    win.show()
    screen = win.lock_screen
    shot("lock", win)
    screen.username.setText("admin")
    screen.password.setText("wrong-password")
    screen.submit()
    shot("lock_wrong_password", win, win.runner, 4)
    try_shot("lock_restored", lambda: (screen._after_restore(), shot("lock_restored", win)))

    screen.username.setText("admin")
    screen.password.setText(ADMIN_PASSWORD)
    screen.submit()
    settle(app, 6, win.runner)
    for index, page in enumerate(win.pages):
        if win.nav.item(index).isHidden():
            continue
        win.nav.setCurrentRow(index)
        name = type(page).__name__.removesuffix("Page").lower() or f"page{index}"
        shot(f"page_{index:02d}_{name}", win, win.runner, 2.5)
        if name == "review" and page.table.model().rowCount():
            page.table.selectRow(0)
            shot(f"page_{index:02d}_{name}_selected", win, win.runner, 2.5)
        if name == "audit":
            button = getattr(page, "verify_button", None) or getattr(page, "verify", None)
            if hasattr(button, "click"):
                button.click()
                shot(f"page_{index:02d}_{name}_verified", win, win.runner, 4)

    for label, case_id in (("case", approved), ("case_cancelled", cancelled)):
        win.open_case(case_id)
        settle(app, 3, win.runner)
        from desktop.views.pages.departures import DeparturesPage

        page = win.page_of(DeparturesPage)
        case_screen = getattr(page, "screen", None) or getattr(page, "case_screen", None)
        tabs = getattr(case_screen, "tabs", None)
        if tabs is None:
            shot(label, win, win.runner, 2)
            continue
        for t in range(tabs.count()):
            tabs.setCurrentIndex(t)
            shot(f"{label}_tab{t}", win, win.runner, 2)
        if label == "case":  # what blocks a step, as the screen shows it (example text)
            case_screen.blockers.setText("<b>Example:</b> what blocks the next step.")
            case_screen.blockers_area.show()
            shot("case_blockers", win, win.runner, 1)
            case_screen.blockers_area.hide()
        after = getattr(case_screen, "after", None)
        if after is not None:
            after.resize(1000, 500)
            shot(f"{label}_after_tab", after, win.runner, 1)

    ctx = win.ctx
    runner = win.runner
    dialogs: list[tuple[str, Callable[[], QWidget]]] = []
    keep: list[QWidget] = []

    def employee() -> QWidget:
        from desktop.views.pages.staff import EmployeeDialog

        d = EmployeeDialog(ctx, None)
        d.general.setText("Example of a general error under the form.")
        d.errors.show({"name": "Example of a field error."})
        return d

    def customer() -> QWidget:
        from desktop.views.pages.customers import CustomerDialog

        d = CustomerDialog(ctx, None)
        d.general.setText("Example of a general error under the form.")
        return d

    def payment() -> QWidget:
        from desktop.views.pages.orders import PaymentDialog

        d = PaymentDialog(ctx, None, "")
        d.general.setText("Example of a general error under the form.")
        return d

    def plan() -> QWidget:
        from desktop.views.commission_plans import PlanDialog

        d = PlanDialog(ctx)
        d.general.setText("Example of a general error under the form.")
        return d

    def case_dialog() -> QWidget:
        from desktop.views.case.dialogs import CaseDialog

        d = CaseDialog(ctx, runner)
        d.warning.setText("Example of a warning in the case dialog.")
        d.warning.show()
        d.general.setText("Example of a general error of a task dialog.")
        d.general.show()
        return d

    def non_compete() -> QWidget:
        from desktop.views.case.dialogs_deadlines import NonCompeteDialog

        return NonCompeteDialog(ctx, runner, departures.get_case(ctx, approved))

    def import_mapping() -> QWidget:
        from desktop.views.import_wizard import ImportWizard

        w = ImportWizard(ctx, runner, "customers")
        w.headers = ["客户编号", "客户名称", "Something else"]
        w.rows_in_file = 3
        w.mapping_page.initializePage()
        keep.append(w)
        return w.mapping_page

    def setup_demo_page() -> QWidget:
        from desktop.views.wizard import SetupWizard

        w = SetupWizard(Paths(work / "unused"))
        return w.demo_page if hasattr(w, "demo_page") else w

    dialogs += [
        ("dialog_employee", employee),
        ("dialog_customer", customer),
        ("dialog_payment", payment),
        ("dialog_plan", plan),
        ("dialog_case", case_dialog),
        ("dialog_non_compete", non_compete),
        ("import_mapping", import_mapping),
        ("wizard_demo", setup_demo_page),
    ]
    for name, make in dialogs:

        def one(name: str = name, make: Callable[[], QWidget] = make) -> None:
            widget = make()
            widget.resize(720, 560)
            widget.show()
            shot(name, widget, runner, 1)
            widget.close()

        try_shot(name, one)

    runner.wait(30000)
    if win.ctx is not None:
        win.ctx.close()
    print(f"{len(shot.saved)} screenshots in {args.out}")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
