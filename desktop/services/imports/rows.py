"""Row-level machinery shared by every kind: reading a row's cells, the database look-ups,
the row errors and the error report, and the dry run's result types.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.errors import QT_TRANSLATE_NOOP, BatonError, Term, Translate, ValidationError
from desktop.models.customers import Customer
from desktop.models.staff import Employee
from desktop.services.context import Changes
from desktop.services.tabular import (
    MAX_CELL_PARSED,
    CellError,
    Table,
    as_text,
    csv_safe,
    is_blank,
    unquote_formula,
)
from desktop.services.validation import MULTILINE_FROM, hidden_character, plausible_date, printable
from desktop.storage.private import write_private


@dataclass(frozen=True)
class RowError:
    """One problem: the file row (header = row 1), the column, the value, and why."""

    row: int
    column: str
    value: str
    template: str
    params: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # What the file holds is shown back to a person (a report, a terminal): shortened, and
        # with its control characters spelled out instead of acting on the screen.
        object.__setattr__(self, "column", shown_value(self.column))
        object.__setattr__(self, "value", shown_value(self.value))
        if isinstance(self.params.get("value"), str):
            object.__setattr__(self, "params", {**self.params, "value": self.value})

    def reason(self, translate: Translate | None = None) -> str:
        text = translate("Errors", self.template) if translate else self.template
        params = self.params
        if translate is not None:  # a field named in the message, in the reader's language
            params = {
                k: translate(v.context, v) if isinstance(v, Term) else v for k, v in params.items()
            }
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return self.template.format(**self.params)


@dataclass(frozen=True)
class ImportPreview:
    """What a dry run found; ``ok`` when the file can be imported as it is."""

    kind: str
    file_name: str
    sha256: str
    encoding: str | None
    columns: list[tuple[str, str]]
    total_rows: int
    errors: list[RowError]
    sample: list[dict[str, Any]]
    will_create: dict[str, int]
    #: The file's row numbers of total rows (合计/小计/总计), skipped rather than imported.
    skipped_rows: tuple[int, ...] = ()
    #: The header's row number (below any title rows) and the sheet read.
    header_row: int = 1
    sheet: str | None = None
    #: Rows that would update a record already in the vault, and rows equal to one.
    will_update: int = 0
    unchanged: int = 0
    #: What each updating row changes: (row number, record's key, fields changed), in file
    #: order — the preview of a re-import (kinds that record it).
    updates: tuple[tuple[int, str, tuple[str, ...]], ...] = ()

    def header_of(self, field: str) -> str:
        """The file's header of a field (as the user knows the column), else the field."""
        return next((h for h, f in self.columns if f == field), field)

    @property
    def ok(self) -> bool:
        return not self.errors and self.total_rows > 0

    @property
    def rows_with_errors(self) -> int:
        return len({e.row for e in self.errors})


@dataclass(frozen=True)
class ImportResult:
    kind: str
    file_name: str
    inserted: dict[str, int]
    changes: Changes
    skipped_rows: tuple[int, ...] = ()


class ImportRejected(BatonError):
    """The file has errors; nothing was imported. ``preview`` holds the row-by-row report."""

    def __init__(self, preview: ImportPreview) -> None:
        self.preview = preview
        if preview.total_rows == 0 and not preview.errors:
            super().__init__(
                QT_TRANSLATE_NOOP("Errors", "The file has no data rows; nothing was imported.")
            )
        else:
            super().__init__(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "{rows} row(s) have errors ({count} problems); nothing was imported.",
                ),
                rows=preview.rows_with_errors,
                count=len(preview.errors),
            )


def check_report_path(path: Path) -> None:
    """Refuse a report path whose folder does not exist, before the import is checked."""
    if not path.parent.is_dir():
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "Errors", "Cannot write the report {file}: the folder {folder} does not exist."
            ),
            field="report",
            file=path.name,
            folder=str(path.parent),
        )


#: The report's column headers (translated with the reasons when a translator is given).
REPORT_HEADERS = (
    QT_TRANSLATE_NOOP("ImportReport", "row"),
    QT_TRANSLATE_NOOP("ImportReport", "column"),
    QT_TRANSLATE_NOOP("ImportReport", "value"),
    QT_TRANSLATE_NOOP("ImportReport", "reason"),
)


def write_error_report(
    errors: Iterable[RowError], path: Path, translate: Translate | None = None
) -> None:
    """The row-by-row report as CSV (UTF-8 with BOM, so Excel opens it correctly).

    The values are the file's own, so each text cell is neutralised as for any CSV a
    spreadsheet opens (:func:`~desktop.services.tabular.csv_safe`): a cell that was a formula
    attack in the import is not run when the report is opened.
    """
    path = Path(path)
    check_report_path(path)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow([translate("ImportReport", h) if translate else h for h in REPORT_HEADERS])
    for e in errors:
        reason = e.reason(translate)
        writer.writerow([e.row, csv_safe(e.column), csv_safe(e.value), csv_safe(reason)])
    try:
        # Owner-only and whole or not at all: the report repeats the file's personal data.
        write_private(path, buffer.getvalue().encode("utf-8-sig"))
    except OSError as exc:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "Cannot write the report {file}: {error}"),
            field="report",
            file=path.name,
            error=exc.strerror or str(exc),
        ) from exc


class Lookups:
    """The database's employees and customers, loaded once per import, by number and name."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.employee_by_no: dict[str, int] = {}
        self.employee_status: dict[int, str] = {}
        names: dict[str, list[int]] = defaultdict(list)
        for id_, no, name, status in session.execute(
            select(Employee.id, Employee.employee_no, Employee.name, Employee.status)
        ):
            self.employee_by_no[no] = id_
            names[name].append(id_)
            self.employee_status[id_] = status
        self.employee_by_name = dict(names)
        self.customer_by_code: dict[str, int] = {}
        cnames: dict[str, list[int]] = defaultdict(list)
        for id_, code, name in session.execute(select(Customer.id, Customer.code, Customer.name)):
            self.customer_by_code[code] = id_
            cnames[name].append(id_)
        self.customer_by_name = dict(cnames)

    def employee(self, text: str) -> tuple[int | None, tuple[str, dict[str, Any]] | None]:
        """(id, None) by employee number, else by a name only one person has; or (None, why)."""
        if text in self.employee_by_no:
            return self.employee_by_no[text], None
        ids = self.employee_by_name.get(text, [])
        if len(ids) == 1:
            return ids[0], None
        if ids:
            return None, (
                QT_TRANSLATE_NOOP(
                    "Errors", "{count} employees are named {value}: use the employee number"
                ),
                {"count": len(ids)},
            )
        return None, (QT_TRANSLATE_NOOP("Errors", "no employee with this number or name"), {})

    def customer(self, text: str) -> tuple[int | None, tuple[str, dict[str, Any]] | None]:
        if text in self.customer_by_code:
            return self.customer_by_code[text], None
        ids = self.customer_by_name.get(text, [])
        if len(ids) == 1:
            return ids[0], None
        if ids:
            return None, (
                QT_TRANSLATE_NOOP(
                    "Errors", "{count} customers are named {value}: use the customer code"
                ),
                {"count": len(ids)},
            )
        return None, (QT_TRANSLATE_NOOP("Errors", "no customer with this code or name"), {})


class RowReader:
    """Reads one row's cells by field name and collects its errors."""

    def __init__(
        self,
        row_number: int,
        cells: dict[str, Any],
        headers: dict[str, str],
        lines: tuple[int, int] | None = None,
        today: date | None = None,
    ) -> None:
        self.row = row_number
        self.cells = cells
        self.headers = headers
        self.errors: list[RowError] = []
        #: The CSV lines this row spans (first, last), to name them when a quote joined rows.
        self.lines = lines
        self.today = today

    def raw(self, name: str) -> Any:
        return self.cells.get(name)

    def fail(self, name: str, template: str, **params: Any) -> None:
        value = as_text(self.cells.get(name))
        error = RowError(
            self.row, self.headers.get(name, name), value, template, {"value": value, **params}
        )
        if error not in self.errors:  # a planner may read a cell twice
            self.errors.append(error)

    def text(self, name: str, required: bool = False, max_len: int = 200) -> str | None:
        value = self.cells.get(name)
        if is_blank(value):
            if required:
                self.fail(name, QT_TRANSLATE_NOOP("Errors", "a value is required"))
            return None
        text = as_text(value)
        if len(text) > max_len:
            self.fail(
                name, QT_TRANSLATE_NOOP("Errors", "longer than {max} characters"), max=max_len
            )
            return None
        if not self._characters_ok(name, text, multiline=max_len >= MULTILINE_FROM):
            return None
        return text

    def parsed(self, name: str, parser: Callable[[Any], Any], required: bool = False) -> Any:
        value = self.cells.get(name)
        if is_blank(value):
            if required:
                self.fail(name, QT_TRANSLATE_NOOP("Errors", "a value is required"))
            return None
        if isinstance(value, str):
            if len(value) > MAX_CELL_PARSED:
                self.fail(
                    name,
                    QT_TRANSLATE_NOOP("Errors", "longer than {max} characters"),
                    max=MAX_CELL_PARSED,
                )
                return None
            if not self._characters_ok(name, value.strip(), multiline=False):
                return None
        try:
            result = parser(value)
        except CellError as exc:
            self.fail(name, exc.template, **exc.params)
            return None
        if isinstance(result, date) and not isinstance(result, datetime):
            try:
                plausible_date(result, name, self.today)
            except ValidationError as exc:
                self.fail(
                    name,
                    QT_TRANSLATE_NOOP(
                        "Errors",
                        "not a plausible date: dates from {earliest} to {latest} are accepted",
                    ),
                    earliest=exc.params["earliest"],
                    latest=exc.params["latest"],
                )
                return None
        return result

    def _characters_ok(self, name: str, text: str, multiline: bool) -> bool:
        """False (and a row error) when the cell holds a control or invisible character, or a
        line break where one line is expected — in a CSV the mark of a quote left open."""
        found = hidden_character(text, multiline)
        if found is None:
            return True
        position, char = found
        line_break = text[position - 1] in "\r\n"
        if line_break and self.lines is not None and self.lines[0] != self.lines[1]:
            self.fail(
                name,
                QT_TRANSLATE_NOOP(
                    "Errors",
                    'this cell runs over lines {first} to {last} of the file: a quote (") left '
                    "open has probably joined rows; close the quote or remove it",
                ),
                first=self.lines[0],
                last=self.lines[1],
            )
        elif line_break or text[position - 1] == "\t":
            self.fail(
                name,
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "a line break or tab ({char}) at position {position}: must be one line",
                ),
                char=char,
                position=position,
            )
        else:
            self.fail(
                name,
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "an invisible or control character ({char}) at position {position}: retype "
                    "the value without it",
                ),
                char=char,
                position=position,
            )
        return False


class _Readers:
    """The file's rows as RowReaders, made afresh on each pass and dropped once read: a
    planner may look twice (to look up only the numbers the file names), and 100,000 readers
    held at once would double an import's memory."""

    def __init__(self, table: Table, mapping: dict[int, str], today: date | None = None) -> None:
        self.table = table
        self.mapping = mapping
        self.headers = {name: table.headers[i] for i, name in mapping.items()}
        self.today = today

    def __iter__(self) -> Iterator[RowReader]:
        mapping = self.mapping.items()
        lines = self.table.lines
        width = len(self.table.headers)
        skipped = set(self.table.skipped)
        for offset, raw in enumerate(self.table.rows):
            if offset in skipped:
                continue  # a total row (合计): reported as skipped, not read
            cells = {name: unquote_formula(raw[i]) if i < len(raw) else None for i, name in mapping}
            reader = RowReader(
                self.table.row_number(offset),
                cells,
                self.headers,
                lines[offset] if lines else None,
                self.today,
            )
            extra = [c for c in raw[width:] if not is_blank(c)]
            if extra:
                # Cells beyond the header would be dropped unread: a delimiter inside an
                # unquoted cell, or a quote that joined two rows, shifted them there.
                reader.errors.append(_extra_cells(reader, as_text(extra[0]), len(raw), width))
            yield reader


def _extra_cells(reader: RowReader, value: str, cells: int, columns: int) -> RowError:
    if reader.lines is None:
        return RowError(
            reader.row,
            "",
            value,
            QT_TRANSLATE_NOOP(
                "Errors",
                "this row has {cells} cells but the header only {columns}: a comma or a quote "
                "inside a cell has probably split or joined cells",
            ),
            {"cells": cells, "columns": columns},
        )
    first, last = reader.lines
    if first == last:
        return RowError(
            reader.row,
            "",
            value,
            QT_TRANSLATE_NOOP(
                "Errors",
                "this row (line {line} of the file) has {cells} cells but the header only "
                "{columns}: a comma or a quote inside a cell has probably split or joined cells",
            ),
            {"cells": cells, "columns": columns, "line": first},
        )
    return RowError(
        reader.row,
        "",
        value,
        QT_TRANSLATE_NOOP(
            "Errors",
            "this row (lines {first} to {last} of the file) has {cells} cells but the header "
            "only {columns}: a comma or a quote inside a cell has probably split or joined cells",
        ),
        {"cells": cells, "columns": columns, "first": first, "last": last},
    )


def shown_value(text: str, limit: int = 200) -> str:
    """A cell's text as a report shows it: at most ``limit`` characters, controls spelled out."""
    if len(text) > limit:
        text = text[: limit // 2] + f"… ({len(text):,} characters)"
    return printable(text)
