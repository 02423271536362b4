"""Two database roles on a real PostgreSQL server (tests/pgserver.py): the owner migrates, the
seats use a role that owns nothing, so SQL typed with the seat password cannot switch off the
audit trigger, rewrite the audit log or change the schema; the application works as the seat.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import Engine, create_engine, func, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from desktop.errors import ValidationError
from desktop.models.accounts import Role
from desktop.models.audit import AuditEvent, verify_chain
from desktop.services import accounts, customers
from desktop.services.login import login_server
from desktop.services.setup import initialize_server
from desktop.storage import schema
from desktop.storage.server import open_server_store, set_up_seat_role
from desktop.storage.server_roles import SchemaNeedsOwner, apply_seat_role, seat_rights
from tests.conftest import ADMIN_PASSWORD, COMPANY
from tests.pgserver import APP_ROLE, PgServer
from tests.support import assert_one_line_error, run_baton

pytestmark = pytest.mark.postgres

#: SQLSTATE insufficient_privilege: PostgreSQL's "permission denied" / "must be owner".
DENIED = "42501"


@dataclass
class TwoRoles:
    """A database owned by the test role ``baton`` (the owner) and a fresh seat login role."""

    server: PgServer
    database: str
    seat: str
    seat_password: str
    superuser: Engine

    @property
    def owner_url(self) -> str:
        return self.server.url(self.database)

    @property
    def seat_url(self) -> str:
        return self.server.url(self.database, user=self.seat, password=self.seat_password)

    def make_role(self, name: str, attributes: str = "") -> str:
        with self.superuser.connect() as conn:
            conn.execute(text(f"CREATE ROLE {name} LOGIN {attributes} PASSWORD 'x-{name}'"))
        self.extra.append(name)
        return name

    extra: list[str]


@pytest.fixture
def two_roles(pg_server, pg_databases) -> Iterator[TwoRoles]:
    superuser = create_engine(
        pg_server.url("postgres", user="postgres"), isolation_level="AUTOCOMMIT"
    )
    seat = f"seat_{secrets.token_hex(4)}"
    password = secrets.token_hex(10)
    with superuser.connect() as conn:
        conn.execute(text(f"CREATE ROLE {seat} LOGIN PASSWORD '{password}'"))
    roles = TwoRoles(pg_server, pg_databases.create(), seat, password, superuser, [])
    try:
        yield roles
    finally:
        with superuser.connect() as conn:  # the superuser may end the seat's sessions too
            conn.execute(text(f"DROP DATABASE IF EXISTS {roles.database} WITH (FORCE)"))
            for name in (seat, *roles.extra):
                conn.execute(text(f"DROP ROLE IF EXISTS {name}"))
        superuser.dispose()


def _firm_with_seat_role(roles: TwoRoles) -> None:
    """The owner sets up the firm, then gives the seat role its rights."""
    initialize_server(
        roles.owner_url, COMPANY, ["上海"], "admin", "管理员", ADMIN_PASSWORD
    ).ctx.close()
    result = set_up_seat_role(roles.owner_url, roles.seat, apply=True)
    assert result.rights is not None and result.rights.ok(), result.rights


def _trigger_state(engine: Engine) -> tuple[str | None, int, bool]:
    with engine.connect() as conn:
        enabled = conn.execute(
            text(
                "SELECT tgenabled FROM pg_trigger WHERE tgname = 'audit_event_append_only' "
                "AND tgrelid = 'audit_event'::regclass"
            )
        ).scalar()
        events = conn.execute(select(func.count()).select_from(AuditEvent)).scalar() or 0
    with Session(engine) as s:
        chain_ok = verify_chain(s).ok
    return enabled, int(events), chain_ok


def test_the_seat_role_cannot_switch_off_the_audit_trigger_or_rewrite_the_log(two_roles):
    _firm_with_seat_role(two_roles)
    owner = create_engine(two_roles.owner_url)
    seat = create_engine(two_roles.seat_url)
    seat_name = two_roles.seat
    try:
        before = _trigger_state(owner)
        assert before[0] == "O" and before[1] > 0 and before[2]
        attempts = [
            "ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only",
            "ALTER TABLE audit_event DISABLE TRIGGER ALL",
            "DROP TRIGGER audit_event_append_only ON audit_event",
            "CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger "
            "LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$",
            "DROP FUNCTION audit_event_append_only() CASCADE",
            "CREATE RULE keep_quiet AS ON INSERT TO audit_event DO INSTEAD NOTHING",
            "UPDATE audit_event SET actor = 'someone else' WHERE seq = 1",
            "DELETE FROM audit_event WHERE seq = (SELECT max(seq) FROM audit_event)",
            "TRUNCATE audit_event",
            "DROP TABLE audit_event",
            "ALTER TABLE audit_event RENAME TO audit_event_old",
            "LOCK TABLE audit_event IN ACCESS EXCLUSIVE MODE",
            "CREATE TABLE audit_event_copy (seq integer)",
            "CREATE SCHEMA seat_own",
            "DROP SCHEMA public CASCADE",
            f"ALTER ROLE {seat_name} SUPERUSER",
            f"ALTER ROLE {seat_name} CREATEROLE",
            f"GRANT {APP_ROLE} TO {seat_name}",
            "SET session_replication_role = replica",  # would skip every trigger
            "CREATE TRIGGER sneak BEFORE INSERT ON app_user FOR EACH ROW "
            "EXECUTE FUNCTION audit_event_append_only()",
            f"ALTER TABLE app_user OWNER TO {seat_name}",
            "ALTER TABLE customer ADD COLUMN note_x integer",
            "TRUNCATE customer CASCADE",
            "UPDATE alembic_version SET version_num = '0001'",
            "SELECT setval(pg_get_serial_sequence('customer', 'id'), 1)",
        ]
        refused: list[str] = []
        for statement in attempts:
            try:
                with seat.begin() as conn:
                    conn.execute(text(statement))
            except DBAPIError as exc:
                assert exc.orig.sqlstate == DENIED, (statement, exc.orig)
                refused.append(statement)
        print(f"bypass attempts as the seat role: {len(attempts)} tried / {len(refused)} refused")
        assert refused == attempts
        # Nothing moved: the trigger is on, no event is gone, the chain verifies, the seat
        # role has no new attribute and owns nothing.
        assert _trigger_state(owner) == before
        with owner.connect() as conn:
            rights = seat_rights(conn, seat_name)
            strong = conn.execute(
                text("SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = :r"),
                {"r": seat_name},
            ).scalar()
        assert rights.ok() and not strong
    finally:
        owner.dispose()
        seat.dispose()


def test_the_application_works_as_the_seat_role(two_roles, tmp_path):
    _firm_with_seat_role(two_roles)
    ctx = login_server(two_roles.seat_url, "admin", ADMIN_PASSWORD)
    try:
        with ctx.transaction() as s:
            user = s.execute(text("SELECT current_user")).scalar()
            events_before = s.scalar(select(func.count()).select_from(AuditEvent))
        assert user == two_roles.seat
        created = customers.create_customer(ctx, customers.CustomerInput("C1", "席位客户"))
        assert customers.get_customer(ctx, next(iter(created.ids))).name == "席位客户"
        with ctx.transaction() as s:
            last = s.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(3)).all()
            assert s.scalar(select(func.count()).select_from(AuditEvent)) > events_before
            assert verify_chain(s).ok
        assert any(e.entity == "customer" and e.action == "insert" for e in last)
    finally:
        ctx.close()
    proc = run_baton(
        tmp_path / "seat", "--database", two_roles.seat_url, "verify", password=ADMIN_PASSWORD
    )
    assert proc.returncode == 0, proc.stderr
    assert "audit chain: ok" in proc.stdout


def test_a_seat_refuses_a_pending_migration_and_the_owner_upgrades(two_roles, tmp_path):
    owner_store = open_server_store(two_roles.owner_url, migrate=False)
    try:
        schema.upgrade(owner_store.engine, "0004")  # an older Baton's schema
    finally:
        owner_store.close()
    # The owner grants the seat its rights on the old schema (printing would do the same).
    printed = run_baton(
        tmp_path / "o", "server-roles", two_roles.owner_url, "--seat-role", two_roles.seat
    )
    assert printed.returncode == 0, printed.stderr
    engine = create_engine(two_roles.owner_url)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(printed.stdout.replace("BEGIN;", "").replace("COMMIT;", ""))
    finally:
        engine.dispose()

    with pytest.raises(SchemaNeedsOwner) as info:
        open_server_store(two_roles.seat_url)
    assert info.value.message().startswith(
        "The server's schema must be upgraded by the administrator with the owner account"
    )
    assert two_roles.seat in info.value.message()
    proc = run_baton(
        tmp_path / "seat", "--database", two_roles.seat_url, "unlock-check", password="x"
    )
    assert_one_line_error(proc, 1, "must be upgraded by the administrator with the owner account")
    check = open_server_store(two_roles.owner_url, migrate=False)
    try:
        assert schema.pending(check.engine)[0] == "0004"  # the seat changed nothing
    finally:
        check.close()

    upgraded = run_baton(
        tmp_path / "o",
        "server-roles",
        two_roles.owner_url,
        "--seat-role",
        two_roles.seat,
        "--apply",
    )
    assert upgraded.returncode == 0, upgraded.stderr
    assert f"schema upgraded from 0004 to {schema.head_revision()}" in upgraded.stdout
    assert f"seat role {two_roles.seat}: ok" in upgraded.stdout
    assert two_roles.server.password not in upgraded.stdout + upgraded.stderr
    seat = open_server_store(two_roles.seat_url)
    try:
        with seat.engine.connect() as conn:
            rights = seat_rights(conn, two_roles.seat)
    finally:
        seat.close()
    # Tables made by the upgrade (0005's commission tables) are usable by the seat, and the
    # audit log still only takes appends.
    assert rights.tables["commission_plan"] == {"SELECT", "INSERT", "UPDATE", "DELETE"}
    assert rights.tables["audit_event"] == {"SELECT", "INSERT"}
    assert rights.ok()


def test_an_owner_upgrading_on_open_keeps_the_seat_rights(two_roles):
    """The one-role habit (the owner opens the firm and migrates on open) still works, and
    the seats' rights come along to new tables."""
    owner_store = open_server_store(two_roles.owner_url, migrate=False)
    try:
        schema.upgrade(owner_store.engine, "0004")
    finally:
        owner_store.close()
    owner = create_engine(two_roles.owner_url)
    try:
        with owner.begin() as conn:
            apply_seat_role(conn, two_roles.seat)
        open_server_store(two_roles.owner_url).close()  # the owner migrates on open
        with owner.connect() as conn:
            rights = seat_rights(conn, two_roles.seat)
    finally:
        owner.dispose()
    assert rights.ok() and rights.tables["commission_plan"] == {
        "SELECT",
        "INSERT",
        "UPDATE",
        "DELETE",
    }
    open_server_store(two_roles.seat_url).close()


def test_server_roles_refuses_a_seat_role_that_could_do_more(two_roles, tmp_path):
    _firm_with_seat_role(two_roles)
    strong = two_roles.make_role(f"strong_{secrets.token_hex(3)}", "CREATEROLE")
    member = two_roles.make_role(f"member_{secrets.token_hex(3)}")
    with two_roles.superuser.connect() as conn:
        conn.execute(text(f"GRANT {APP_ROLE} TO {member}"))
    cases = {
        strong: "has the attribute CREATEROLE",
        member: f"is a member of the owner role {APP_ROLE}",
        APP_ROLE: "is the owner of Baton's tables",
        "nobody_here": "does not exist",
        "Robert'); DROP TABLE customer;--": "is not a usable role name",
    }
    for role, needle in cases.items():
        with pytest.raises(ValidationError, match=needle.replace("(", r"\(")):
            set_up_seat_role(two_roles.owner_url, role, apply=True)
    proc = run_baton(tmp_path / "o", "server-roles", two_roles.owner_url, "--seat-role", strong)
    assert_one_line_error(proc, 2, "has the attribute CREATEROLE")
    # And the seat itself cannot hand out seats' rights: it does not own the tables.
    proc = run_baton(
        tmp_path / "s", "server-roles", two_roles.seat_url, "--seat-role", two_roles.seat
    )
    assert_one_line_error(proc, 2, "does not own Baton's tables")
    owner = create_engine(two_roles.owner_url)
    try:
        with owner.connect() as conn:
            granted = conn.execute(
                text("SELECT has_table_privilege(:r, 'customer', 'SELECT')"), {"r": strong}
            ).scalar()
    finally:
        owner.dispose()
    assert granted is False  # nothing was granted to the refused role


def test_only_the_owner_can_create_the_schema(two_roles, tmp_path):
    url = two_roles.seat_url
    with two_roles.superuser.connect() as conn:  # let the seat connect to the empty database
        conn.execute(text(f"GRANT CONNECT ON DATABASE {two_roles.database} TO {two_roles.seat}"))
    with pytest.raises(ValidationError, match="does not own Baton's tables"):
        initialize_server(url, COMPANY, ["上海"], "admin", "管理员", ADMIN_PASSWORD)
    made = run_baton(
        tmp_path / "v", "init", "--company", COMPANY, "--admin", "admin", password=ADMIN_PASSWORD
    )
    assert made.returncode == 0, made.stderr
    proc = run_baton(tmp_path / "v", "migrate-to-server", url, password=ADMIN_PASSWORD)
    assert_one_line_error(proc, 2, "does not own Baton's tables")
    check = open_server_store(two_roles.owner_url, migrate=False)
    try:
        with check.engine.connect() as conn:
            assert schema.current_revision(conn) is None  # nothing was created
    finally:
        check.close()


def test_what_the_seat_role_cannot_be_stopped_from_is_named_by_verify(two_roles, tmp_path):
    """The limit of the server mode, as README says: with the seat password and SQL, a
    business row can be changed (here: an account made administrator). PostgreSQL allows it;
    the audit log, which the seat cannot rewrite, still holds the old role, and verify says so."""
    _firm_with_seat_role(two_roles)
    ctx = login_server(two_roles.seat_url, "admin", ADMIN_PASSWORD)
    try:
        accounts.add_user(ctx, "sales", "销售", Role.SALES.value, "sales-pass-1")
    finally:
        ctx.close()
    seat = create_engine(two_roles.seat_url)
    try:
        with seat.begin() as conn:
            changed = conn.execute(
                text("UPDATE app_user SET role = 'admin' WHERE username = 'sales'")
            )
            assert changed.rowcount == 1  # not prevented: the seat role may write app_user
    finally:
        seat.dispose()
    proc = run_baton(
        tmp_path / "seat", "--database", two_roles.seat_url, "verify", password=ADMIN_PASSWORD
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "audit chain: ok" in proc.stdout
    assert "accounts: 1 change(s) not in the audit log (made outside Baton)" in proc.stdout
    assert "(sales): role is 'admin', the audit log says 'sales'" in proc.stdout
