"""Rotating log files. Messages name records by id, never by personal data.

Exception text often carries record content (a database error quotes the row's values, a
validation error the name typed), so the log never holds an exception's message: tracebacks
are written as the chain of exception types and code locations, each with a safe code (a
Baton error's untranslated template without its values, an errno, SQLAlchemy's error code).
The log files are owner-only (0600) in an owner-only folder.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
import traceback
from pathlib import Path
from typing import Any

from desktop.errors import BatonError
from desktop.storage.private import FILE_MODE, make_private, private_dir

LOG_NAME = "baton.log"


def safe_code(exc: BaseException) -> str:
    """A description of ``exc`` that holds no data a user typed or stored."""
    if isinstance(exc, BatonError):
        return exc.template
    code = getattr(exc, "code", None)
    if isinstance(code, str) and code.isalnum() and len(code) <= 8:
        return f"sqlalchemy code {code}"
    errno = getattr(exc, "errno", None)
    if isinstance(errno, int):
        return f"errno {errno}"
    return "message withheld"


def safe_traceback(exc: BaseException) -> str:
    """A traceback without exception messages or values: types, files, lines, functions."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        frames = traceback.extract_tb(current.__traceback__)
        lines = [f'  File "{f.filename}", line {f.lineno}, in {f.name}' for f in frames]
        last = f"{type(current).__module__}.{type(current).__qualname__}: {safe_code(current)}"
        parts.append("\n".join(["Traceback (most recent call last):", *lines, last]))
        current = current.__cause__ or current.__context__
    return "\n-- caused by / while handling --\n".join(reversed(parts))


class SafeFormatter(logging.Formatter):
    """Formats ``exc_info`` with :func:`safe_traceback` instead of the full text."""

    def formatException(self, ei: Any) -> str:
        exc = ei[1] if isinstance(ei, tuple) else None
        if exc is None:
            return ""
        return safe_traceback(exc)


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose files are created owner-only."""

    def _open(self) -> Any:
        old = os.umask(0o077) if os.name != "nt" else None
        try:
            stream = super()._open()
        finally:
            if old is not None:
                os.umask(old)
        make_private(Path(self.baseFilename), FILE_MODE)
        return stream

    def handleError(self, record: logging.LogRecord) -> None:
        """A line the disk has no room for (or no longer accepts) is dropped quietly: the
        default prints a traceback to stderr, under the one-line message a command ends with
        (a read-only command on a full disk would look broken)."""
        if isinstance(sys.exc_info()[1], OSError):
            return
        super().handleError(record)


def setup_logging(log_dir: Path, level: int = logging.INFO) -> Path:
    """Send Baton's log to ``log_dir/baton.log`` (1 MB × 5 files); return the file's path."""
    path = log_dir / LOG_NAME
    root = logging.getLogger("baton")
    if any(getattr(h, "baseFilename", None) == str(path) for h in root.handlers):
        return path
    try:
        private_dir(log_dir)
        handler: logging.Handler = PrivateRotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=5, encoding="utf-8", delay=True
        )
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(SafeFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    for old in list(root.handlers):
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)
    root.setLevel(level)
    root.propagate = False
    return path


def get_logger(name: str) -> logging.Logger:
    return logging.getLogger(f"baton.{name}")
