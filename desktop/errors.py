"""Domain errors with user-facing, translatable messages.

The core never imports Qt, so messages are marked with a local ``QT_TRANSLATE_NOOP`` that
lupdate recognises; the views translate them at display time with the same context.
Placeholders use ``{name}`` and are filled after translation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

Translate = Callable[[str, str], str]

#: Translation context shared by every error message of the core.
CONTEXT = "Errors"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for translation in ``context`` without translating it here."""
    return text


class Term(str):
    """A code's name as an English source in a catalog context: a message parameter that is
    translated with the message (a case state inside "Departure case D-1 is {state}"), so a
    Chinese user never reads the internal code."""

    context: str

    def __new__(cls, context: str, text: str) -> Term:
        term = super().__new__(cls, text)
        term.context = context
        return term


class BatonError(Exception):
    """A failure the user can understand and act on; never a bug."""

    #: Process exit code when this error ends a CLI command.
    exit_code = 2

    def __init__(self, template: str, **params: Any) -> None:
        self.template = template
        self.params = params
        super().__init__(self.message())

    def message(self, translate: Translate | None = None) -> str:
        """Return the message, translated when a translator is given."""
        text = translate(CONTEXT, self.template) if translate else self.template
        params = self.params
        if translate is not None:
            params = {
                k: translate(v.context, v) if isinstance(v, Term) else v for k, v in params.items()
            }
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return self.template.format(**self.params)


class ValidationError(BatonError):
    """Bad input; nothing was changed. ``field`` names the input at fault, if any."""

    def __init__(self, template: str, field: str | None = None, **params: Any) -> None:
        self.field = field
        super().__init__(template, **params)


class ValidationErrors(BatonError):
    """Several problems with one input, all reported at once."""

    def __init__(self, errors: Iterable[ValidationError]) -> None:
        self.errors = list(errors)
        super().__init__("{details}", details="; ".join(e.message() for e in self.errors))

    def message(self, translate: Translate | None = None) -> str:
        return "; ".join(e.message(translate) for e in self.errors)


class PermissionDenied(BatonError):
    """The acting user's role does not allow this."""


class NotFound(BatonError):
    """A record the user named does not exist (or is outside their scope)."""


class Conflict(BatonError):
    """Someone else changed the record first."""


class CredentialsError(BatonError):
    """Wrong user name, password or recovery key."""

    exit_code = 3


class AccountDisabled(CredentialsError):
    """The account exists but may not log in."""


class VaultDamaged(BatonError):
    """The database or key file on disk is damaged or not ours; a backup may be needed."""

    exit_code = 1


class KeySlotDamaged(BatonError):
    """One key slot in the key file was altered or damaged; other slots may still open."""

    exit_code = 1


class VaultMissing(BatonError):
    """No vault exists in the data folder."""


class VaultExists(BatonError):
    """A vault exists already where a new one was to be created."""


class NewerSchema(BatonError):
    """The database was written by a newer Baton."""

    exit_code = 1


class StorageError(BatonError):
    """Writing to disk failed (disk full, permissions)."""

    exit_code = 1


class Busy(StorageError):
    """Another connection held the database longer than the writer's retry window (an
    import, a backup, a key rotation); nothing was changed and trying again later works."""


# Messages used in more than one place.
MSG_WRONG_CREDENTIALS = QT_TRANSLATE_NOOP("Errors", "Wrong user name or password.")
MSG_PERMISSION = QT_TRANSLATE_NOOP("Errors", "Your role ({role}) does not allow this: {action}.")
