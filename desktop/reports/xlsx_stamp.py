"""The document number of an issued workbook, kept where one changed byte cannot hide it.

A workbook is a ZIP of deflated XML parts: the number written into its keywords (and its
sheet) exists only in compressed form, so a changed byte could leave ``verify-document`` with
nothing to name — it answered "unknown" (not issued here) instead of "altered". The workbook
is therefore stamped twice in plain text, apart from the content it proves:

* ``docProps/core.xml`` (the keywords ``baton-document:NUMBER …``) is stored, not deflated;
* the ZIP's comment (the last bytes of the file) carries the same keywords.

One changed byte can touch at most one of the two copies; the verifier tries every number a
file names (``documents.document_numbers_in``). Spreadsheet programs ignore both: a stored
part and a ZIP comment are plain ZIP features.
"""

from __future__ import annotations

import io
import zipfile

CORE = "docProps/core.xml"


def stamp_workbook(data: bytes, keywords: str) -> bytes:
    """The same workbook, its core properties stored uncompressed and ``keywords`` in the
    ZIP comment; part order, names and times kept (the same input gives the same bytes)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            copy = zipfile.ZipInfo(info.filename, info.date_time)
            copy.external_attr = info.external_attr
            copy.compress_type = (
                zipfile.ZIP_STORED if info.filename == CORE else zipfile.ZIP_DEFLATED
            )
            target.writestr(copy, source.read(info.filename))
        target.comment = keywords.encode("ascii")[:65535]
    return out.getvalue()
