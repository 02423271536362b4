"""The customer search figures alone, on an existing bench vault, as ``baton bench`` measures
them: ``customer_search_p95_ms`` (first page of 50 per keystroke, the worse of the
administrator and the demo manager), ``customer_search_count_p95_ms``, the same search on a
plain (unencrypted) copy with the same index in the same run (``customer_search_plain_p95_ms``
and the ratio), the p95 of pinyin searches, and the EXPLAIN QUERY PLAN of a short and a
long search.

Usage: ``python tools/bench_search.py DIR`` where ``DIR/vault`` is a bench vault of
``baton bench --work-dir DIR`` (opened as its ``bench`` user; an older schema is migrated
first, which makes a backup). Nothing is written to it by the measuring.
"""

import contextlib
import json
import sys
import time
from pathlib import Path
from typing import Any


def explain(ctx: Any, term: str) -> list[str]:
    """The plan SQLite chose for the first page of ``term``'s search."""
    from sqlalchemy import event

    from desktop.services import customers

    seen: list[tuple[str, Any]] = []

    def grab(conn: Any, cursor: Any, statement: str, params: Any, context: Any, many: bool) -> None:
        if "customer" in statement and "ORDER BY" in statement.upper():
            seen.append((statement, params))

    engine = ctx.store.engine
    event.listen(engine, "before_cursor_execute", grab)
    try:
        customers.list_customers(ctx, 0, 50, search=term)
    finally:
        event.remove(engine, "before_cursor_execute", grab)
    statement, params = seen[0]
    with engine.connect() as conn:
        rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params).fetchall()
    return [f"{'  ' * (r[1] > 0)}{r[3]}" for r in rows]


def main(work: Path) -> None:
    from desktop.config import Paths
    from desktop.services import bench
    from desktop.services.context import ServiceContext
    from desktop.services.demo import DEMO_PASSWORD
    from desktop.services.login import login

    started = time.time()
    paths = Paths(work / "vault")
    admin = login(paths, "bench", bench.BENCH_PASSWORD, check="none")
    print("opened (migrated if needed) in", round(time.time() - started, 1), "s", flush=True)
    manager = login(paths, "manager", DEMO_PASSWORD, check="none")
    plain_path = work / "plain-copy.db"
    plain: ServiceContext | None = None
    try:
        work_load = bench.draw_workload(admin)
        terms = work_load.terms
        pinyin_terms = ["wang", "zhang", "li", "sd", "shunda", "wuliu", "gongsi", "hyx", "shenz"]
        figures: dict[str, Any] = {}
        search, count, by_length = [], [], {}
        for ctx in (admin, manager):
            bench.search_times(ctx, terms[:5])
            times = bench.search_times(ctx, terms)
            search.append(bench.p95(times))
            count.append(bench.p95(bench.count_times(ctx, terms)))
            for t, ms in zip(terms, times, strict=True):
                by_length.setdefault("1-2 chars" if len(t) < 3 else "3+ chars", []).append(ms)
        figures["customer_search_p95_ms"] = bench.figure(max(search), "ms", 20)
        figures["customer_search_count_p95_ms"] = bench.figure(max(count), "ms", None)
        figures["customer_search_pinyin_p95_ms"] = bench.figure(
            bench.p95(bench.search_times(admin, pinyin_terms * 3)), "ms", None
        )
        for name, values in sorted(by_length.items()):
            figures[f"search ms ({name}, {len(values)} typed): p95, max"] = [
                round(bench.p95(values), 2),
                round(max(values), 2),
            ]
        bench.make_plain_copy(paths, admin.store.key.data_key, plain_path)
        plain = ServiceContext(bench._PlainStore(bench.plain_engine(plain_path)), admin.actor)  # type: ignore[arg-type]
        bench.search_times(plain, terms[:5])
        encrypted, unencrypted = [], []
        for _ in range(2):
            encrypted.append(bench.search_times(admin, terms))
            unencrypted.append(bench.search_times(plain, terms))
        figures["customer_search_plain_p95_ms"] = bench.figure(
            min(bench.p95(u) for u in unencrypted), "ms", None
        )
        figures["encrypted_vs_plain_search"] = bench.figure(
            min(sum(e) for e in encrypted) / max(min(sum(u) for u in unencrypted), 1e-9),
            "ratio",
            1.5,
        )
        print(json.dumps(figures, indent=1, ensure_ascii=False))
        print("terms", json.dumps(terms, ensure_ascii=False))
        for term in (terms[0][:2], "物流有", terms[-1], "wang"):
            print(f"EXPLAIN QUERY PLAN, search {term!r}:")
            for line in explain(admin, term):
                print("  ", line)
    finally:
        if plain is not None:
            plain.close()
        manager.close()
        admin.close()
        for leftover in (plain_path, *(Path(f"{plain_path}{x}") for x in ("-wal", "-shm"))):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
    print("seconds", round(time.time() - started))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
