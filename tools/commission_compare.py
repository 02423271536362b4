"""Every commission month of a demo firm, computed by an older version of Baton and by this one:
the same lines (ids, amounts in fen, rates, tiers, statuses, clauses, explanations, keys)?

Why: a faster engine must give the lines the engine before it gave. The suite checks that on the
small demo against a frozen copy of the month's computation; this checks a whole firm against
the real older code, as a user upgrading would see it.

Usage: ``python tools/commission_compare.py OLD_TREE [--size medium] [--work DIR]`` where
OLD_TREE is a checkout of the older version (``git worktree add /tmp/old <commit>``). The demo
firm (with the standard plan) is made by the older code, so that both can open it; each version
then computes every month from the first waybill or payment to today, oldest first, on its
own copy. Prints one JSON object: months, lines, seconds per version, and whether every line
is identical (with the first differences if not).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

_COLUMNS = (
    "l.id, l.period_id, employee_id, credited_id, plan_id, case_id, source, source_date, "
    "order_id, receivable_id, payment_id, allocation_id, base, rate, tier, amount, status, "
    "clause, explanation, l.key, ref_line_id, origin_month"
)


def _make(work: Path, size: str) -> None:
    from desktop.services import bench, demo
    from desktop.services.login import login

    ctx = login(bench.bench_vault(work), "bench", bench.BENCH_PASSWORD, check="none")
    try:
        demo.generate_demo(ctx, size, commission_plan=True)
    finally:
        ctx.close()


def _run(work: Path, out: Path) -> None:
    import time

    from sqlalchemy import func, select, text

    from desktop.models.orders import Order, Payment
    from desktop.services import bench, commissions
    from desktop.services.dates import shift_month
    from desktop.services.login import login

    ctx = login(bench.bench_vault(work), "bench", bench.BENCH_PASSWORD, check="none")
    try:
        with ctx.read() as s:
            first = min(
                s.scalar(select(func.min(Order.order_date))),
                s.scalar(select(func.min(Payment.received_on))),
            )
        month, last = f"{first:%Y-%m}", f"{ctx.today():%Y-%m}"
        started, months = time.perf_counter(), 0
        while month <= last:
            commissions.compute_period(ctx, month)
            months += 1
            month = shift_month(month, 1)
        seconds = time.perf_counter() - started
        with ctx.read() as s:
            rows = s.execute(
                text(
                    f"SELECT p.month, {_COLUMNS} FROM commission_line l "
                    "JOIN commission_period p ON p.id = l.period_id ORDER BY l.id"
                )
            ).all()
    finally:
        ctx.close()
    data = {"months": months, "seconds": seconds, "lines": [[str(v) for v in r] for r in rows]}
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _child(tree: Path | None, *args: str) -> None:
    env = {**os.environ, "BATON_KDF_PROFILE": "fast"}
    if tree is not None:
        env["PYTHONPATH"] = str(tree)
    subprocess.run([sys.executable, __file__, *args], check=True, env=env)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("old_tree", nargs="?", type=Path)
    parser.add_argument("--size", default="medium", choices=["small", "medium", "large"])
    parser.add_argument("--work", type=Path)
    parser.add_argument("--make", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--run", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make:
        return _make(args.make, args.size)
    if args.run:
        return _run(*args.run)
    if args.old_tree is None:
        parser.error("give the older checkout (OLD_TREE)")
    work = args.work or Path(tempfile.mkdtemp(prefix="baton-compare-"))
    base, old, new = work / "base", work / "old", work / "new"
    _child(args.old_tree.resolve(), "--make", str(base), "--size", args.size)
    results = {}
    for name, tree, folder in (("old", args.old_tree.resolve(), old), ("new", None, new)):
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(base, folder)
        _child(tree, "--run", str(folder), str(work / f"{name}.json"))
        results[name] = json.loads((work / f"{name}.json").read_text(encoding="utf-8"))
    a, b = results["old"]["lines"], results["new"]["lines"]
    different = [(x, y) for x, y in zip(a, b, strict=False) if x != y]
    print(
        json.dumps(
            {
                "size": args.size,
                "months": results["new"]["months"],
                "lines_old": len(a),
                "lines_new": len(b),
                "identical": a == b,
                "seconds_old": round(results["old"]["seconds"], 2),
                "seconds_new": round(results["new"]["seconds"], 2),
                "first_differences": different[:3],
            },
            ensure_ascii=False,
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
