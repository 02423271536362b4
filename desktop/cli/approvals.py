"""`baton approvals …`: export requests waiting for two approvals (list, approve, reject)."""

from __future__ import annotations

import argparse
import json

from desktop.cli.common import EXIT_OK, open_ctx, out


def cmd_approvals(args: argparse.Namespace) -> int:
    from desktop.services import export_approvals

    ctx = open_ctx(args)
    try:
        if args.approvals_command == "list":
            found = export_approvals.list_requests(ctx)
            if args.json:
                out(
                    json.dumps(
                        [
                            {
                                "id": r.id,
                                "kind": r.kind,
                                "search": r.search,
                                "filters": r.filters,
                                "rows": r.rows,
                                "reason": r.reason,
                                "status": r.status,
                                "requested_by": r.requested_by,
                                "requested_at": r.requested_at.isoformat(),
                                "first_by": r.first_by,
                                "second_by": r.second_by,
                                "rejected_by": r.rejected_by,
                                "reject_reason": r.reject_reason,
                            }
                            for r in found
                        ],
                        ensure_ascii=False,
                        indent=1,
                    )
                )
            else:
                for r in found:
                    scope = f' search "{r.search}"' if r.search else ""
                    out(
                        f"request {r.id}: {r.kind}{scope}, {r.rows} rows, by {r.requested_by} "
                        f"({r.status}): {r.reason}"
                    )
                if not found:
                    out("No export requests.")
        elif args.approvals_command == "approve":
            export_approvals.approve(ctx, args.id)
            out(f"Export request {args.id} approved.")
        else:
            export_approvals.reject(ctx, args.id, args.reason)
            out(f"Export request {args.id} rejected.")
    finally:
        ctx.close()
    return EXIT_OK
