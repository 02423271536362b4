"""First run: create the vault, the firm, its branches and the first administrator."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from desktop.config import Paths
from desktop.errors import QT_TRANSLATE_NOOP, ValidationError, ValidationErrors
from desktop.models import audit
from desktop.models.accounts import Role, User
from desktop.models.organisation import Branch, Company
from desktop.services.accounts import validate_display_name, validate_username
from desktop.services.context import SYSTEM, Actor, ServiceContext
from desktop.storage import schema
from desktop.storage.datastore import DataStore
from desktop.storage.server import hash_password, is_empty, open_server_store, server_url
from desktop.storage.server_roles import MSG_NOT_OWNER, can_migrate
from desktop.storage.store import create_store
from desktop.storage.vault import Vault


@dataclass(frozen=True)
class SetupResult:
    ctx: ServiceContext
    recovery_key: str
    db_id: str


def clean_branches(names: list[str]) -> list[str]:
    """Trim, drop blanks, and refuse duplicates (case-insensitive)."""
    seen: dict[str, str] = {}
    for raw in names:
        name = raw.strip()
        if not name:
            continue
        if name.casefold() in seen:
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "The branch {name} is listed twice."),
                field="branches",
                name=name,
            )
        if len(name) > 200:
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "A branch name has at most 200 characters."),
                field="branches",
            )
        seen[name.casefold()] = name
    return list(seen.values())


def vault_exists(paths: Paths) -> bool:
    """Whether this data folder already holds a vault (its key file or its database): then
    Baton starts at the lock screen, not the first-run wizard. A database whose key file was
    lost counts, so the wizard never offers to create a new vault over it."""
    return Vault(paths).exists()


def validate_setup(
    company: str, branches: list[str], admin_username: str, admin_name: str, password: str
) -> None:
    """Check every input before anything is written; report all problems together."""
    problems: list[ValidationError] = []
    if not company.strip() or len(company.strip()) > 200:
        problems.append(
            ValidationError(
                QT_TRANSLATE_NOOP("Errors", "Enter the company name (at most 200 characters)."),
                field="company",
            )
        )
    for check in (
        lambda: clean_branches(branches),
        lambda: validate_username(admin_username),
        lambda: validate_display_name(admin_name),
        lambda: Vault.check_password(password),
    ):
        try:
            check()
        except ValidationError as exc:
            problems.append(exc)
    if problems:
        raise problems[0] if len(problems) == 1 else ValidationErrors(problems)


def initialize(
    paths: Paths,
    company: str,
    branches: list[str],
    admin_username: str,
    admin_name: str,
    admin_password: str,
) -> SetupResult:
    """Create everything a new firm needs; return the admin's context and the recovery key."""
    validate_setup(company, branches, admin_username, admin_name, admin_password)
    username = validate_username(admin_username)
    store, recovery_key = create_store(paths, username, admin_password)
    ctx = _populate(store, store.db_id, company, branches, username, admin_name, None)
    return SetupResult(ctx, recovery_key, store.db_id)


MSG_SERVER_NOT_EMPTY = QT_TRANSLATE_NOOP(
    "Errors",
    "The server database {database} is not empty; Baton sets up a firm only in an empty "
    "database (create one with createdb).",
)


def initialize_server(
    url: str,
    company: str,
    branches: list[str],
    admin_username: str,
    admin_name: str,
    admin_password: str,
) -> SetupResult:
    """Set up a firm in an empty PostgreSQL database: the schema, the firm and its first
    administrator, whose password is kept as an Argon2id hash (no key slots, no recovery key:
    the server's own backups and administrator access take their place)."""
    validate_setup(company, branches, admin_username, admin_name, admin_password)
    username = validate_username(admin_username)
    parsed = server_url(url)
    store = open_server_store(parsed, migrate=False)
    try:
        if not is_empty(store.engine):
            raise ValidationError(MSG_SERVER_NOT_EMPTY, field="database", database=parsed.database)
        with store.engine.connect() as conn:
            if not can_migrate(conn):  # a seat role: setting up is the owner account's job
                raise ValidationError(MSG_NOT_OWNER, field="database", user=parsed.username or "")
        schema.upgrade(store.engine)
        db_id = uuid.uuid4().hex
        ctx = _populate(
            store, db_id, company, branches, username, admin_name, hash_password(admin_password)
        )
    except BaseException:
        store.close()
        raise
    return SetupResult(ctx, "", db_id)


def _populate(
    store: DataStore,
    db_id: str,
    company: str,
    branches: list[str],
    username: str,
    admin_name: str,
    password_hash: str | None,
) -> ServiceContext:
    """Write the firm, its branches and the administrator in one audited transaction."""
    ctx = ServiceContext(store, SYSTEM)
    with ctx.transaction() as s:
        s.add(Company(name=company.strip(), db_id=db_id))
        for i, name in enumerate(clean_branches(branches), start=1):
            s.add(Branch(code=f"B{i:02d}", name=name))
        admin = User(
            username=username,
            display_name=validate_display_name(admin_name),
            role=Role.ADMIN.value,
            password_changed_at=ctx.now(),
            password_hash=password_hash,
        )
        s.add(admin)
        s.flush()
        audit.record(s, "vault.created", "vault", db_id, {"company": company.strip()})
        actor = Actor(admin.id, admin.username, admin.display_name, Role.ADMIN)
    return ServiceContext(store, actor)
