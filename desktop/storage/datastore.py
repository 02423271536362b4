"""What every place Baton keeps its data offers the services: the local vault or a server.

The services see one interface; only the few use cases that are about the vault's own files
(key slots, rotation, SQLCipher backups) ask for the vault and are refused on a server with a
message that says what to use instead.
"""

from __future__ import annotations

import abc
from typing import ClassVar

from sqlalchemy import Engine

from desktop.errors import QT_TRANSLATE_NOOP, BatonError


class NotOnServer(BatonError):
    """A vault-only operation (key slots, SQLCipher backups) asked of a server store; the
    ``what`` parameter names it for the log (the message itself stays whole for translation)."""


MSG_NOT_ON_SERVER = QT_TRANSLATE_NOOP(
    "Errors",
    "This works only on the local encrypted vault (key slots, recovery key, Baton backups); on "
    "the PostgreSQL server use the server's own backups and disk encryption "
    "(installer/README.md).",
)


class DataStore(abc.ABC):
    """An open database the services can work on; ``close`` drops every connection."""

    #: "vault" (SQLCipher file with key slots) or "server" (PostgreSQL).
    kind: ClassVar[str]
    engine: Engine

    @property
    @abc.abstractmethod
    def db_id(self) -> str:
        """The firm's database id (the same after ``migrate-to-server``)."""

    @property
    @abc.abstractmethod
    def location(self) -> str:
        """Where the data lives, for status lines and logs (never with a password)."""

    @abc.abstractmethod
    def close(self) -> None:
        """Dispose every connection."""

    @abc.abstractmethod
    def integrity(self, full: bool = True) -> list[str]:
        """Problems found by the storage's own checks (empty = healthy)."""

    @property
    def is_server(self) -> bool:
        return self.kind == "server"
