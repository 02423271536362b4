"""A Baton process the handover crash and race tests start: it logs in, runs one batch use case
and says on stdout where it is. Not a test module.

``python tests/services/handover_child.py MODE DATA_DIR USER PASSWORD CASE_ID [ITEM_ID ...]``

- ``complete-kill``: complete the items (the first gets an evidence file); once the file and
  the earlier items are written (flushed, not committed) say "mid" and wait to be killed.
- ``confirm-slow``: confirm what is pending for the user in the case, pausing 3 s inside the
  transaction after the items changed (saying "mid"); then say "ok N" or "refused MESSAGE".
- ``confirm``: the same without the pause.
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from desktop.config import Paths
from desktop.errors import BatonError
from desktop.services import customers, handover
from desktop.services.handover import EvidenceUpload, checklist
from desktop.services.login import login


def say(text: str) -> None:
    print(text, flush=True)


def main() -> None:
    mode, data_dir, user, password, case = sys.argv[1:6]
    ids = [int(i) for i in sys.argv[6:]]
    ctx = login(Paths(Path(data_dir)), user, password, check="none")
    ctx.clock = lambda: datetime(2030, 3, 4, 12, tzinfo=UTC)  # the firm's scenario day
    if mode == "complete-kill":
        original = checklist._disable_account

        def stop_here(ctx, s, case, user):  # type: ignore[no-untyped-def]
            s.flush()
            say("mid")
            while True:
                time.sleep(60)
            return original(ctx, s, case, user)

        checklist._disable_account = stop_here
        say("ready")
        handover.complete_items(
            ctx, int(case), ids, {ids[0]: [EvidenceUpload("签收单.pdf", b"%PDF-1.4 " * 1000)]}
        )
        say("committed")
        return
    if mode == "confirm-slow":
        original_reassign = customers.reassign_in

        def slow(*args, **kwargs):  # type: ignore[no-untyped-def]
            say("mid")
            time.sleep(3)
            return original_reassign(*args, **kwargs)

        customers.reassign_in = slow
    say("ready")
    try:
        changes = handover.confirm_pending(ctx, int(case))
    except BatonError as exc:
        say(f"refused {exc.message()}")
    else:
        say(f"ok {len(changes.ids)}")
    ctx.close()


if __name__ == "__main__":
    main()
