"""Chinese all the way through: the window in zh_CN, walked page by page as admin, HR and the
manager on the small demo firm (with one approved departure case), every case tab, the import
wizard's pages and the main dialogs. Any visible text holding an ASCII word that is not a code
(employee numbers, IDs, dates, amounts, file names, 'PDF', 'XLSX', …) fails the walk: that is
English, or an internal code, shown to a Chinese user."""

from __future__ import annotations

import re
from collections.abc import Iterator

import openpyxl
import pytest
from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTableView,
    QTabWidget,
    QTextEdit,
    QWidget,
    QWizard,
)

from desktop.config import LocalSettings, Paths
from desktop.services.demo import DEMO_PASSWORD
from desktop.views.import_wizard import ImportWizard
from desktop.views.main_window import MainWindow
from desktop.views.pages.departures import DeparturesPage
from tests.conftest import ADMIN_PASSWORD
from tests.reports.documents_support import DemoCase, build_template, copy_case
from tests.views.conftest import on_worker, settle, unlock

#: Words that are names in every language, or codes a Chinese clerk reads as such.
ALLOWED = {
    "PDF", "XLSX", "XLS", "CSV", "JSON", "PIPL", "Baton", "PostgreSQL", "SQLCipher", "TLS",
    "ID", "QR", "SHA", "Excel", "Argon", "AES", "GCM", "OK", "USB", "PC", "IT", "HR",
    "English", "CPU", "KB", "MB", "GB", "Ctrl", "Alt", "Shift", "Enter", "Esc", "Tab", "Del",
    "ZIP",
}  # fmt: skip
#: Login names are codes where an account is named as such: the user-name column of the
#: users page, the linked account of an employee. Anywhere else a person is shown by name.
LOGINS = {"admin", "hr", "manager", "finance", "auditor", "sales"}
LOGIN_PLACES = ("用户名", "系统账户", "演示用户")
#: Free text typed by people (a case comment) is theirs, in whatever language they wrote it;
#: the walk's demo case was approved with English comments.
USER_TEXT_PLACES = ("备注", "意见", "说明")
#: A run of ASCII: a word, or a code with digits or punctuation inside.
CHUNK = re.compile(r"[A-Za-z0-9_@./:+\-%#¥]+")
LETTERS = re.compile(r"[A-Za-z]{2,}")
TAG = re.compile(r"<[^>]+>")
URL = re.compile(r"\b\w+(\+\w+)?://\S+")
#: A file name, an e-mail address, a version: codes, whatever letters they hold.
CODE_LIKE = re.compile(r"(.+\.(pdf|xlsx|xls|csv|json|png|zip|baton|db|key)$)|(.+@.+)", re.I)


def foreign_words(text: str, extra: frozenset[str] = frozenset()) -> list[str]:
    """The ASCII words of ``text`` a Chinese user should not meet."""
    text = URL.sub(" ", TAG.sub(" ", text.replace("&nbsp;", " ")))
    out = []
    for chunk in CHUNK.findall(text):
        if any(ch.isdigit() for ch in chunk) or CODE_LIKE.match(chunk):
            continue  # E0012, 2026-12-15, WB2026…, ¥1,200.00, x.pdf
        for word in LETTERS.findall(chunk):
            if word not in ALLOWED and word not in extra:
                out.append(word)
    return out


def texts_of(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every string ``root`` shows now: labels, buttons, titles, tab titles,
    tooltips, placeholders, combobox items, list items, table headers and cells."""
    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        if w is not root and not w.isVisibleTo(root):
            continue
        name = f"{type(w).__name__}({w.objectName() or ''})"
        if w.toolTip():
            yield name + ".toolTip", w.toolTip()
        if w.isWindow() and w.windowTitle():
            yield name + ".windowTitle", w.windowTitle()
        if isinstance(w, (QLabel, QAbstractButton)):
            yield name, w.text()
        elif isinstance(w, QGroupBox):
            yield name, w.title()
        elif isinstance(w, QLineEdit):
            yield name + ".placeholder", w.placeholderText()
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                yield name + f"[{i}]", w.itemText(i)
        elif isinstance(w, QTabWidget):
            for i in range(w.count()):
                yield name + f".tab[{i}]", w.tabText(i)
                yield name + f".tabToolTip[{i}]", w.tabToolTip(i)
        elif isinstance(w, QListWidget):
            for i in range(w.count()):
                if not w.item(i).isHidden():
                    yield name + f"[{i}]", w.item(i).text()
        elif isinstance(w, (QTextEdit, QPlainTextEdit)) and w.isReadOnly():
            yield name, w.toPlainText()
        elif isinstance(w, QWizard):
            page = w.currentPage()
            if page is not None:
                yield name + ".page.title", page.title()
                yield name + ".page.subTitle", page.subTitle()
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            try:
                columns = model.columnCount(QModelIndex())
            except TypeError:  # a list model: one column
                columns = 1
            headers = []
            for c in range(columns):
                headers.append(str(model.headerData(c, Qt.Orientation.Horizontal) or ""))
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = model.headerData(c, Qt.Orientation.Horizontal, role)
                    if isinstance(value, str):
                        yield name + f".header[{c}]", value
            for r in range(min(model.rowCount(QModelIndex()), 40)):
                shown = [model.data(model.index(r, c)) for c in range(max(columns, 1))]
                if "English" in shown:
                    continue  # a text labelled as English (the English clause of a pair)
                for c in range(max(columns, 1)):
                    index = model.index(r, c)
                    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                        value = model.data(index, role)
                        if isinstance(value, str):
                            header = headers[c] if c < len(headers) else ""
                            yield name + f".cell[{r},{c}] {header}", value


class Walk:
    """What the walk met: every foreign word, where, and in which text."""

    def __init__(self, extra: frozenset[str] = frozenset()) -> None:
        self.extra = extra
        self.found: dict[str, tuple[str, str]] = {}
        self.looked: list[str] = []
        #: How many visible texts were read (a figure for the report, and a floor).
        self.checked = 0

    def look(self, where: str, root: QWidget) -> None:
        QApplication.processEvents()
        self.looked.append(where)
        for place, text in texts_of(root):
            self.checked += 1
            if any(p in place for p in USER_TEXT_PLACES):
                continue
            if text.startswith("语言 / Language"):
                continue  # the language switch names itself in both, the window's first
            if "(English" in text or "（English" in text:
                continue  # an English text labelled as such (the English clause of a pair)
            text = text.replace(DEMO_PASSWORD, "")  # the demo's password, quoted to type it
            if "raw_record" in place:  # the audit event as stored: only its summary is words
                text = text.split("\n", 1)[0]
            words = foreign_words(text, self.extra)
            if any(p in place or p in text for p in LOGIN_PLACES):
                words = [w for w in words if w not in LOGINS]
            if words:
                key = f"{' '.join(dict.fromkeys(words))!r} in {text[:100]!r}"
                self.found.setdefault(key, (where, place))

    def report(self) -> str:
        return "\n".join(f"{where} {place}: {key}" for key, (where, place) in self.found.items())


@pytest.fixture(scope="module")
def walk_template(tmp_path_factory) -> DemoCase:
    return build_template(tmp_path_factory.mktemp("zh-walk-template"))


@pytest.fixture
def chinese(qapp) -> Iterator[None]:
    from desktop.views.language import install_translators, uninstall_translators

    installed = install_translators(qapp, "zh_CN")
    assert installed, "resources/translations/baton_zh_CN.qm is missing"
    yield
    uninstall_translators(qapp, installed)


@pytest.fixture
def zh_window(qtbot, walk_template, tmp_path, chinese) -> Iterator[tuple[MainWindow, DemoCase]]:
    case = copy_case(walk_template, tmp_path)
    paths = Paths(case.paths.data_dir)
    settings = LocalSettings(paths.settings_file)
    settings.set("language", "zh_CN")
    win = MainWindow(paths, settings)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    yield win, case
    win.runner.wait(30000)
    if win.ctx is not None:
        win.ctx.close()
        win.ctx = None
    case.close()


def walk_pages(qtbot, win: MainWindow, walk: Walk, who: str) -> None:
    for index in win.visible_pages():
        win.nav.setCurrentRow(index)
        settle(qtbot, win.runner)
        page = win.pages[index]
        walk.look(f"[{who}] {type(page).__name__}", win)
        # The first row of each list selected: the detail panels show what a click shows.
        for view in page.findChildren(QTableView):
            if view.isVisibleTo(page) and view.model() is not None and view.model().rowCount():
                view.selectRow(0)
                settle(qtbot, win.runner)
                walk.look(f"[{who}] {type(page).__name__} first row selected", win)
        tabs = [t for t in page.findChildren(QTabWidget) if t.isVisibleTo(page)]
        for tab in tabs:
            for i in range(tab.count()):
                tab.setCurrentIndex(i)
                settle(qtbot, win.runner)
                walk.look(f"[{who}] {type(page).__name__}/tab {i}", win)


def walk_case(qtbot, win: MainWindow, walk: Walk, who: str, case_id: int) -> None:
    win.open_case(case_id)
    page = win.page_of(DeparturesPage)
    screen = page.screen
    qtbot.waitUntil(lambda: screen.detail is not None and not screen.loading, timeout=20000)
    settle(qtbot, win.runner)
    for i in range(screen.tabs.count()):
        screen.tabs.setCurrentIndex(i)
        settle(qtbot, win.runner)
        walk.look(f"[{who}] case tab {i} {screen.tabs.tabText(i)}", win)


def walk_dialogs(qtbot, win: MainWindow, walk: Walk, who: str) -> None:
    """The dialogs of a working day: a new departure case, a move's comment on the case."""
    page = win.page_of(DeparturesPage)
    screen = page.screen
    for name, button in list(screen.move_buttons.items()):
        if button.isEnabled():
            button.click()
            settle(qtbot, win.runner)
            dialog = screen.dialog
            if dialog is not None:
                walk.look(f"[{who}] dialog of the move {name}", dialog)
                dialog.reject()
            break
    clauses = screen.deadlines
    if clauses.acknowledge_button.isEnabled():
        clauses.acknowledge()
        settle(qtbot, win.runner)
        if screen.dialog is not None:
            walk.look(f"[{who}] clause acknowledgement dialog", screen.dialog)
            screen.dialog.reject()
    cases = page.list
    if cases.new_button.isEnabled():
        page.show_list()
        settle(qtbot, win.runner)
        cases.new_case()
        qtbot.waitUntil(lambda: getattr(cases, "dialog", None) is not None, timeout=10000)
        settle(qtbot, win.runner)
        walk.look(f"[{who}] new case dialog", cases.dialog)
        cases.dialog.reject()


@pytest.mark.parametrize(
    ("who", "password"),
    [("admin", ADMIN_PASSWORD), ("hr", DEMO_PASSWORD), ("manager", DEMO_PASSWORD)],
)
def test_every_page_speaks_chinese(qtbot, zh_window, who, password):
    win, case = zh_window
    walk = Walk()
    walk.look("lock screen", win)
    unlock(qtbot, win, who, password)
    walk_pages(qtbot, win, walk, who)
    if not win.nav.item(win.pages.index(win.page_of(DeparturesPage))).isHidden():
        walk_case(qtbot, win, walk, who, case.case_id)
        walk_dialogs(qtbot, win, walk, who)
        assert any("case tab" in w for w in walk.looked)
    if who in {"admin", "hr"}:
        assert any("new case dialog" in w for w in walk.looked), walk.looked
        assert any("dialog of the move" in w for w in walk.looked), walk.looked
    if who == "hr":
        assert any("clause acknowledgement" in w for w in walk.looked), walk.looked
    print(f"zh walk [{who}]: {len(walk.looked)} screens, {walk.checked} texts read")
    assert walk.checked > 1000, "the walk read the window"
    assert not walk.found, "English or internal codes in the Chinese window:\n" + walk.report()


def test_the_import_wizard_speaks_chinese(qtbot, zh_window, tmp_path):
    """Every page of the wizard on a staff list as firms keep it: a title row, 序号, a phone
    header no field knows, a new position, a 合计 row; then the same list with a missing
    name, whose saved error report is in Chinese too."""
    win, _case = zh_window
    unlock(qtbot, win, "admin", ADMIN_PASSWORD)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "花名册"
    sheet.append(["员工花名册"])
    sheet.append(["序号", "工号", "姓名", "员工手机号", "岗位"])
    sheet.append([1, "Z9001", "钱多多", "13800000001", "夜班调度员"])
    sheet.append([2, "Z9002", "孙小美", "13800000002", "夜班调度员"])
    sheet.append(["合计", None, "2人", None, None])
    book.save(tmp_path / "staff.xlsx")
    walk = Walk()
    wizard = ImportWizard(win.ctx, win.runner, "staff")
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(tmp_path / "staff.xlsx"))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.mapping_page, timeout=10000)
    settle(qtbot, win.runner)
    walk.look("import: mapping", wizard)
    mapping = wizard.mapping_page
    assert "员工手机号" in mapping.note.text() and "电话" in mapping.note.text()
    phone = mapping.combos[wizard.headers.index("员工手机号")]
    phone.setCurrentIndex(phone.findData("phone"))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.preview_page.preview is not None, timeout=10000)
    walk.look("import: preview", wizard)
    summary = wizard.preview_page.summary.text()
    assert "新岗位 夜班调度员 ×2" in summary, summary  # named by two rows
    wizard.next()
    qtbot.waitUntil(lambda: wizard.run_page.result is not None, timeout=20000)
    walk.look("import: done", wizard)
    assert "员工 2" in wizard.run_page.status.text(), wizard.run_page.status.text()

    sheet.append([3, "Z9003", None, "13800000003", "司机"])
    sheet.delete_rows(5)  # the 合计 row goes; the row without a name stays
    book.save(tmp_path / "bad.xlsx")
    again = ImportWizard(win.ctx, win.runner, "staff")
    qtbot.addWidget(again)
    again.show()
    again.file_page.path.setText(str(tmp_path / "bad.xlsx"))
    again.next()
    qtbot.waitUntil(lambda: again.currentPage() is again.mapping_page, timeout=10000)
    settle(qtbot, win.runner)
    again.next()
    qtbot.waitUntil(lambda: again.preview_page.preview is not None, timeout=10000)
    walk.look("import: preview with problems", again)
    assert not again.preview_page.preview.ok
    report = tmp_path / "errors.csv"
    from desktop.services import imports

    on_worker(
        qtbot,
        win.runner,
        imports.write_error_report,
        again.preview_page.preview.errors,
        report,
        QCoreApplication.translate,
    )
    text = report.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == "行号,列,内容,原因", text
    for line in text.splitlines()[1:]:
        walk.found.update(
            {f"{w!r} in {line!r}": ("import: saved report", "csv") for w in foreign_words(line)}
        )
    assert not walk.found, "English or internal codes in the Chinese wizard:\n" + walk.report()


def test_the_setup_wizard_speaks_chinese(qtbot, chinese, tmp_path):
    """The first thing a new firm sees, page by page, until the demo offer; the recovery key
    (a code) aside."""
    from PySide6.QtWidgets import QWizard

    from desktop.views.wizard import SetupWizard

    paths = Paths(tmp_path / "new")
    wizard = SetupWizard(paths)
    qtbot.addWidget(wizard)
    wizard.show()
    walk = Walk()
    walk.look("setup: company", wizard)
    wizard.company_page.company.setText("上海迅达物流有限公司")
    wizard.company_page.branches.setPlainText("上海总部")
    wizard.next()
    walk.look("setup: administrator", wizard)
    page = wizard.admin_page
    page.display_name.setText("王芳")
    page.password.setText("good-password-1")
    page.repeat.setText("good-password-2")
    wizard.next()
    walk.look("setup: administrator, passwords differ", wizard)
    page.repeat.setText("good-password-1")
    with qtbot.waitSignal(wizard.vault_created, timeout=30000):
        wizard.next()
    key = wizard.create_page.panel.key_label.text()
    walk.extra = frozenset(key.replace("-", " ").split())
    walk.look("setup: recovery key", wizard)
    wizard.create_page.confirm.setChecked(True)
    wizard.next()
    walk.look("setup: demo offer", wizard)
    assert wizard.currentPage() is wizard.demo_page
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: wizard.ctx is not None or not wizard.isVisible(), timeout=30000)
    if wizard.ctx is not None:
        wizard.ctx.close()
    assert not walk.found, "English or internal codes in the Chinese setup:\n" + walk.report()


def test_the_main_dialogs_speak_chinese(qtbot, zh_window, monkeypatch):
    """The forms of a day's work, opened as their buttons open them (each is walked when it
    would wait for the user, then cancelled): employee, customer, reassignment, follow-up,
    waybill, payment and a new user."""
    from PySide6.QtWidgets import QDialog

    from desktop.views.pages.customers import CustomersPage
    from desktop.views.pages.orders import OrdersPage
    from desktop.views.pages.staff import StaffPage
    from desktop.views.pages.users import UsersPage

    win, _case = zh_window
    walk = Walk()

    def walked(dialog: QDialog) -> int:
        dialog.show()
        settle(qtbot, win.runner)  # a form may read its lists on the worker when it opens
        walk.look(f"dialog {type(dialog).__name__}", dialog)
        dialog.hide()
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(QDialog, "exec", walked)
    unlock(qtbot, win, "admin", ADMIN_PASSWORD)

    def show(kind):
        page = win.page_of(kind)
        win.nav.setCurrentRow(win.pages.index(page))
        settle(qtbot, win.runner)
        return page

    def first_row(panel) -> None:
        panel.table.selectRow(0)
        settle(qtbot, win.runner)

    staff_page = show(StaffPage)
    staff_page.new_employee()
    settle(qtbot, win.runner)
    first_row(staff_page.panel)
    staff_page.open_selected()
    settle(qtbot, win.runner)
    customers = show(CustomersPage)
    customers.new_customer()
    settle(qtbot, win.runner)
    first_row(customers.panel)
    for action in (customers.open_selected, customers.reassign, customers.add_followup):
        action()
        settle(qtbot, win.runner)
    orders = show(OrdersPage)
    orders.orders.new_order()
    settle(qtbot, win.runner)
    orders.tabs.setCurrentWidget(orders.invoices)  # the list loads when its tab shows
    settle(qtbot, win.runner)
    first_row(orders.invoices.panel)
    orders.invoices.record_payment()
    settle(qtbot, win.runner)
    show(UsersPage).add_user()
    settle(qtbot, win.runner)
    opened = {w.split()[1] for w in walk.looked}
    assert {
        "EmployeeDialog",
        "CustomerDialog",
        "ReassignDialog",
        "FollowUpDialog",
        "OrderDialog",
        "PaymentDialog",
        "AddUserDialog",
    } <= opened, opened
    assert not walk.found, "English or internal codes in the Chinese dialogs:\n" + walk.report()
