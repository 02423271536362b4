"""Per alert rule on a demo firm with the patterns planted: planted, found, other alerts.

``python tools/alerts_demo_report.py [small|medium|large] [WORK_DIR]`` builds a vault, fills it
with the demo (patterns planted), sweeps once (timed) and again, and prints JSON.
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
                "per_rule": report,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
