"""The commands that run Baton as a whole rather than work on its records: the GUI, the
self-test of an installed copy, and the performance bench.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli.common import (
    EXIT_OK,
    UsageError,
    out,
    paths_of,
)

if TYPE_CHECKING:
    from desktop.services.bench import ExtraBench


def cmd_gui(args: argparse.Namespace) -> int:
    from desktop.views.app import run_gui

    paths = paths_of(args)
    return run_gui(paths, getattr(args, "database", None) or os.environ.get("BATON_DATABASE"))


def cmd_self_test(args: argparse.Namespace) -> int:
    from desktop.selftest import run_self_test

    return run_self_test(out)


def _gui_bench() -> ExtraBench | None:
    """The GUI bench when Qt is importable (offscreen: the bench needs no screen)."""
    try:
        import PySide6.QtCore  # noqa: F401
    except ImportError:
        return None
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop.views.bench_gui import measure_gui

    return measure_gui


def cmd_bench(args: argparse.Namespace) -> int:
    from desktop.reports.bench import measure_handover_pdf
    from desktop.services.bench import run_bench

    # Reports and views may use services, not the other way round: their benches are
    # handed to run_bench here, explicitly.
    extras: list[ExtraBench] = [measure_handover_pdf]
    gui = _gui_bench()
    if gui is not None:
        extras.append(gui)
    from desktop.services.bench import IMPORT_ROWS

    rows = IMPORT_ROWS if args.import_rows is None else args.import_rows
    if rows < 100:
        raise UsageError("--import-rows must be at least 100")
    figures = run_bench(
        size=args.size,
        work_dir=Path(args.work_dir) if args.work_dir else None,
        import_rows=rows,
        extras=extras,
    )
    text = json.dumps(figures, indent=2, sort_keys=True)
    if args.json:
        Path(args.json).write_text(text + "\n", encoding="utf-8")
    out(text)
    return EXIT_OK
