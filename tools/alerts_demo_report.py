"""Per alert rule on a demo firm with the patterns planted: planted, found, other alerts.

``python tools/alerts_demo_report.py [small|medium|large] [WORK_DIR]`` builds a vault, fills it
with the demo (patterns planted), sweeps once (timed), again (incremental) and fully, prints
JSON and then the table per rule (planted, found, other alerts raised) for the closing note.
"""

import json
import sys
import tempfile
import time
from pathlib import Path

from desktop.services import alerts, demo
from desktop.services.bench import BENCH_PASSWORD, bench_vault
from desktop.services.demo.alert_plants import last_plants, plants_found
from desktop.services.login import login


def main() -> None:
    size = sys.argv[1] if len(sys.argv) > 1 else "medium"
    work = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(tempfile.mkdtemp(prefix="alerts-"))
    paths = bench_vault(work)
    ctx = login(paths, "bench", BENCH_PASSWORD, check="none")
    try:
        started = time.perf_counter()
        summary = demo.generate_demo(ctx, size, plant_alerts=True)
        generated = time.perf_counter() - started
        first = alerts.sweep(ctx)
        again = alerts.sweep(ctx)
        full = alerts.sweep(ctx, full=True)
        with ctx.read() as s:
            report = plants_found(s, last_plants(s))
    finally:
        ctx.close()
    print(
        json.dumps(
            {
                "size": size,
                "orders": summary.orders,
                "generate_s": round(generated, 1),
                "sweep_s": round(first.seconds, 2),
                "sweep_again_s": round(again.seconds, 2),
                "raised": first.total,
                "raised_again": again.total,
                "skipped_again": list(again.skipped),
                "sweep_full_again_s": round(full.seconds, 2),
                "raised_full_again": full.total,
                "per_rule": report,
            },
            indent=2,
        )
    )
    print(table(report))


def table(report: dict[str, dict[str, int]]) -> str:
    """The per-rule figures as a Markdown table."""
    lines = ["| rule | planted | found | other alerts raised |", "|---|---:|---:|---:|"]
    for rule, f in report.items():
        lines.append(f"| {rule} | {f['planted']} | {f['found']} | {f['other']} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
