"""The commands that issue a document (``baton report``) and check one that was issued
(``baton verify-document``).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.common import (
    EXIT_OK,
    EXIT_PROBLEM,
    _read_input,
    _save_issued,
    open_ctx,
    out,
    paths_of,
)

REPORT_KINDS = {
    "handover": "handover",
    "risk": "risk",
    "tracking": "tracking",
    "post-departure": "post_departure",
    "certificate": "certificate",
}


def cmd_report(args: argparse.Namespace) -> int:
    from desktop.reports import issue
    from desktop.services import departures
    from desktop.services.files import refuse_vault_file

    target = Path(args.out)
    refuse_vault_file(target, paths_of(args))  # before the document is issued and recorded
    ctx = open_ctx(args)
    try:
        if args.report_kind == "aging":
            issued = issue.issue_aging(ctx, args.lang, as_of=args.as_of)
        else:
            case_id = departures.find_case(ctx, args.case)
            make = issue.CASE_DOCUMENTS[REPORT_KINDS[args.report_kind]]
            extra = {"with_reason": True} if getattr(args, "with_reason", False) else {}
            issued = make(ctx, case_id, args.lang, **extra)
        _save_issued(ctx, issued, target)
    finally:
        ctx.close()
    info = issued.info
    case = f" for case {info.case_number}" if info.case_number else ""
    out(f"{info.title}{case}: document {info.number}, {info.pages} page(s), written to {target}")
    out(f"SHA-256 {info.pdf_sha256} (content SHA-256 {info.content_sha256})")
    return EXIT_OK


def cmd_verify_document(args: argparse.Namespace) -> int:
    from desktop.services.documents import verify_document

    data = _read_input(args.file)
    ctx = open_ctx(args)
    try:
        result = verify_document(ctx, data)
    finally:
        ctx.close()
    out(result.message())
    out(f"SHA-256 {result.file_sha256}")
    return EXIT_OK if result.verified else EXIT_PROBLEM
