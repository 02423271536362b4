"""``baton bench``: measured performance figures as JSON (targets from SPEC §10).

Each figure is ``{"value": number, "unit": "s"|"ms"|"MB"|"rows/s"|"ratio", "target": number or
null}``. The bench builds its own vault in a temp folder with the real (calibrated) KDF.
"""

from __future__ import annotations

import contextlib
import os
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from desktop.config import Paths
from desktop.models.organisation import Branch
from desktop.services.login import login
from desktop.services.setup import initialize
from desktop.storage.database import connect, connect_passphrase
from desktop.storage.vault import KDF_PROFILE_ENV, derive_key, new_kdf_params

Figures = dict[str, dict[str, Any]]
BENCH_PASSWORD = "bench-password-1"


def figure(value: float, unit: str, target: float | None = None) -> dict[str, Any]:
    return {"value": round(value, 4), "unit": unit, "target": target}


@contextlib.contextmanager
def real_kdf() -> Iterator[None]:
    """The bench measures the production KDF even when tests run with the fast profile."""
    saved = os.environ.pop(KDF_PROFILE_ENV, None)
    try:
        yield
    finally:
        if saved is not None:
            os.environ[KDF_PROFILE_ENV] = saved


def _timed(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def bench_vault(work: Path) -> Paths:
    paths = Paths(work / "vault")
    if not paths.database.exists():
        result = initialize(
            paths, "测评物流有限公司", ["上海", "广州"], "bench", "Bench", BENCH_PASSWORD
        )
        result.ctx.close()
    return paths


def measure_keys(paths: Paths) -> Figures:
    figures: Figures = {}
    params = new_kdf_params()
    figures["kdf_s"] = figure(_timed(lambda: derive_key(b"x" * 12, params)), "s", 0.5)

    def unlock_and_load() -> None:
        ctx = login(paths, "bench", BENCH_PASSWORD, check="none")
        with ctx.transaction() as s:
            s.scalar(select(func.count()).select_from(Branch))
        ctx.close()

    figures["unlock_s"] = figure(min(_timed(unlock_and_load) for _ in range(3)), "s", 1.5)
    ctx = login(paths, "bench", BENCH_PASSWORD, check="none")
    key = ctx.store.key.data_key
    ctx.close()
    opens = []
    for _ in range(20):
        start = time.perf_counter()
        conn = connect(paths.database, key)
        opens.append(time.perf_counter() - start)
        conn.close()
    figures["connection_open_ms"] = figure(statistics.median(opens) * 1000, "ms", 10)
    pp = paths.data_dir / "passphrase.db"
    conn = connect_passphrase(pp, "a passphrase for comparison")
    conn.execute("CREATE TABLE IF NOT EXISTS t (a)")
    conn.close()
    slow = []
    for _ in range(5):
        start = time.perf_counter()
        conn = connect_passphrase(pp, "a passphrase for comparison")
        slow.append(time.perf_counter() - start)
        conn.close()
    figures["connection_open_passphrase_ms"] = figure(statistics.median(slow) * 1000, "ms", None)
    return figures


#: Later capabilities append (name, function(paths, size) -> Figures) here.
EXTRA_BENCHES: list[Callable[[Paths, str], Figures]] = []


def run_bench(size: str = "small", work_dir: Path | None = None) -> Figures:
    """Build (or reuse) a bench vault and return every figure."""
    with real_kdf(), contextlib.ExitStack() as stack:
        if work_dir is None:
            work_dir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="baton-bench-")))
        work_dir.mkdir(parents=True, exist_ok=True)
        paths = bench_vault(work_dir)
        figures = measure_keys(paths)
        for extra in EXTRA_BENCHES:
            figures.update(extra(paths, size))
        return figures


# --------------------------------------------------------------------------- departures


def measure_departures(paths: Paths, size: str) -> Figures:
    """The top salesperson's departure (2,000 customers in the large dataset): the approval
    that generates the handover items, and the case screen with everything it shows. On a
    copy of the bench vault, which stays as the demo made it; no figures without demo data."""
    import shutil
    from datetime import timedelta

    from desktop.models.customers import CustomerAssignment
    from desktop.services import departures
    from desktop.services.scope import covers

    copy = paths.data_dir.parent / "departures-copy"
    shutil.rmtree(copy, ignore_errors=True)
    copy.mkdir()
    for f in paths.data_dir.iterdir():
        if f.is_file() and f.suffix != ".lock":
            shutil.copy2(f, copy / f.name)
    try:
        ctx = login(Paths(copy), "bench", BENCH_PASSWORD, check="none")
        try:
            with ctx.transaction() as s:
                owner = CustomerAssignment.employee_id
                top = s.scalar(
                    select(owner)
                    .where(covers(ctx.today()))
                    .group_by(owner)
                    .order_by(func.count().desc(), owner)
                    .limit(1)
                )
            if top is None:
                return {}
            start = departures.CaseInput(top, ctx.today() + timedelta(days=30))
            (case_id,) = departures.start_case(ctx, start).ids
            departures.submit(ctx, case_id)
            generate = _timed(lambda: departures.approve(ctx, case_id))
            opens = [_timed(lambda: departures.get_case(ctx, case_id)) for _ in range(5)]
        finally:
            ctx.close()
    finally:
        shutil.rmtree(copy, ignore_errors=True)
    return {
        "generate_handover_ms": figure(generate * 1000, "ms", None),
        "open_case_ms": figure(statistics.median(opens) * 1000, "ms", 300),
    }


EXTRA_BENCHES.append(measure_departures)
