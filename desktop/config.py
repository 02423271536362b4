"""Where Baton keeps its files, and the per-PC settings file.

Business settings (thresholds, policies) live in the encrypted database; this file holds only
what a PC needs before unlock: language, idle lock, the last user name.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from desktop.errors import QT_TRANSLATE_NOOP, ValidationError
from desktop.storage.atomic import atomic_write_bytes

APP_NAME = "Baton"
DATA_DIR_ENV = "BATON_DATA_DIR"


def default_data_dir() -> Path:
    """Return the platform's per-user data folder for Baton."""
    return Path(platformdirs.user_data_dir(APP_NAME, APP_NAME, roaming=False))


def resolve_data_dir(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """Pick the data folder: command line, then ``BATON_DATA_DIR``, then the platform default."""
    if cli_value:
        return Path(cli_value).expanduser().resolve()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser().resolve()
    return default_data_dir()


def resources_dir() -> Path:
    """Locate ``resources/`` in a source checkout or a PyInstaller bundle."""
    env = os.environ.get("BATON_RESOURCES")
    if env:
        return Path(env)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


@dataclass(frozen=True)
class Paths:
    """The files of one vault."""

    data_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / "baton.db"

    @property
    def keyslots(self) -> tuple[Path, Path]:
        return (self.data_dir / "baton.keys", self.data_dir / "baton.keys.2")

    @property
    def backups(self) -> Path:
        return self.data_dir / "backups"

    @property
    def logs(self) -> Path:
        return self.data_dir / "logs"

    @property
    def settings_file(self) -> Path:
        return self.data_dir / "settings.json"

    @property
    def login_attempts(self) -> Path:
        return self.data_dir / "login-attempts.json"

    def sidecars(self) -> list[Path]:
        """SQLite's companion files of the live database."""
        db = self.database
        return [db.with_name(db.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


@dataclass(frozen=True)
class SettingSpec:
    """One per-PC setting: its type, default, bounds and description."""

    name: str
    type: type
    default: Any
    description: str
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple[str, ...] | None = None


SETTINGS: dict[str, SettingSpec] = {
    spec.name: spec
    for spec in (
        SettingSpec(
            "language",
            str,
            "system",
            QT_TRANSLATE_NOOP("Settings", "User interface language"),
            choices=("system", "zh_CN", "en"),
        ),
        SettingSpec(
            "idle_lock_minutes",
            int,
            10,
            QT_TRANSLATE_NOOP("Settings", "Lock the window after this many idle minutes"),
            minimum=1,
            maximum=240,
        ),
        SettingSpec(
            "idle_lock_seconds_override",
            int,
            0,
            QT_TRANSLATE_NOOP("Settings", "Idle lock in seconds (for testing; 0 = use minutes)"),
            minimum=0,
            maximum=3600,
        ),
        SettingSpec(
            "backup_keep_daily",
            int,
            7,
            QT_TRANSLATE_NOOP("Settings", "Daily backups to keep"),
            minimum=1,
            maximum=60,
        ),
        SettingSpec(
            "backup_keep_weekly",
            int,
            4,
            QT_TRANSLATE_NOOP("Settings", "Weekly backups to keep"),
            minimum=0,
            maximum=52,
        ),
        SettingSpec(
            "last_user",
            str,
            "",
            QT_TRANSLATE_NOOP("Settings", "User name offered at unlock"),
        ),
        SettingSpec(
            "database_url",
            str,
            "",
            QT_TRANSLATE_NOOP(
                "Settings",
                "PostgreSQL server address (postgresql+psycopg://user@host/db); empty = local vault",
            ),
        ),
    )
}


class LocalSettings:
    """Typed access to ``settings.json``; every save is atomic."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._values: dict[str, Any] = {}
        if path.exists():
            try:
                loaded = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                loaded = {}
            if isinstance(loaded, dict):
                for name, value in loaded.items():
                    spec = SETTINGS.get(name)
                    if spec is not None and isinstance(value, spec.type):
                        self._values[name] = value

    def get(self, name: str) -> Any:
        """Return the setting's value or its default."""
        return self._values.get(name, SETTINGS[name].default)

    def set(self, name: str, value: Any) -> None:
        """Validate and store a value in memory; call :meth:`save` to write."""
        spec = SETTINGS[name]
        if not isinstance(value, spec.type):
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "Setting {name} must be of type {type}."),
                field=name,
                name=name,
                type=spec.type.__name__,
            )
        if spec.minimum is not None and value < spec.minimum:
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "Setting {name} must be at least {minimum}."),
                field=name,
                name=name,
                minimum=spec.minimum,
            )
        if spec.maximum is not None and value > spec.maximum:
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "Setting {name} must be at most {maximum}."),
                field=name,
                name=name,
                maximum=spec.maximum,
            )
        if spec.choices is not None and value not in spec.choices:
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "Setting {name} must be one of: {choices}."),
                field=name,
                name=name,
                choices=", ".join(spec.choices),
            )
        self._values[name] = value

    def save(self) -> None:
        """Write the settings file atomically."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps(self._values, indent=2, sort_keys=True).encode("utf-8")
        atomic_write_bytes(self.path, data)
