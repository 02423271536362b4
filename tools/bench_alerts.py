"""The alert figures alone, as ``baton bench`` measures them (``alerts_sweep_s``,
``alerts_sweep_again_s``, ``alert_on_write_ms``, ``order_write_ms``), on an existing bench
vault (``baton bench --work-dir DIR --size SIZE`` made it; it is made first if missing). The
vault is left as it was: the bench works on a copy beside it.

Usage: ``python tools/bench_alerts.py DIR SIZE [--profile]``; ``--profile`` prints the time
each rule takes to find and store on a further copy, rolled back.
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


def main(work: Path, size: str, profile: bool) -> None:
    from desktop.services import bench

    started = time.time()
    paths = bench.bench_vault(work)
    bench.ensure_demo(paths, size)
    if profile:
        per_rule(work)
    print(json.dumps(bench.measure_alerts(paths, size), indent=1, sort_keys=True))
    print("seconds", round(time.time() - started))


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2], "--profile" in sys.argv[3:])
