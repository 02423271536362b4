"""Rotating log files. Messages name records by id, never by personal data."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_NAME = "baton.log"


def setup_logging(log_dir: Path, level: int = logging.INFO) -> Path:
    """Send Baton's log to ``log_dir/baton.log`` (1 MB × 5 files); return the file's path."""
    path = log_dir / LOG_NAME
    root = logging.getLogger("baton")
    if any(getattr(h, "baseFilename", None) == str(path) for h in root.handlers):
        return path
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=5, encoding="utf-8", delay=True
        )
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    for old in list(root.handlers):
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)
    root.setLevel(level)
    root.propagate = False
    return path


def get_logger(name: str) -> logging.Logger:
    return logging.getLogger(f"baton.{name}")
