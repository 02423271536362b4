"""The PostgreSQL mode against a real server the suite starts (tests/pgserver.py): TLS by
default, one clear line when the server refuses, and ``migrate-to-server`` round trips.

Without PostgreSQL binaries these skip with a message; with ``CI=true`` they must run.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import delete, func, select, text

from desktop.config import Paths
from desktop.errors import CredentialsError, ValidationError
from desktop.models.audit import verify_chain
from desktop.models.customers import Customer
from desktop.models.orders import Order
from desktop.services import customers, money
from desktop.services.demo import generate_demo
from desktop.services.login import login_server
from desktop.services.server_migration import compare, migrate_to_server
from desktop.services.setup import initialize
from desktop.storage.server import ServerUnavailable, open_server_store, server_url
from tests.conftest import ADMIN_PASSWORD, COMPANY
from tests.support import assert_one_line_error, run_baton

pytestmark = pytest.mark.postgres

TODAY = date(2026, 6, 1)


# --------------------------------------------------------------------------- addresses


def test_tls_is_required_unless_the_address_says_otherwise():
    plain = server_url("postgresql://baton@db.office.lan/baton")
    assert plain.drivername == "postgresql+psycopg"
    assert plain.query["sslmode"] == "require"
    strict = server_url("postgresql+psycopg://baton@db/baton?sslmode=verify-full")
    assert strict.query["sslmode"] == "verify-full"
    with pytest.raises(ValidationError, match="not a PostgreSQL address"):
        server_url("mysql://baton@db/baton")


@contextlib.contextmanager
def server_without_tls():
    """A listener that answers PostgreSQL's SSLRequest with 'N' (no TLS here), as a server
    with ``ssl = off`` does; libpq then refuses under sslmode=require before any password."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    stop = threading.Event()

    def serve() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(5)
                with contextlib.suppress(OSError):
                    if len(conn.recv(8)) == 8:  # length + SSLRequest code 80877103
                        conn.sendall(b"N")
                        conn.recv(1024)

    worker = threading.Thread(target=serve, daemon=True)
    worker.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        worker.join(5)
        listener.close()


def test_a_server_refusing_tls_gives_one_clear_line(tmp_path):
    with server_without_tls() as port:
        url = f"postgresql+psycopg://baton:x@127.0.0.1:{port}/baton"
        with pytest.raises(ServerUnavailable) as info:
            open_server_store(url)
        assert "refused an encrypted (TLS) connection" in info.value.message()
        proc = run_baton(
            tmp_path / "seat", "--database", url, "unlock-check", password=ADMIN_PASSWORD
        )
    assert_one_line_error(proc, 1, "refused an encrypted (TLS) connection")


def test_the_connection_is_encrypted_and_a_plain_one_is_refused(pg_server, pg_databases):
    name = pg_databases.create()
    try:
        store = open_server_store(pg_server.url(name))
        try:
            with store.engine.connect() as conn:
                ssl = conn.execute(
                    text("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
                ).scalar()
            assert ssl is True
        finally:
            store.close()
        # The test server accepts TLS only (hostssl), like a well set-up office server: an
        # address with sslmode=disable is told so, not sent to check its password.
        with pytest.raises(ServerUnavailable) as info:
            open_server_store(pg_server.url(name) + "?sslmode=disable")
        message = info.value.message()
        assert "accepts only encrypted (TLS) connections" in message
        assert "sslmode=disable" in message and "password" not in message
    finally:
        pg_databases.drop(name)


def test_wrong_database_credentials_give_one_clear_line(pg_server, pg_databases, tmp_path):
    url = pg_server.url("postgres", password="not-the-password")
    with pytest.raises(ServerUnavailable) as info:
        open_server_store(url)
    assert info.value.message() == (
        f"The database server 127.0.0.1:{pg_server.port} refused the database user baton: "
        "check the user name and password (PGPASSWORD or ~/.pgpass) and the server's "
        "pg_hba.conf."
    )
    proc = run_baton(tmp_path / "seat", "--database", url, "unlock-check", password="x")
    assert_one_line_error(proc, 1, "refused the database user baton")
    assert "not-the-password" not in proc.stderr


# --------------------------------------------------------------------------- migrate-to-server


@pytest.fixture
def demo_vault(tmp_path):
    """A small demo firm in a local vault, with a few audited edits on top."""
    paths = Paths(tmp_path / "vault")
    ctx = initialize(paths, COMPANY, ["上海", "广州"], "admin", "管理员", ADMIN_PASSWORD).ctx
    generate_demo(ctx, "small", today=TODAY)
    first = customers.list_customers(ctx, 0, 3)
    for row in first:
        d = customers.get_customer(ctx, row.id)
        data = customers.CustomerInput(
            d.code, d.name, region="迁移测试", credit_limit=d.credit_limit
        )
        customers.update_customer(ctx, row.id, data, d.version)
    yield ctx
    ctx.close()


def _money(ctx) -> tuple[Decimal, Decimal, int]:
    with ctx.transaction() as s:
        revenue = s.scalar(select(func.sum(Order.revenue))) or Decimal(0)
        credit = s.scalar(select(func.sum(Customer.credit_limit))) or Decimal(0)
    return revenue, credit, money.count_receivables(ctx)


def test_migrate_to_server_round_trip_keeps_counts_money_and_the_audit_chain(
    demo_vault, pg_server, pg_databases
):
    name = pg_databases.create()
    url = pg_server.url(name)
    try:
        report = migrate_to_server(demo_vault, url, ADMIN_PASSWORD)
        assert report.ok, report
        assert {c.name for c in report.tables} >= {"customer", "waybill", "audit_event"}
        assert all(c.local == c.server for c in report.tables)
        assert next(c for c in report.tables if c.name == "waybill").server == 5000
        assert report.chain.local.events == report.chain.server.events > 15
        assert report.chain.local_tail == report.chain.server_tail
        assert report.need_password == ["auditor", "finance", "hr", "manager", "sales"]

        # Independently of the report: the server, used through the services, says the same.
        server = login_server(url, "admin", ADMIN_PASSWORD)
        try:
            assert _money(server) == _money(demo_vault)
            assert customers.count_customers(server) == customers.count_customers(demo_vault)
            with server.transaction() as s:
                chain = verify_chain(s)
            # One more event on the server: the migration itself, then this login's.
            assert chain.ok and chain.events >= report.chain.server.events + 1
            # New rows get fresh ids: the sequences were moved past the copied ones.
            created = customers.create_customer(server, customers.CustomerInput("NEW1", "新客户"))
            assert min(created.ids) > max(
                r.id for r in customers.list_customers(demo_vault, 0, 1000)
            )
        finally:
            server.close()
        with pytest.raises(CredentialsError):
            login_server(url, "sales", "demo-or-anything-1")
    finally:
        pg_databases.drop(name)


def test_migrate_refuses_a_non_empty_database_and_touches_nothing(
    demo_vault, pg_server, pg_databases
):
    name = pg_databases.firm()
    try:
        url = pg_server.url(name)
        with pytest.raises(ValidationError, match="is not empty"):
            migrate_to_server(demo_vault, url, ADMIN_PASSWORD)
        server = login_server(url, "admin", ADMIN_PASSWORD)
        try:
            assert customers.count_customers(server) == 0
        finally:
            server.close()
    finally:
        pg_databases.drop(name)


def test_a_copy_stopped_after_the_migrations_may_be_run_again(demo_vault, pg_server, pg_databases):
    name = pg_databases.create()
    try:
        open_server_store(pg_server.url(name)).close()  # the schema, not one row
        assert migrate_to_server(demo_vault, pg_server.url(name), ADMIN_PASSWORD).ok
    finally:
        pg_databases.drop(name)


def test_the_comparison_finds_a_missing_row(demo_vault, pg_server, pg_databases):
    """The verification is not a formality: a row lost on the server is reported."""
    name = pg_databases.create()
    url = pg_server.url(name)
    try:
        assert migrate_to_server(demo_vault, url, ADMIN_PASSWORD).ok
        store = open_server_store(url)
        try:
            with store.engine.begin() as conn:
                conn.execute(
                    delete(Order).where(Order.id == select(func.max(Order.id)).scalar_subquery())
                )
            with demo_vault.store.engine.connect() as src, store.engine.connect() as dst:
                tables, money, _chain = compare(src, dst)
        finally:
            store.close()
        bad = {c.name for c in (*tables, *money) if not c.ok}
        assert "waybill" in bad and "waybill.revenue" in bad
    finally:
        pg_databases.drop(name)


def test_baton_migrate_to_server_prints_the_comparison(tmp_path, pg_server, pg_databases):
    data = tmp_path / "vault"
    made = run_baton(
        data, "init", "--company", COMPANY, "--admin", "admin", password=ADMIN_PASSWORD, user=None
    )
    assert made.returncode == 0, made.stderr
    name = pg_databases.create()
    try:
        url = pg_server.url(name)
        proc = run_baton(data, "migrate-to-server", url, password=ADMIN_PASSWORD)
        assert proc.returncode == 0, proc.stderr
        assert "verification: ok (row counts, money sums and audit chain identical)" in proc.stdout
        assert pg_server.password not in proc.stdout
        again = run_baton(data, "migrate-to-server", url, password=ADMIN_PASSWORD)
        assert_one_line_error(again, 2, "is not empty")
        check = run_baton(data, "--database", url, "unlock-check", password=ADMIN_PASSWORD)
        assert check.returncode == 0, check.stderr
        assert "ok: server database" in check.stdout
    finally:
        pg_databases.drop(name)


def test_a_server_nobody_listens_on_is_named_in_one_clean_line():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again before the connection is tried
    with pytest.raises(ServerUnavailable) as info:
        open_server_store(f"postgresql+psycopg://baton@127.0.0.1:{port}/baton")
    text_ = info.value.message()
    assert text_.startswith(f"Cannot reach the database server 127.0.0.1:{port}: ")
    assert "\t" not in text_ and "\n" not in text_
