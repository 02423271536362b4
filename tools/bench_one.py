"""One ``baton bench`` figure alone, on an existing bench vault (``DIR/vault``).

A full ``baton bench --size large`` takes long on a shared machine; this measures one figure as
the bench does, with the same functions, on the vault a previous bench left in ``DIR``.
Usage: ``python tools/bench_one.py FIGURE DIR [--profile OUT.prof]`` where FIGURE is one of
commission_month_s, commission_year_s, aging_report_s, encrypted_vs_plain_aging,
generate_handover_ms (also gives open_case_ms), open_case_ms, handover_pdf_2000_s.
``--profile`` writes a cProfile of the measured part and prints its top lines.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import json
import pstats
import statistics
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

PROFILER: cProfile.Profile | None = None
#: With ``--sql N``: (seconds, statement) of every statement run while profiled() is on.
STATEMENTS: list[tuple[float, str]] | None = None
TIMING = [False]


def _time_statements() -> None:
    """Time every statement of every engine (``--sql``): which query the seconds go to."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    @event.listens_for(Engine, "before_cursor_execute")
    def _before(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        conn.info.setdefault("bench_one_started", []).append(time.perf_counter())

    @event.listens_for(Engine, "after_cursor_execute")
    def _after(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        began = conn.info["bench_one_started"].pop()
        if TIMING[0] and STATEMENTS is not None:
            STATEMENTS.append((time.perf_counter() - began, statement))


@contextlib.contextmanager
def profiled() -> Iterator[None]:
    TIMING[0] = True
    if PROFILER is not None:
        PROFILER.enable()
    try:
        yield
    finally:
        TIMING[0] = False
        if PROFILER is not None:
            PROFILER.disable()


def _aging(paths: Any) -> dict[str, Any]:
    from desktop.services import bench
    from desktop.services.login import login

    ctx = login(paths, "bench", bench.BENCH_PASSWORD, check="none")
    try:
        bench.aging_seconds(ctx)  # warm, as the bench's first of three is
        times = []
        for _ in range(3):
            with profiled():
                times.append(bench.aging_seconds(ctx))
    finally:
        ctx.close()
    return {"aging_report_s": bench.figure(statistics.median(times), "s", 0.5), "runs": times}


def _aging_ratio(paths: Any) -> dict[str, Any]:
    from desktop.services import bench
    from desktop.services.context import ServiceContext
    from desktop.services.login import login

    admin = login(paths, "bench", bench.BENCH_PASSWORD, check="none")
    plain_path = paths.data_dir.parent / "plain-copy.db"
    plain = None
    try:
        bench.make_plain_copy(paths, admin.store.key.data_key, plain_path)
        plain = ServiceContext(bench._PlainStore(bench.plain_engine(plain_path)), admin.actor)
        enc, pl = [], []
        for _ in range(2):
            enc.append(bench.aging_seconds(admin))
            pl.append(bench.aging_seconds(plain))
        ratio = min(enc) / max(min(pl), 1e-9)
    finally:
        if plain is not None:
            plain.close()
        admin.close()
        for x in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                plain_path.with_name(plain_path.name + x).unlink()
    return {
        "encrypted_vs_plain_aging": bench.figure(ratio, "ratio", 1.2),
        "encrypted_s": enc,
        "plain_s": pl,
    }


def _commissions(paths: Any, year: bool) -> dict[str, Any]:
    from desktop.services import bench, commissions
    from desktop.services.login import login

    with bench.vault_copy(paths, "commissions-copy") as copy:
        ctx = login(copy, "bench", bench.BENCH_PASSWORD, check="none")
        try:
            month = bench.busiest_payment_month(ctx)
            assert month is not None
            bench.save_standard_plan(ctx)
            commissions.compute_period(ctx, commissions.previous_month(month))
            out: dict[str, Any] = {"month": month}
            if not year:
                with profiled():
                    t = bench._timed(lambda: commissions.compute_period(ctx, month))
                again = bench._timed(lambda: commissions.compute_period(ctx, month))
                out["commission_month_s"] = bench.figure(t, "s", 1)
                out["commission_recompute_month_s"] = bench.figure(again, "s", None)
            else:
                months = bench.year_before(commissions.previous_month(month))
                with profiled():
                    t = bench._timed(lambda: bench.compute_months(ctx, months))
                out["commission_year_s"] = bench.figure(t, "s", 10)
        finally:
            ctx.close()
    return out


def _departures(paths: Any, opens_only: bool = False) -> dict[str, Any]:
    from datetime import timedelta

    from sqlalchemy import func, select

    from desktop.models.customers import CustomerAssignment
    from desktop.services import bench, departures
    from desktop.services.login import login
    from desktop.services.scope import covers

    with bench.vault_copy(paths, "departures-copy") as copy:
        ctx = login(copy, "bench", bench.BENCH_PASSWORD, check="none")
        try:
            with ctx.read() as s:
                owner = CustomerAssignment.employee_id
                top = s.scalar(
                    select(owner)
                    .where(covers(ctx.today()))
                    .group_by(owner)
                    .order_by(func.count().desc(), owner)
                    .limit(1)
                )
            start = departures.CaseInput(top, ctx.today() + timedelta(days=30))
            (case_id,) = departures.start_case(ctx, start).ids
            # submitted by Baton itself: the bench user approves (nobody approves what they
            # submitted)
            departures.submit(ctx.as_baton(), case_id)
            with contextlib.nullcontext() if opens_only else profiled():
                generate = bench._timed(lambda: departures.approve(ctx, case_id))
            opens = []
            for _ in range(5):
                with profiled():
                    opens.append(bench._timed(lambda: departures.get_case(ctx, case_id)))
        finally:
            ctx.close()
    return {
        "generate_handover_ms": bench.figure(generate * 1000, "ms", 300),
        "open_case_ms": bench.figure(statistics.median(opens) * 1000, "ms", 150),
        "open_runs_ms": [round(o * 1000, 1) for o in opens],
    }


def _pdf(paths: Any) -> dict[str, Any]:
    from desktop.reports import bench as report_bench
    from desktop.reports import issue

    if PROFILER is not None or STATEMENTS is not None:
        real = issue.issue_handover_form

        def wrapped(*a: Any, **k: Any) -> Any:
            with profiled():
                return real(*a, **k)

        report_bench.issue_handover_form = wrapped  # type: ignore[assignment]
    return report_bench.measure_handover_pdf(paths, "large")


def main() -> None:
    global PROFILER
    parser = argparse.ArgumentParser()
    parser.add_argument("figure")
    parser.add_argument("dir", type=Path)
    parser.add_argument("--profile", type=Path)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--sql", type=int, default=0, help="print the N slowest statements")
    args = parser.parse_args()
    global STATEMENTS
    if args.sql:
        STATEMENTS = []
        _time_statements()
    from desktop.services import bench

    paths = bench.bench_vault(args.dir)
    if args.profile:
        PROFILER = cProfile.Profile()
    started = time.time()
    runs = {
        "commission_month_s": lambda: _commissions(paths, year=False),
        "commission_year_s": lambda: _commissions(paths, year=True),
        "aging_report_s": lambda: _aging(paths),
        "encrypted_vs_plain_aging": lambda: _aging_ratio(paths),
        "generate_handover_ms": lambda: _departures(paths),
        "open_case_ms": lambda: _departures(paths, opens_only=True),
        "handover_pdf_2000_s": lambda: _pdf(paths),
    }
    with bench.real_kdf():
        result = runs[args.figure]()
    print(json.dumps(result, indent=1, sort_keys=True, default=str))
    print("seconds", round(time.time() - started))
    if STATEMENTS:
        total = sum(t for t, _ in STATEMENTS)
        print(f"{len(STATEMENTS)} statements, {total:.3f} s in the database")
        for spent, statement in sorted(STATEMENTS, reverse=True)[: args.sql]:
            print(f"{spent * 1000:9.1f} ms  {' '.join(statement.split())[:300]}")
    if PROFILER is not None:
        PROFILER.dump_stats(str(args.profile))
        out = io.StringIO()
        stats = pstats.Stats(PROFILER, stream=out).sort_stats("cumulative")
        stats.print_stats(args.top)
        out.write("\n--- by own time\n")
        stats.sort_stats("tottime").print_stats(args.top)
        print(out.getvalue())


if __name__ == "__main__":
    main()
