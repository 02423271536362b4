"""Reading the spreadsheets Chinese offices write, and the values in their cells.

CSV comes as UTF-8, UTF-8 with BOM, or GBK/GB18030 (what Chinese Excel writes); XLSX is read
with calamine. Amounts arrive as ``¥1,234.50``, ``1,234.5元`` or Excel numbers; dates as
``2026/1/5``, ``2026-01-05``, ``2026年1月5日`` or Excel serial numbers.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from desktop.errors import QT_TRANSLATE_NOOP, ValidationError
from desktop.models.types import to_money
from desktop.services.validation import MAX_AMOUNT

EXCEL_EPOCH = date(1899, 12, 30)


#: The largest file an import reads: a million orders as CSV is about 100 MB. Anything larger
#: (or a device like /dev/zero) is refused before a byte is read.
MAX_IMPORT_BYTES = 100 * 1024 * 1024

# One cell may be as large as the file; the csv module's own limit (128 KiB) would end the read
# with an exception instead of a row error saying the cell is too long.
csv.field_size_limit(max(csv.field_size_limit(), MAX_IMPORT_BYTES))


@dataclass(frozen=True)
class Table:
    """A sheet as read: header texts, rows of raw cell values, and how it was decoded.

    ``lines`` (CSV only) gives each row's first and last line in the file, so a row that runs
    over several lines can be named; ``broken`` is a structural fault that ended the read
    early: (row, line, template, params), with ``rows`` holding the rows before it.
    """

    headers: list[str]
    rows: list[list[Any]]
    encoding: str | None = None
    sheet: str | None = None
    sha256: str = ""
    lines: list[tuple[int, int]] | None = None
    broken: tuple[int, int, str, dict[str, Any]] | None = None
    #: Each data row's row number in the sheet (workbooks: blank rows kept out of the rows
    #: but counted), so a reported row is the one the spreadsheet shows.
    numbers: list[int] | None = None
    #: The header's row number in the file (title rows above it are skipped).
    header_row: int = 1
    #: Offsets in ``rows`` of rows that are totals (合计), skipped and reported.
    skipped: tuple[int, ...] = ()
    #: The workbook's sheets, in order (empty for CSV).
    sheets: tuple[str, ...] = ()

    def row_number(self, offset: int) -> int:
        """The file's row number of ``rows[offset]``, as the report names it."""
        if self.numbers is not None:
            return self.numbers[offset]
        return offset + self.header_row + 1

    def from_header(self, index: int) -> Table:
        """The table read with ``rows[index - 1]`` as its header (0: as it is); the rows above
        are titles."""
        if index == 0:
            return self
        return replace(
            self,
            headers=[as_text(h) if h is not None else "" for h in self.rows[index - 1]],
            rows=self.rows[index:],
            lines=self.lines[index:] if self.lines is not None else None,
            numbers=self.numbers[index:] if self.numbers is not None else None,
            header_row=(
                self.numbers[index - 1] if self.numbers is not None else self.header_row + index
            ),
        )


def decode_csv_bytes(raw: bytes) -> tuple[str, str]:
    """Return (text, encoding): BOM → UTF-8; valid UTF-8; otherwise GB18030 (covers GBK)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8"), "utf-8-sig"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "The file is neither UTF-8 nor GBK/GB18030 text (byte {position} cannot be read). "
                "Save it from Excel as CSV UTF-8 or as XLSX.",
            ),
            position=exc.start,
        ) from exc


def _not_a_workbook(path: Path) -> ValidationError:
    return ValidationError(
        QT_TRANSLATE_NOOP("Errors", "{file} is not an Excel workbook (.xlsx), or it is damaged."),
        file=path.name,
    )


def read_import_bytes(path: Path) -> bytes:
    """The file's bytes, if it is a regular file of at most :data:`MAX_IMPORT_BYTES`.

    Why: ``/dev/zero`` or a named pipe never ends, and a huge file would exhaust memory; both
    are refused before reading. The file is opened without blocking (a pipe with no writer
    would otherwise hang in ``open``) and checked on the open handle, so it cannot be swapped
    between the check and the read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "{file} cannot be opened: {error}"),
            file=path.name,
            error=exc.strerror or str(exc),
        ) from exc
    try:
        info = os.fstat(fd)
    except OSError:
        info = None
    if info is None or not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "{file} is not a file but a folder, a device or a pipe: choose a .csv or "
                ".xlsx file.",
            ),
            file=path.name,
        )
    with os.fdopen(fd, "rb") as handle:
        limit_mb = MAX_IMPORT_BYTES // (1024 * 1024)
        too_large = ValidationError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "{file} is larger than {max} MB, more than an import can take: split it into "
                "several files.",
            ),
            file=path.name,
            max=limit_mb,
        )
        if info.st_size > MAX_IMPORT_BYTES:
            raise too_large
        try:
            raw = handle.read(MAX_IMPORT_BYTES + 1)
        except OSError as exc:
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "{file} cannot be opened: {error}"),
                file=path.name,
                error=exc.strerror or str(exc),
            ) from exc
        if len(raw) > MAX_IMPORT_BYTES:  # it grew while being read
            raise too_large
    return raw


WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xls"}


def read_table(path: Path, sheet: str | None = None) -> Table:
    """Read a CSV or a workbook (.xlsx, or the old .xls) into a Table; ``sheet`` names a
    workbook's sheet (default: the first). Anything else is refused with a clear message."""
    suffix = path.suffix.lower()
    if suffix not in WORKBOOK_SUFFIXES | {".csv", ".txt"}:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "{file}: only .csv, .xlsx and .xls files can be imported."),
            file=path.name,
        )
    raw = read_import_bytes(path)
    digest = hashlib.sha256(raw).hexdigest()
    if suffix in WORKBOOK_SUFFIXES:
        return replace(_read_workbook(path, raw, sheet), sha256=digest)
    text, encoding = decode_csv_bytes(raw)
    del raw
    return replace(_read_csv(path, text), encoding=encoding, sha256=digest)


def _read_csv(path: Path, text: str) -> Table:
    """Parse CSV strictly, remembering the lines each row spans.

    Why strict: a quote left open would otherwise swallow the line breaks after it and turn
    two rows into one (two customers into one with a strange name), silently. Any line
    ending works (Windows, Unix, old Mac CR-only).
    """
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[list[str]] = []
    lines: list[tuple[int, int]] = []
    broken: tuple[int, int, str, dict[str, Any]] | None = None
    last_line = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            never_closed = "end of data" in str(exc)
            broken = (
                len(rows) + 1,
                last_line + 1,
                QT_TRANSLATE_NOOP(
                    "Errors",
                    'line {line} of the file: a quote (") opened there is never closed; close '
                    "it or remove it",
                )
                if never_closed
                else QT_TRANSLATE_NOOP(
                    "Errors",
                    'line {line} of the file cannot be read: a quote (") in a cell is followed '
                    "by more text; put quotes around the whole cell and double the quotes "
                    "inside it",
                ),
                {"line": last_line + 1},
            )
            break
        first, last_line = last_line + 1, reader.line_num
        if any(cell.strip() for cell in row):
            rows.append(row)
            lines.append((first, last_line))
    if not rows:
        if broken is not None:
            raise ValidationError(broken[2], **broken[3])
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "{file} is empty."), file=path.name)
    return Table([h.strip() for h in rows[0]], rows[1:], lines=lines[1:], broken=broken)


#: How a workbook starts: a zip (.xlsx) or an OLE2 compound file (.xls).
_WORKBOOK_MAGIC = (b"PK", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")


def _read_workbook(path: Path, raw: bytes, sheet_name: str | None = None) -> Table:
    from python_calamine import CalamineWorkbook

    if not raw.startswith(_WORKBOOK_MAGIC):
        raise _not_a_workbook(path)
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(raw))
        names = tuple(book.sheet_names)
    except Exception as exc:  # calamine raises its own error types for broken files
        raise _not_a_workbook(path) from exc
    if sheet_name is not None and sheet_name not in names:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "{file} has no sheet {sheet}; its sheets are {sheets}."),
            file=path.name,
            sheet=sheet_name,
            sheets=", ".join(names),
        )
    try:
        sheet = book.get_sheet_by_name(sheet_name) if sheet_name else book.get_sheet_by_index(0)
        rows = [list(r) for r in sheet.iter_rows()]
    except Exception as exc:
        raise _not_a_workbook(path) from exc
    # calamine starts at the first used row: count from there so row numbers are the sheet's.
    start = (sheet.start or (0, 0))[0] + 1 if hasattr(sheet, "start") else 1
    numbered = [
        (start + i, r)
        for i, r in enumerate(rows)
        if any(str(c).strip() for c in r if c is not None)
    ]
    if not numbered:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "{file} is empty."), file=path.name)
    headers = [str(h).strip() if h is not None else "" for h in numbered[0][1]]
    return Table(
        headers,
        [r for _, r in numbered[1:]],
        sheet=sheet.name,
        numbers=[n for n, _ in numbered[1:]],
        header_row=numbered[0][0],
        sheets=names,
    )


# --------------------------------------------------------------------------- cell values


class CellError(Exception):
    """A cell's value cannot be read; ``template`` is a translatable reason."""

    def __init__(self, template: str, **params: Any) -> None:
        super().__init__(template)
        self.template = template
        self.params = params


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def as_text(value: Any) -> str:
    """A cell as trimmed text; Excel integers lose their ``.0``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return (
            value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


#: Cells read as amounts, dates, numbers or choices are short; a longer one is refused before
#: it is parsed (Decimal and int of a 5-million-digit text take their time).
MAX_CELL_PARSED = 1000

_MONEY_STRIP = re.compile(r"[¥￥,，\s]|元|RMB|CNY", re.IGNORECASE)


def parse_money(value: Any) -> Decimal:
    """``¥1,234.50``, ``1,234.5元``, ``(12.00)`` or an Excel number → Decimal to the fen.

    Amounts of :data:`~desktop.services.validation.MAX_AMOUNT` yuan or more are refused here:
    the vault stores integer fen in 64 bits, and a 30-digit "amount" is never a real one.
    """
    if isinstance(value, bool):
        raise CellError(QT_TRANSLATE_NOOP("Errors", "not an amount"))
    if isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, float):
        # An Excel cell holds a binary float; its shortest repr is what the user typed.
        amount = Decimal(repr(value))
    else:
        text = as_text(value)
        negative = text.startswith("(") and text.endswith(")")
        text = _MONEY_STRIP.sub("", text.strip("()"))
        if text.startswith("-"):
            negative, text = True, text[1:]
        if len(text) > MAX_CELL_PARSED:
            raise CellError(QT_TRANSLATE_NOOP("Errors", "not an amount"))
        try:
            amount = Decimal(text)
        except InvalidOperation as exc:
            raise CellError(QT_TRANSLATE_NOOP("Errors", "not an amount")) from exc
        if negative:
            amount = -amount
    if not amount.is_finite():
        raise CellError(QT_TRANSLATE_NOOP("Errors", "not an amount"))
    if amount.copy_abs() >= MAX_AMOUNT:
        raise CellError(
            QT_TRANSLATE_NOOP("Errors", "too large: amounts must be below {max} yuan"),
            max=f"{MAX_AMOUNT:,}",
        )
    return to_money(amount)


_DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


def parse_date(value: Any) -> date:
    """Dates as Chinese offices write them, or Excel serial numbers (days since 1899-12-30)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        serial = float(value)
        if 1 <= serial < 80000:
            return EXCEL_EPOCH + timedelta(days=int(serial))
        raise CellError(QT_TRANSLATE_NOOP("Errors", "not a date"))
    text = as_text(value)
    if re.fullmatch(r"\d{5}(\.0+)?", text):
        return EXCEL_EPOCH + timedelta(days=int(float(text)))
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            try:
                return date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError as exc:
                raise CellError(QT_TRANSLATE_NOOP("Errors", "no such day")) from exc
    raise CellError(
        QT_TRANSLATE_NOOP("Errors", "not a date (use 2026-01-05, 2026/1/5 or 2026年1月5日)")
    )


def parse_int(value: Any) -> int:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = as_text(value).replace(",", "").replace("天", "")
    try:
        return int(text)
    except ValueError as exc:
        raise CellError(QT_TRANSLATE_NOOP("Errors", "not a whole number")) from exc


_TRUE = {"是", "y", "yes", "true", "1", "√", "✓", "对"}
_FALSE = {"否", "n", "no", "false", "0", "×", "", "不是"}


def parse_bool(value: Any) -> bool:
    text = as_text(value).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError(QT_TRANSLATE_NOOP("Errors", "not yes/no (是/否)"))


# A unit or a note in brackets of either width after a header: 金额(元), 账期（天）, 重量[kg].
_BRACKETED = re.compile(r"[(\[【][^()\[\]【】]*[)\]】]")


def normalise_header(text: str) -> str:
    """Compare headers loosely, as offices write them: full-width letters, digits and marks
    become half-width (NFKC), a unit in brackets is dropped (账期(天) is 账期), and case,
    spaces, asterisks (required marks) and colons do not matter."""
    text = unicodedata.normalize("NFKC", str(text))
    stripped = _BRACKETED.sub("", text)
    if re.sub(r"[\s*:]", "", stripped):  # a header that is all brackets keeps its words
        text = stripped
    return re.sub(r"[\s*:()\[\]【】_\-/]", "", text).lower()


# --------------------------------------------------------------------------- writing cells

#: What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection"): = + - @, and a
#: tab or carriage return before one of them.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# What an XLSX file cannot hold at all (openpyxl refuses the whole workbook otherwise): the C0
# controls other than tab, line feed and carriage return.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def csv_safe(value: str) -> str:
    """A text cell for a CSV a spreadsheet will open: one that could start a formula gets a
    leading apostrophe, so Excel and WPS show it as text instead of running it.

    Only text goes through here; amounts and counts are written as numbers (``-12.50`` stays
    a number). An import drops the apostrophe again (:func:`unquote_formula`).
    """
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def unquote_formula(value: Any) -> Any:
    """Undo :func:`csv_safe` on a cell read back: ``'=SUM(A1)`` is the text ``=SUM(A1)``."""
    if isinstance(value, str) and value.startswith("'") and value[1:2] in FORMULA_STARTS:
        return value[1:]
    return value


def xlsx_text(value: str) -> str:
    """A text as an XLSX cell can hold it: characters XML forbids become U+FFFD, so one stray
    control character in a name does not make the whole export fail."""
    return _XML_ILLEGAL.sub("\ufffd", value)


def xlsx_cell(sheet: Any, value: Any) -> Any:
    """An openpyxl write-only cell for ``value``; text is always stored as text (never as a
    formula, whatever it starts with)."""
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=xlsx_text(value))
        cell.data_type = "s"
        return cell
    return WriteOnlyCell(sheet, value=value)
