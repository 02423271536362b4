"""``baton bench`` on the small dataset: every records figure is there, in the JSON shape.

No figure is asserted against its target here: timings belong to the reference machine.
"""

from __future__ import annotations

import json

import pytest

from desktop.errors import ValidationError
from desktop.services.bench import run_bench

RECORDS = {
    "customer_search_p95_ms": ("ms", 20),
    "customer_search_plain_p95_ms": ("ms", None),
    "customer_list_first_page_ms": ("ms", 50),
    "owner_on_ms": ("ms", None),
    "aging_report_s": ("s", 0.5),
    "read_while_writing_ms": ("ms", 100),
    "import_orders_rows_per_s": ("rows/s", 3333),
    "import_peak_mb": ("MB", 500),
    "encrypted_vs_plain_search": ("ratio", 1.5),
    "encrypted_vs_plain_list": ("ratio", 1.5),
    "encrypted_vs_plain_owner_on": ("ratio", 1.5),
    "encrypted_vs_plain_aging": ("ratio", 1.2),
}


@pytest.mark.slow
def test_bench_small_reports_every_figure_and_reuses_its_vault(tmp_path):
    figures = run_bench("small", tmp_path, import_rows=2_000)
    json.dumps(figures)  # what the CLI prints
    for name, (unit, target) in RECORDS.items():
        assert figures[name]["unit"] == unit, name
        assert figures[name]["target"] == target, name
        assert figures[name]["value"] > 0, name
    assert set(figures["import_orders_s"]) == {"value", "unit", "target"}
    assert not (tmp_path / "import-copy").exists() and not (tmp_path / "plain-copy.db").exists()
    assert (tmp_path / "orders-small-2000.xlsx").exists()
    with pytest.raises(ValidationError, match="not the medium dataset"):
        run_bench("medium", tmp_path, import_rows=2_000)
