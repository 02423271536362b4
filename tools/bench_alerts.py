"""The alert figures alone, as ``baton bench`` measures them (``alerts_sweep_s``,
``alerts_sweep_again_s``, ``alert_on_write_ms``, ``order_write_ms``), on an existing bench
vault (``baton bench --work-dir DIR --size SIZE`` made it; it is made first if missing). The
vault is left as it was: the bench works on a copy beside it.

Usage: ``python tools/bench_alerts.py DIR SIZE [--profile] [--cpu]``; ``--profile`` prints
the time each rule takes to find and store on a further copy, rolled back; ``--cpu`` prints the
process CPU seconds of a first, an incremental and a full sweep on another copy (wall time on
a shared, loaded machine says more about the neighbours than about the sweep).
"""

import json
import sys
import time
from pathlib import Path


def per_rule(work: Path) -> None:
    """Each rule's find and store time, in one unit of work rolled back (a profile's view)."""
    from desktop.models.types import utcnow
    from desktop.services import bench
    from desktop.services.alerts import definitions as d
    from desktop.services.alerts.definitions import configs_in
    from desktop.services.alerts.engine import _store
    from desktop.services.alerts.rules import FINDERS
    from desktop.services.login import login

    with bench.vault_copy(bench.bench_vault(work), "alerts-profile") as copy:
        ctx = login(copy, "bench", bench.BENCH_PASSWORD, check="none")
        try:
            with ctx.transaction() as s:
                configs = configs_in(s)
                for rid in d.RULES:
                    start = time.perf_counter()
                    found = FINDERS[rid](s, configs[rid], ctx.today(), None)
                    mid = time.perf_counter()
                    new = _store(s, configs[rid], found, utcnow())
                    end = time.perf_counter()
                    print(
                        f"{rid:28s} find {mid - start:7.3f}s store {end - mid:6.3f}s new {len(new)}"
                    )
                s.rollback()
        finally:
            ctx.close()


def cpu_sweeps(work: Path) -> None:
    """CPU and wall seconds of the first sweep, an incremental one and a full one."""
    from desktop.services import alerts, bench
    from desktop.services.login import login

    with bench.vault_copy(bench.bench_vault(work), "alerts-cpu") as copy:
        ctx = login(copy, "bench", bench.BENCH_PASSWORD, check="none")
        try:
            for name, full in (("first", False), ("incremental", False), ("full", True)):
                cpu, wall = time.process_time(), time.perf_counter()
                result = alerts.sweep(ctx, full=full)
                print(
                    f"{name:12s} cpu {time.process_time() - cpu:6.2f}s "
                    f"wall {time.perf_counter() - wall:6.2f}s new {result.total} "
                    f"skipped {len(result.skipped)}"
                )
        finally:
            ctx.close()


def main(work: Path, size: str, profile: bool, cpu: bool = False) -> None:
    from desktop.services import bench

    started = time.time()
    paths = bench.bench_vault(work)
    bench.ensure_demo(paths, size)
    if profile:
        per_rule(work)
    if cpu:
        cpu_sweeps(work)
        return
    print(json.dumps(bench.measure_alerts(paths, size), indent=1, sort_keys=True))
    print("seconds", round(time.time() - started))


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2], "--profile" in sys.argv[3:], "--cpu" in sys.argv[3:])
