"""The database worker's two figures alone, as ``baton bench`` measures them.

``read_while_writing_ms`` (a list read while another connection holds a write) and
``gui_worst_gap_ms`` (the event loop's longest stall while an import, a commission year and a
backup run on the worker), on the bench vault of ``baton bench --work-dir DIR --size SIZE``
(made first if missing). Usage: ``python tools/bench_worker.py DIR SIZE``.
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path


def main(work: Path, size: str) -> None:
    # Offscreen before Qt loads: the bench needs an event loop, not a screen.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop.config import Paths
    from desktop.services import bench
    from desktop.services.login import login
    from desktop.views.bench_gui import measure_gui

    started = time.time()
    paths = bench.bench_vault(work)
    bench.ensure_demo(paths, size)
    ctx = login(paths, "bench", bench.BENCH_PASSWORD, check="none")
    try:
        beside_writer = statistics.median(bench.read_while_writing_times(paths, ctx))
    finally:
        ctx.close()
    figures = measure_gui(Paths(paths.data_dir), size)
    figures["read_while_writing_ms"] = bench.figure(beside_writer, "ms", 100)
    print(json.dumps(figures, indent=1, sort_keys=True))
    print("seconds", round(time.time() - started))


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2])
