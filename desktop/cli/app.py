"""The commands that run Baton as a whole rather than work on its records: the GUI, the
self-test of an installed copy, and the performance bench.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from desktop.cli.common import (
    EXIT_OK,
    out,
    paths_of,
)


def cmd_gui(args: argparse.Namespace) -> int:
    from desktop.views.app import run_gui

    paths = paths_of(args)
    return run_gui(paths, getattr(args, "database", None) or os.environ.get("BATON_DATABASE"))


def cmd_self_test(args: argparse.Namespace) -> int:
    from desktop.selftest import run_self_test

    return run_self_test(out)


def cmd_bench(args: argparse.Namespace) -> int:
    from desktop.reports.bench import measure_handover_pdf
    from desktop.services.bench import EXTRA_BENCHES, run_bench

    # Reports may use services, not the other way round: the documents bench joins here.
    if measure_handover_pdf not in EXTRA_BENCHES:
        EXTRA_BENCHES.append(measure_handover_pdf)

    figures = run_bench(size=args.size, work_dir=Path(args.work_dir) if args.work_dir else None)
    text = json.dumps(figures, indent=2, sort_keys=True)
    if args.json:
        Path(args.json).write_text(text + "\n", encoding="utf-8")
    out(text)
    return EXIT_OK
