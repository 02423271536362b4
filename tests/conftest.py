"""Shared fixtures: a real vault in tmp_path, a user per role. No mocks of our database."""

from __future__ import annotations

import os

# Before any Qt import: run widgets offscreen. The fast KDF profile keeps the suite quick;
# the tests that are about the KDF itself set their own parameters.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("BATON_KDF_PROFILE", "fast")

import itertools
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, select, text

from desktop.config import Paths
from desktop.models.accounts import Role, User
from desktop.services import accounts
from desktop.services.context import Actor, ServiceContext
from desktop.services.login import login, login_server
from desktop.services.setup import initialize, initialize_server
from desktop.storage.database import make_sqlcipher_engine
from desktop.storage.server import open_server_store
from desktop.storage.store import Store, VaultLock
from desktop.storage.vault import Vault
from tests.pgserver import PgServer, ServerUnavailableForTests, start_server

ADMIN_PASSWORD = "admin-pass-1"
ROLE_PASSWORD = "role-pass-1"
COMPANY = "上海迅达物流有限公司"


BACKENDS = ("sqlite", "postgresql")
#: The seat role of ``--pg-role=seat`` (one per throwaway server).
SEAT_ROLE = "baton_seat"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--db",
        choices=BACKENDS,
        default="sqlite",
        help="where the service fixtures keep the firm: a SQLCipher vault (default) or a "
        "throwaway PostgreSQL server started by the suite",
    )
    parser.addoption(
        "--pg-role",
        choices=("owner", "seat"),
        default="owner",
        help="with --db=postgresql: work as the database's owner (default) or as a seat role "
        "given only a seat's rights by server-roles (the recommended office set-up)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--db") != "postgresql":
        return
    for item in items:
        marker = item.get_closest_marker("sqlcipher")
        if marker is not None:
            why = marker.args[0] if marker.args else "about the SQLCipher vault's own files"
            item.add_marker(pytest.mark.skip(reason=f"SQLCipher only: {why}"))


def on_postgresql(config: pytest.Config) -> bool:
    return config.getoption("--db") == "postgresql"


# --------------------------------------------------------------------------- PostgreSQL


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """One throwaway server per test process; skipped locally without PostgreSQL, an error
    in CI (``CI=true``), where the server mode must be tested."""
    try:
        server = start_server()
    except ServerUnavailableForTests as exc:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI must test the PostgreSQL mode, but: {exc}")
        pytest.skip(f"PostgreSQL tests skipped: {exc}")
    yield server
    server.stop()


class PgDatabases:
    """Creates and drops databases on the test server; a migrated firm is kept as a template
    so each test gets its own copy in a fraction of a second."""

    def __init__(self, server: PgServer) -> None:
        self.server = server
        self.admin: Engine = create_engine(server.url("postgres"), isolation_level="AUTOCOMMIT")
        self._names = itertools.count(1)
        self._firm: str | None = None
        self._seat: str | None = None
        self._superuser: Engine | None = None

    def create(self, template: str | None = None) -> str:
        name = f"t{os.getpid()}_{next(self._names)}"
        clause = f" TEMPLATE {template} STRATEGY FILE_COPY" if template else ""
        with self.admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {name}{clause}"))
        return name

    def drop(self, name: str) -> None:
        # Only the superuser may end a seat role's sessions that a test left open.
        with (self._superuser or self.admin).connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))

    def url(self, name: str) -> str:
        return self.server.url(name)

    def firm(self) -> str:
        """A new database holding the standard test firm (as ``initialize`` makes it)."""
        if self._firm is None:
            name = self.create()
            result = initialize_server(
                self.url(name), COMPANY, ["上海", "广州"], "admin", "管理员", ADMIN_PASSWORD
            )
            result.ctx.close()
            self._firm = name
        return self.create(template=self._firm)

    def seat_url(self, name: str) -> str:
        """The address of ``name`` for a seat role holding only a seat's rights there."""
        from desktop.storage.server import set_up_seat_role

        if self._seat is None:
            self._superuser = create_engine(
                self.server.url("postgres", user="postgres"), isolation_level="AUTOCOMMIT"
            )
            with self._superuser.connect() as conn:
                conn.execute(text(f"CREATE ROLE {SEAT_ROLE} LOGIN PASSWORD '{SEAT_ROLE}-pw'"))
            self._seat = SEAT_ROLE
        set_up_seat_role(self.url(name), self._seat, apply=True)
        return self.server.url(name, user=self._seat, password=f"{self._seat}-pw")

    def close(self) -> None:
        self.admin.dispose()
        if self._superuser is not None:
            self._superuser.dispose()


@pytest.fixture(scope="session")
def pg_databases(pg_server: PgServer) -> Iterator[PgDatabases]:
    databases = PgDatabases(pg_server)
    yield databases
    databases.close()


@pytest.fixture
def server_db(request: pytest.FixtureRequest) -> Iterator[str | None]:
    """With ``--db=postgresql``: the address of a fresh database holding the test firm."""
    if not on_postgresql(request.config):
        yield None
        return
    databases: PgDatabases = request.getfixturevalue("pg_databases")
    name = databases.firm()
    url = databases.url(name)
    if request.config.getoption("--pg-role") == "seat":
        url = databases.seat_url(name)
    yield url
    databases.drop(name)


def _server_admin(url: str) -> ServiceContext:
    """The administrator's context on a server firm, as ``initialize`` returns it (no login)."""
    store = open_server_store(url)
    with store.engine.connect() as conn:
        admin = conn.execute(select(User.id, User.display_name).where(User.username == "admin"))
        user_id, display = admin.one()
    return ServiceContext(store, Actor(user_id, "admin", display, Role.ADMIN))


# --------------------------------------------------------------------------- the firm


class VaultTemplate:
    """The standard test firm made once per test process by ``initialize`` and closed; each
    test gets a byte copy of its files, opened with the data key the template's creation
    yielded, exactly as ``initialize`` hands its context back. Creating a vault runs every
    migration (about half a second); copying three small files does not.

    Every copy shares the template's keys, recovery key and database id: a test that needs
    a second, distinct vault makes it with ``initialize`` or ``tests.support.make_vault``."""

    def __init__(self, root: Path) -> None:
        result = initialize(
            Paths(root / "vault"), COMPANY, ["上海", "广州"], "admin", "管理员", ADMIN_PASSWORD
        )
        store = result.ctx.store
        assert isinstance(store, Store)
        self.source = store.paths.data_dir
        self.key = store.key
        self.actor = result.ctx.actor
        self.recovery_key = result.recovery_key
        self.tail = store.audit_tail()
        result.ctx.close()
        self._with_roles: Path | None = None

    def copy_to(self, paths: Paths) -> tuple[ServiceContext, str]:
        """The firm's files copied into ``paths`` (owner-only, as ``initialize`` leaves them)
        and its administrator's context, as ``initialize`` returns it."""
        paths.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        paths.data_dir.chmod(0o700)
        _copy_files(self.source, paths.data_dir, locks=True)  # as initialize leaves them
        lock = VaultLock(paths.data_dir)
        lock.shared()
        engine = make_sqlcipher_engine(paths.database, self.key.data_key)
        store = Store(paths, Vault(paths), self.key, engine, lock)
        # initialize anchored the chain at its one commit a moment ago; the next commits of
        # the test wait for the anchor interval (or close) as they would after initialize.
        store._anchored_at = time.monotonic()
        store._baton_test_template = self  # type: ignore[attr-defined]
        return ServiceContext(store, self.actor), self.recovery_key

    def add_role_users(self, admin: ServiceContext) -> bool:
        """``role_users`` on a copy nothing was written to yet (its clock untouched): swap in
        the files of the same firm after ``add_role_users`` ran on it once, under the same
        engine and context; True if done. Anything else (a write since, a set clock, another
        firm) is False and the caller adds the accounts itself."""
        store = admin.store
        if getattr(store, "_baton_test_template", None) is not self:
            return False
        if vars(admin).get("clock") is not ServiceContext.clock or admin.actor != self.actor:
            return False
        assert isinstance(store, Store)
        if store.audit_tail() != self.tail or any(
            mine.read_bytes() != (self.source / mine.name).read_bytes()
            for mine in store.paths.keyslots
        ):
            return False
        if self._with_roles is None:
            self._with_roles = self._build_with_roles()
        store.engine.dispose()  # every pooled connection closed: the files are free to replace
        for side in store.paths.sidecars():
            side.unlink(missing_ok=True)
        _copy_files(self._with_roles, store.paths.data_dir)
        return True

    def _build_with_roles(self) -> Path:
        paths = Paths(self.source.parent / "with-roles" / "vault")
        ctx, _ = self.copy_to(paths)
        try:
            add_role_users(ctx)
        finally:
            ctx.close()
        return paths.data_dir


def _copy_files(source: Path, dest: Path, locks: bool = False) -> None:
    """The vault's files; its (empty) lock files only into a new copy, never over the ones
    whoever opened the copy holds."""
    for f in source.iterdir():
        if f.is_file() and (locks or f.suffix != ".lock"):
            shutil.copy2(f, dest / f.name)


def add_role_users(admin: ServiceContext) -> dict[Role, str]:
    """One account per non-admin role (user name = role name), password ROLE_PASSWORD."""
    names = {}
    for role in Role:
        if role is Role.ADMIN:
            names[role] = "admin"
            continue
        accounts.add_user(admin, role.value, f"{role.value} user", role.value, ROLE_PASSWORD)
        names[role] = role.value
    return names


@pytest.fixture(scope="session")
def vault_template(tmp_path_factory: pytest.TempPathFactory) -> VaultTemplate:
    return VaultTemplate(tmp_path_factory.mktemp("vault-template"))


@pytest.fixture
def paths(tmp_path: Path) -> Paths:
    return Paths(tmp_path / "vault")


@pytest.fixture
def vault(
    paths: Paths, server_db: str | None, request: pytest.FixtureRequest
) -> Iterator[tuple[ServiceContext, str]]:
    """A new firm with its administrator logged in; yields (ctx, recovery key).

    A SQLCipher vault in ``paths``, or with ``--db=postgresql`` a fresh server database (no
    recovery key there: "").
    """
    if server_db is not None:
        ctx = _server_admin(server_db)
        yield ctx, ""
        ctx.close()
        return
    ctx, recovery_key = request.getfixturevalue("vault_template").copy_to(paths)
    yield ctx, recovery_key
    ctx.close()


@pytest.fixture
def admin(vault: tuple[ServiceContext, str]) -> ServiceContext:
    return vault[0]


@pytest.fixture
def role_users(admin: ServiceContext) -> dict[Role, str]:
    """One account per non-admin role (user name = role name), password ROLE_PASSWORD.

    On a fresh copy of the template firm the accounts come as files made once per process
    (each account's key slot costs an Argon2 derivation and several fsyncs)."""
    template = getattr(admin.store, "_baton_test_template", None)
    if isinstance(template, VaultTemplate) and template.add_role_users(admin):
        return {role: "admin" if role is Role.ADMIN else role.value for role in Role}
    return add_role_users(admin)


@pytest.fixture
def relogin(paths: Paths, server_db: str | None) -> Iterator[Any]:
    """Log in by name and password to the test firm, wherever it is kept; closed after."""
    opened: list[ServiceContext] = []

    def _login(username: str, password: str, **options: Any) -> ServiceContext:
        if server_db is not None:
            ctx = login_server(server_db, username, password, **options)
        else:
            ctx = login(paths, username, password, **options)
        opened.append(ctx)
        return ctx

    yield _login
    for ctx in opened:
        ctx.close()


@pytest.fixture
def login_as(relogin: Any, role_users: dict[Role, str]) -> Any:
    """Log in as a role; every context opened is closed after the test."""

    def _login(role: Role) -> ServiceContext:
        password = ADMIN_PASSWORD if role is Role.ADMIN else ROLE_PASSWORD
        return relogin(role_users[role], password)

    return _login
