"""Bulk work and the garbage collector: no full collection while a large computation runs.

Why: a full (generation 2) collection walks every object on the heap while holding the GIL.
A month of commissions, an aging report or an import builds tens of thousands of small
records in a second; with the default thresholds that starts several full collections over
a heap of a million objects: a quarter of a commission month's time on the large firm, and
in the window, 300–400 ms in which the GUI thread cannot tick. Qt-free so that services,
the command line and the database worker share it.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

#: Gen-2 threshold while bulk work runs: never reached, so no full collection starts.
_NO_FULL_COLLECTION = 1 << 30


@contextlib.contextmanager
def no_full_collection() -> Iterator[None]:
    """No full (generation 2) garbage collection while the body runs.

    Young generations are still collected (short-lived cycles go as before); what reached the
    old generation waits until the work ends, when its temporaries are gone and the heap is
    back to its usual size. Nests: the outermost restores the thresholds."""
    low, middle, old = gc.get_threshold()
    gc.set_threshold(low, middle, _NO_FULL_COLLECTION)
    try:
        yield
    finally:
        gc.set_threshold(low, middle, old)
