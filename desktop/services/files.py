"""Files the user chose (a report, an attachment, the recovery sheet): written whole,
owner-only, and never onto one of the vault's own files.

The screens write through here so they never reach into storage themselves; the rules live in
:mod:`desktop.storage.private`.
"""

from __future__ import annotations

from desktop.storage.private import save_output, write_private

__all__ = ["save_output", "write_private"]
