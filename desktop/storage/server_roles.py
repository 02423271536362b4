"""Two database roles for the PostgreSQL mode: an owner for the schema, a seat role for the PCs.

One role for everything lets any seat ``ALTER TABLE audit_event DISABLE TRIGGER``, drop the
trigger, or rewrite the audit log with plain SQL, because the owner of a table may do all of
that. So the owner role (it ran ``migrate-to-server``/``init`` and runs the migrations) owns
the schema and every table, and the seats log in as a role that owns nothing and has only:

* SELECT, INSERT, UPDATE, DELETE on the business tables;
* SELECT, INSERT on ``audit_event`` (no UPDATE, DELETE or TRUNCATE: the log is append-only
  even for someone typing SQL with the seat password), and UPDATE of its ``before``/``after``
  columns only, for the retention purge's redactions (the trigger of migration 0014 lets
  nothing else through, and ``baton verify`` names a changed event no redaction record covers);
* SELECT on ``alembic_version``; USAGE on the schema and the id sequences; no CREATE anywhere.

PostgreSQL then refuses the seat any DDL, trigger change or audit rewrite (only an owner or a
superuser may do those). What it cannot refuse is a business row changed with the seat
password outside Baton: see README's server section.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, Engine, text

from desktop.errors import QT_TRANSLATE_NOOP, BatonError, ValidationError

AUDIT_TABLE = "audit_event"
VERSION_TABLE = "alembic_version"
#: What a seat may do to each kind of table; anything else is refused by PostgreSQL.
BUSINESS_RIGHTS = ("SELECT", "INSERT", "UPDATE", "DELETE")
AUDIT_RIGHTS = ("SELECT", "INSERT")
VERSION_RIGHTS = ("SELECT",)
#: The privileges checked when reporting a seat's rights (TRIGGER allows CREATE TRIGGER).
CHECKED = ("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "TRIGGER", "REFERENCES")


class SchemaNeedsOwner(BatonError):
    """A seat found the schema older than this version and may not migrate it."""

    exit_code = 1


MSG_SEAT_CANNOT_MIGRATE = QT_TRANSLATE_NOOP(
    "Errors",
    "The server's schema must be upgraded by the administrator with the owner account "
    "(baton server-roles OWNER_ADDRESS --seat-role ROLE --apply); the database user {user} "
    "of this seat may not change the schema (it is at {current}, this version needs {head}).",
)
MSG_NOT_OWNER = QT_TRANSLATE_NOOP(
    "Errors",
    "The database user {user} does not own Baton's tables on this server, so it cannot "
    "upgrade the schema or grant rights: use the owner account (the one that ran "
    "migrate-to-server or init).",
)
MSG_NO_SCHEMA = QT_TRANSLATE_NOOP(
    "Errors",
    "The server database {database} holds no Baton schema yet: create it first with the "
    "owner account (baton migrate-to-server, or init with --database).",
)
MSG_BAD_ROLE_NAME = QT_TRANSLATE_NOOP(
    "Errors",
    "{role} is not a usable role name: use lower-case letters, digits and _ (for example "
    "baton_seat).",
)
MSG_NO_SUCH_ROLE = QT_TRANSLATE_NOOP(
    "Errors",
    "The database role {role} does not exist. The server's superuser creates it first: "
    "CREATE ROLE {role} LOGIN PASSWORD '…';",
)
MSG_SEAT_IS_OWNER = QT_TRANSLATE_NOOP(
    "Errors",
    "The seat role {role} is the owner of Baton's tables; give the seats a separate role, "
    "the owner account is for upgrades only.",
)
MSG_SEAT_TOO_STRONG = QT_TRANSLATE_NOOP(
    "Errors",
    "The seat role {role} has the attribute {attribute}; a seat role must be a plain login "
    "role (the superuser runs: ALTER ROLE {role} NO{attribute};).",
)
MSG_SEAT_IN_OWNER = QT_TRANSLATE_NOOP(
    "Errors",
    "The seat role {role} is a member of the owner role {owner} and so has all its rights "
    "(the superuser runs: REVOKE {owner} FROM {role};).",
)
MSG_SEAT_OWNS = QT_TRANSLATE_NOOP(
    "Errors",
    "The seat role {role} owns {what} on this server; the owner account must own it "
    "(ALTER … OWNER TO the owner), or the seat could change its structure.",
)


@dataclass(frozen=True)
class SeatRights:
    """What PostgreSQL says a seat role may do: privileges per table, and on the schema."""

    role: str
    tables: dict[str, frozenset[str]]
    schema_create: bool
    owns: int

    def ok(self) -> bool:
        """True when the rights are exactly the seat's: nothing to rewrite, nothing to build."""
        for name, rights in self.tables.items():
            if rights != frozenset(expected_rights(name)):
                return False
        return not self.schema_create and self.owns == 0


def expected_rights(table: str) -> tuple[str, ...]:
    if table == AUDIT_TABLE:
        return AUDIT_RIGHTS
    if table == VERSION_TABLE:
        return VERSION_RIGHTS
    return BUSINESS_RIGHTS


def _quote(conn: Connection, name: str) -> str:
    return conn.dialect.identifier_preparer.quote_identifier(name)


def _tables(conn: Connection) -> list[tuple[str, bool]]:
    """Our schema's tables and whether the connected user may act as their owner."""
    rows = conn.execute(
        text(
            "SELECT c.relname, pg_has_role(current_user, c.relowner, 'USAGE') "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY c.relname"
        )
    )
    return [(str(name), bool(mine)) for name, mine in rows]


def can_migrate(conn: Connection) -> bool:
    """True when the connected user may change the schema: it owns every table there (or is
    a member of the owning role) and may create in the schema. A seat role may not."""
    creates = conn.execute(text("SELECT has_schema_privilege(current_schema(), 'CREATE')")).scalar()
    return bool(creates) and all(mine for _name, mine in _tables(conn))


def refuse_seat_upgrade(conn: Connection, current: str | None, head: str) -> None:
    """Raise the plain "ask the administrator" error when this connection may not migrate."""
    if not can_migrate(conn):
        user = conn.execute(text("SELECT current_user")).scalar()
        raise SchemaNeedsOwner(
            MSG_SEAT_CANNOT_MIGRATE, user=str(user), current=current or "-", head=head
        )


def _check_role_name(role: str) -> None:
    if (
        not role
        or len(role) > 63
        or not all(c.isascii() and (c.isalnum() or c == "_") for c in role)
    ):
        raise ValidationError(MSG_BAD_ROLE_NAME, field="seat_role", role=role)
    if role[0].isdigit() or role.lower() != role:
        raise ValidationError(MSG_BAD_ROLE_NAME, field="seat_role", role=role)


def check_seat_role(conn: Connection, role: str) -> None:
    """Refuse a seat role that could do more than a seat should; connected as the owner."""
    _check_role_name(role)
    tables = _tables(conn)
    if not tables:
        database = conn.execute(text("SELECT current_database()")).scalar()
        raise ValidationError(MSG_NO_SCHEMA, field="database", database=str(database))
    user = str(conn.execute(text("SELECT current_user")).scalar())
    if not all(mine for _name, mine in tables):
        raise ValidationError(MSG_NOT_OWNER, field="database", user=user)
    row = conn.execute(
        text(
            "SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls, rolreplication "
            "FROM pg_roles WHERE rolname = :role"
        ),
        {"role": role},
    ).first()
    if row is None:
        raise ValidationError(MSG_NO_SUCH_ROLE, field="seat_role", role=role)
    owners = conn.execute(
        text(
            "SELECT DISTINCT pg_get_userbyid(c.relowner), "
            "pg_has_role(:role, c.relowner, 'MEMBER') "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'S')"
        ),
        {"role": role},
    ).all()
    for owner, member in owners:
        if owner == role:
            raise ValidationError(MSG_SEAT_IS_OWNER, field="seat_role", role=role)
        if member:
            raise ValidationError(MSG_SEAT_IN_OWNER, field="seat_role", role=role, owner=owner)
    for attribute, present in zip(
        ("SUPERUSER", "CREATEROLE", "CREATEDB", "BYPASSRLS", "REPLICATION"), row, strict=True
    ):
        if present:
            raise ValidationError(
                MSG_SEAT_TOO_STRONG, field="seat_role", role=role, attribute=attribute
            )
    owned = conn.execute(
        text(
            "SELECT 'TABLE ' || c.relname FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_roles r ON r.oid = c.relowner "
            "WHERE n.nspname = current_schema() AND r.rolname = :role "
            "UNION ALL SELECT 'FUNCTION ' || p.proname FROM pg_proc p "
            "JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_roles r ON r.oid = p.proowner "
            "WHERE n.nspname = current_schema() AND r.rolname = :role "
            "UNION ALL SELECT 'SCHEMA ' || n.nspname FROM pg_namespace n "
            "JOIN pg_roles r ON r.oid = n.nspowner "
            "WHERE n.nspname = current_schema() AND r.rolname = :role "
            "UNION ALL SELECT 'DATABASE ' || d.datname FROM pg_database d "
            "JOIN pg_roles r ON r.oid = d.datdba "
            "WHERE d.datname = current_database() AND r.rolname = :role"
        ),
        {"role": role},
    ).first()
    if owned is not None:
        raise ValidationError(MSG_SEAT_OWNS, field="seat_role", role=role, what=owned[0])


def grant_statements(conn: Connection, role: str) -> list[str]:
    """The GRANT/REVOKE statements that give ``role`` a seat's rights and nothing more.

    Run as the owner. Idempotent: everything is revoked first, then granted again, so running
    it after an upgrade (or twice) leaves the same rights. Default privileges extend the
    business rights to tables a later migration creates.
    """
    _check_role_name(role)
    schema_name = str(conn.execute(text("SELECT current_schema()")).scalar())
    database = str(conn.execute(text("SELECT current_database()")).scalar())
    s, r, d = _quote(conn, schema_name), _quote(conn, role), _quote(conn, database)
    audit, version = _quote(conn, AUDIT_TABLE), _quote(conn, VERSION_TABLE)
    business = ", ".join(BUSINESS_RIGHTS)
    return [
        f"REVOKE CREATE ON SCHEMA {s} FROM PUBLIC",
        f"REVOKE ALL ON SCHEMA {s} FROM {r}",
        f"GRANT USAGE ON SCHEMA {s} TO {r}",
        f"REVOKE CREATE ON DATABASE {d} FROM {r}",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA {s} FROM {r}",
        f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {s} FROM {r}",
        f"GRANT {business} ON ALL TABLES IN SCHEMA {s} TO {r}",
        f"REVOKE INSERT, UPDATE, DELETE ON {s}.{version} FROM {r}",
        f"REVOKE UPDATE, DELETE ON {s}.{audit} FROM {r}",
        # The retention purge redacts personal values in older events (migration 0014's
        # trigger lets through nothing else; the chain verifier checks each redaction).
        f"GRANT UPDATE (before, after) ON {s}.{audit} TO {r}",
        f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {s} TO {r}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA {s} GRANT {business} ON TABLES TO {r}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA {s} GRANT USAGE ON SEQUENCES TO {r}",
    ]


def grant_script(conn: Connection, role: str) -> str:
    """The statements as one psql script, for the administrator to read or run by hand."""
    user = str(conn.execute(text("SELECT current_user")).scalar())
    database = str(conn.execute(text("SELECT current_database()")).scalar())
    lines = [
        f"-- Baton: the seat role {role} in database {database}.",
        f"-- Run as the owner of Baton's tables ({user}), e.g. psql -v ON_ERROR_STOP=1 -f FILE.",
        "BEGIN;",
        *(f"{statement};" for statement in grant_statements(conn, role)),
        "COMMIT;",
    ]
    return "\n".join(lines) + "\n"


def apply_seat_role(conn: Connection, role: str) -> SeatRights:
    """Check the role, grant a seat's rights in the caller's transaction, and report them."""
    check_seat_role(conn, role)
    for statement in grant_statements(conn, role):
        conn.execute(text(statement))
    return seat_rights(conn, role)


def seat_roles(conn: Connection) -> list[str]:
    """The roles given a seat's rights earlier: those that may append to the audit log
    without owning it."""
    rows = conn.execute(
        text(
            "SELECT DISTINCT pg_get_userbyid(a.grantee) FROM pg_class c, aclexplode(c.relacl) a "
            "WHERE c.oid = to_regclass(:table) AND a.privilege_type = 'INSERT' "
            "AND a.grantee <> c.relowner AND a.grantee <> 0 ORDER BY 1"
        ),
        {"table": AUDIT_TABLE},
    )
    return [str(name) for (name,) in rows]


def regrant_seats(engine: Engine) -> list[str]:
    """After an upgrade by the owner: give every known seat role its rights again (a new
    table is covered by default privileges; this also restores the audit table's limits)."""
    with engine.begin() as conn:
        if not can_migrate(conn):
            return []
        roles = seat_roles(conn)
        for role in roles:
            for statement in grant_statements(conn, role):
                conn.execute(text(statement))
    return roles


def seat_rights(conn: Connection, role: str) -> SeatRights:
    """PostgreSQL's own answer to "what may this role do here", table by table."""
    tables: dict[str, frozenset[str]] = {}
    for name, _mine in _tables(conn):
        granted = conn.execute(
            text(
                "SELECT " + ", ".join(f"has_table_privilege(:role, :table, '{p}')" for p in CHECKED)
            ),
            {"role": role, "table": f"{_quote(conn, name)}"},
        ).one()
        tables[name] = frozenset(p for p, yes in zip(CHECKED, granted, strict=True) if yes)
    schema_create = bool(
        conn.execute(
            text("SELECT has_schema_privilege(:role, current_schema(), 'CREATE')"), {"role": role}
        ).scalar()
    )
    owns = int(
        conn.execute(
            text(
                "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "JOIN pg_roles r ON r.oid = c.relowner "
                "WHERE n.nspname = current_schema() AND r.rolname = :role"
            ),
            {"role": role},
        ).scalar()
        or 0
    )
    return SeatRights(role, tables, schema_create, owns)
