"""Who is acting, and the unit of work they act in. Passed in explicitly, never global."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from desktop.models.accounts import Role
from desktop.models.audit import install_audit_hook
from desktop.services.permissions import Action, require
from desktop.storage.database import is_disk_full, storage_error
from desktop.storage.store import Store


@dataclass(frozen=True)
class Actor:
    """The logged-in user as the services see them."""

    user_id: int | None
    username: str
    display_name: str
    role: Role
    branch_id: int | None = None
    employee_id: int | None = None


SYSTEM = Actor(None, "system", "System", Role.ADMIN)


@dataclass(frozen=True)
class Changes:
    """What a mutating use case changed, so each page can refresh itself if it cares."""

    kinds: frozenset[str] = frozenset()
    ids: frozenset[int] = frozenset()

    @classmethod
    def of(cls, *kinds: str, ids: frozenset[int] = frozenset()) -> Changes:
        return cls(frozenset(kinds), ids)


@dataclass
class ServiceContext:
    """An unlocked vault plus the acting user; every use case receives one."""

    store: Store
    actor: Actor
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    _factory: sessionmaker[Session] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self._make_factory()

    def _make_factory(self) -> None:
        self._factory = sessionmaker(self.store.engine, expire_on_commit=False)
        install_audit_hook(self._factory)

    def replace_store(self, store: Store) -> None:
        """Carry on with a new store after a key rotation or a restore."""
        self.store = store
        self._make_factory()

    def require(self, action: Action) -> None:
        require(self.actor.role, action)

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        return self.clock().astimezone().date()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commits once at the end, rolls back (audit included) on error."""
        assert self._factory is not None
        try:
            with self._factory() as session:
                session.info["actor"] = self.actor.username
                with session.begin():
                    yield session
        except OperationalError as exc:
            if is_disk_full(exc):
                # Rolled back: nothing was saved. Say so instead of a driver error.
                raise storage_error(exc) from exc
            raise

    def as_actor(self, actor: Actor) -> ServiceContext:
        """A context for another actor over the same store (tests, system jobs)."""
        return ServiceContext(self.store, actor, self.clock)

    def close(self) -> None:
        self.store.close()
