"""The main window: navigation, pages, status bar, lock and idle auto-lock."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.config import LocalSettings, Paths
from desktop.logs import get_logger
from desktop.services import alerts, maintenance, notice_access, organisation
from desktop.services.changes import Kind
from desktop.services.context import Changes, ServiceContext
from desktop.services.permissions import Action, can
from desktop.views.labels import role_label
from desktop.views.lock_screen import LockScreen
from desktop.views.pages.alerts import AlertsPage
from desktop.views.pages.audit import AuditPage
from desktop.views.pages.base import Page
from desktop.views.pages.commissions import CommissionsPage
from desktop.views.pages.customers import CustomersPage
from desktop.views.pages.dashboard import DashboardPage
from desktop.views.pages.departures import DeparturesPage
from desktop.views.pages.orders import OrdersPage
from desktop.views.pages.receipts import ReceiptsPage
from desktop.views.pages.reports import ReportsPage
from desktop.views.pages.review import ReviewPage
from desktop.views.pages.settings import SettingsPage
from desktop.views.pages.staff import StaffPage
from desktop.views.pages.users import UsersPage
from desktop.views.qtext import fill
from desktop.views.widgets.style import set_style_role
from desktop.views.workers import TaskRunner

log = get_logger("window")

INPUT_EVENTS = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.TabletPress,
}


class IdleWatcher(QObject):
    """Restarts a timer on every user input anywhere in the application."""

    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle)

    def start(self, seconds: int) -> None:
        self.timer.setInterval(max(1, seconds) * 1000)
        self.timer.start()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS and self.timer.isActive():
            self.timer.start()
        return False


class MainWindow(QMainWindow):
    """Holds the ServiceContext while unlocked; locking disposes it and hides every page."""

    locked = Signal()
    unlocked = Signal(object)
    #: The window itself reloads the per-PC settings (idle lock, language) on these.
    watches = frozenset({Kind.SETTINGS})

    def __init__(
        self, paths: Paths, settings: LocalSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.paths = paths
        self.settings = settings
        self.ctx: ServiceContext | None = None
        self.runner = TaskRunner(self)
        self.runner.changes_made.connect(self.broadcast)
        self.setWindowTitle("Baton")
        self.resize(1200, 760)

        self.lock_screen = LockScreen(paths, settings, self.runner)
        self.lock_screen.unlocked.connect(self.set_context)
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(210)
        self.stack = QStackedWidget()
        self.pages: list[Page] = self._build_pages()
        for page in self.pages:
            self.stack.addWidget(page)
            item = QListWidgetItem(page.title())
            self.nav.addItem(item)
            page.changed.connect(self.broadcast)
        self.nav.currentRowChanged.connect(self.show_page)
        self.page_of(ReviewPage).open_case.connect(self.open_case)
        self.page_of(StaffPage).open_case.connect(self.open_case)
        alerts_page = self.page_of(AlertsPage)
        alerts_page.open_record.connect(self.open_record)
        alerts_page.counts_changed.connect(self.show_alert_counts)
        # The leaver's login banner (services/notice_access.py): hidden unless it applies.
        self.notice_banner = QLabel()
        self.notice_banner.setObjectName("noticeBanner")
        self.notice_banner.setWordWrap(True)
        set_style_role(self.notice_banner, "role", "warning")
        self.notice_banner.hide()
        body = QWidget()
        row = QHBoxLayout(body)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        workspace = QWidget()
        column = QVBoxLayout(workspace)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.notice_banner)
        column.addWidget(body, 1)
        self.central = QStackedWidget()
        self.central.addWidget(self.lock_screen)
        self.central.addWidget(workspace)
        self.setCentralWidget(self.central)
        self._loaded: set[int] = set()

        self.user_label = QLabel()
        self.state_label = QLabel()
        self.lock_button = QPushButton(self.tr("Lock"))
        self.lock_button.setToolTip(self.tr("Lock now (Ctrl+L): data is hidden until you unlock"))
        self.lock_button.clicked.connect(self.lock)
        # Permanent widgets stay visible while a message is shown in the bar.
        self.statusBar().addWidget(self.state_label, 1)
        self.statusBar().addPermanentWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.lock_button)
        QShortcut(QKeySequence("Ctrl+L"), self, activated=self.lock)
        for n in range(1, 10):
            QShortcut(QKeySequence(f"Ctrl+{n}"), self, activated=lambda n=n: self._jump(n))

        self.idle = IdleWatcher(self)
        self.idle.idle.connect(self.lock)
        self._show_locked()

    def _build_pages(self) -> list[Page]:
        r = self.runner
        return [
            DashboardPage(r),
            StaffPage(r),
            CustomersPage(r),
            OrdersPage(r),
            DeparturesPage(r),
            ReviewPage(r),
            ReceiptsPage(r),
            CommissionsPage(r),
            AlertsPage(r),
            ReportsPage(r),
            AuditPage(r),
            UsersPage(r),
            SettingsPage(r, self.settings),
        ]

    # -- pages ---------------------------------------------------------------

    def visible_pages(self) -> list[int]:
        return [i for i in range(len(self.pages)) if not self.nav.item(i).isHidden()]

    def _jump(self, n: int) -> None:
        visible = self.visible_pages()
        if self.ctx is not None and 0 < n <= len(visible):
            self.nav.setCurrentRow(visible[n - 1])

    def show_page(self, index: int) -> None:
        if index < 0:
            return
        self.stack.setCurrentIndex(index)
        if self.ctx is not None and index not in self._loaded:
            self._loaded.add(index)
            self.pages[index].load(self.ctx)

    def page_of(self, kind: type[Page]) -> Page:
        return next(p for p in self.pages if isinstance(p, kind))

    def open_case(self, case_id: int) -> None:
        """Show a departure case on the Departures page (from the review or the staff list)."""
        page = self.page_of(DeparturesPage)
        index = self.pages.index(page)
        if self.ctx is None or self.nav.item(index).isHidden():
            return
        self.nav.setCurrentRow(index)
        page.open_case(case_id)

    def open_record(self, kind: str, ident: int) -> None:
        """Follow an alert's evidence link to the record (views/record_links.py)."""
        from desktop.views import record_links

        record_links.follow(self, kind, ident)

    def show_alert_counts(self, counts: object) -> None:
        """The navigation badge: open alerts (and how many are high)."""
        index = self.pages.index(self.page_of(AlertsPage))
        title = self.page_of(AlertsPage).title()
        total = getattr(counts, "total", 0)
        high = getattr(counts, "high", 0)
        if total:
            title = fill(self.tr("%1 (%2, %3 high)"), title, total, high)
        self.nav.item(index).setText(title)

    def _refresh_alert_badge(self) -> None:
        ctx = self.ctx
        if ctx is None or not can(ctx.actor.role, Action.ALERTS_VIEW):
            return
        self.runner.start(
            alerts.open_counts,
            ctx,
            on_done=lambda c: self.show_alert_counts(c) if self.ctx is ctx else None,
        )

    def _unlock_notice(self, notice: object) -> None:
        high = getattr(notice, "new_high", 0)
        if high:
            self.statusBar().showMessage(
                fill(self.tr("%1 new high alert(s) in the last day: see Alerts."), high), 30000
            )
        if getattr(notice, "swept", False):
            self.broadcast(Changes.of(Kind.ALERTS))
        self._refresh_alert_badge()

    def broadcast(self, changes: Changes, initiator: object | None = None) -> None:
        """Tell every loaded page what changed; each refreshes itself if it cares.

        The page that made the change (the signal's sender, or a CollectionOp's initiator)
        refreshes itself and is skipped."""
        origin = initiator if initiator is not None else self.sender()
        for index in list(self._loaded):
            page = self.pages[index]
            if page is not origin:
                page.on_changes(changes)
        if changes.touches(AlertsPage.watches):
            self._refresh_alert_badge()
        if Kind.SETTINGS in changes.kinds and self.ctx is not None:
            self.idle.start(self.idle_seconds())

    # -- lock and unlock -----------------------------------------------------

    def idle_seconds(self) -> int:
        override = int(self.settings.get("idle_lock_seconds_override"))
        return override if override > 0 else int(self.settings.get("idle_lock_minutes")) * 60

    def _show_notice_banner(self, params: dict[str, str] | None) -> None:
        """Tell a leaver in their notice period what their account can no longer do."""
        if params is None:
            self.notice_banner.hide()
            return
        text = QCoreApplication.translate("Errors", notice_access.MSG_BANNER)
        self.notice_banner.setText(text.format(**params))
        self.notice_banner.show()

    def set_context(self, ctx: ServiceContext) -> None:
        """Show the workspace for this user: only the pages their role may use."""
        if self.ctx is not None and self.ctx is not ctx:
            self.ctx.close()
        self.ctx = ctx
        self._loaded.clear()
        role = ctx.actor.role
        first = -1
        for i, page in enumerate(self.pages):
            allowed = can(role, page.action)
            self.nav.item(i).setHidden(not allowed)
            if allowed and first < 0:
                first = i
        self.setWindowTitle("Baton")
        self.runner.start(
            organisation.company_name,
            ctx,
            on_done=lambda company: self._show_company(ctx, company),
            on_error=lambda exc: log.warning("company name not read: %s", type(exc).__name__),
        )
        self.user_label.setText(fill(self.tr("%1 (%2)"), ctx.actor.display_name, role_label(role)))
        self.notice_banner.hide()
        self.runner.start(
            notice_access.banner_params,
            ctx,
            on_done=self._show_notice_banner,
            on_error=lambda exc: log.warning("notice banner not read: %s", type(exc).__name__),
        )
        self.state_label.setText(self.tr("Unlocked"))
        self.lock_button.setEnabled(True)
        self.central.setCurrentIndex(1)
        self.nav.setCurrentRow(first)
        self.show_page(first)
        self.idle.start(self.idle_seconds())
        self.unlocked.emit(ctx)
        self.runner.start(
            maintenance.daily_backup_if_due,
            ctx,
            on_done=self._daily_done,
            on_error=self._daily_failed,
        )
        self.nav.item(self.pages.index(self.page_of(AlertsPage))).setText(
            self.page_of(AlertsPage).title()
        )
        if can(role, Action.ALERTS_VIEW):
            self.runner.start(
                alerts.after_unlock,
                ctx,
                on_done=lambda n: self._unlock_notice(n) if self.ctx is ctx else None,
                on_error=lambda exc: log.error("alerts after unlock: %s", type(exc).__name__),
            )

    def _show_company(self, ctx: ServiceContext, company: str | None) -> None:
        """The title names the firm once the worker read it (if still the same unlock)."""
        if self.ctx is ctx:
            self.setWindowTitle(fill(self.tr("Baton — %1"), company) if company else "Baton")

    def _daily_done(self, header: object) -> None:
        if header is not None:
            self.statusBar().showMessage(self.tr("Daily backup written and verified."), 8000)
            self.broadcast(Changes.of(Kind.BACKUP))

    def _daily_failed(self, exc: BaseException) -> None:
        log.error("daily backup failed: %s", type(exc).__name__)
        self.statusBar().showMessage(
            self.tr("The daily backup failed: see Settings → Backups."), 15000
        )

    def lock(self) -> None:
        """Hide every page's data, dispose the connections, and show the unlock form."""
        if self.ctx is None:
            return
        if self.runner.busy():
            self.runner.wait(60000)
        for page in self.pages:
            page.clear()
        self._loaded.clear()
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None and clipboard.ownsClipboard():
            clipboard.clear()
        ctx, self.ctx = self.ctx, None
        ctx.close()
        self._show_locked()
        self.locked.emit()

    def _show_locked(self) -> None:
        self.idle.stop()
        self.user_label.setText("")
        self.state_label.setText(self.tr("Locked"))
        self.lock_button.setEnabled(False)
        self.central.setCurrentIndex(0)
        self.lock_screen.prepare()

    @property
    def is_locked(self) -> bool:
        return self.ctx is None

    def closeEvent(self, event: QCloseEvent) -> None:
        self.runner.wait(60000)
        if self.ctx is not None:
            self.ctx.close()
            self.ctx = None
        self.idle.stop()
        event.accept()
