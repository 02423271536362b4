"""Matching a file's headers to a kind's fields, and the CLI's JSON mapping files."""

from __future__ import annotations

import difflib
import hashlib
import json
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.errors import QT_TRANSLATE_NOOP, ValidationError
from desktop.models.organisation import BusinessSetting
from desktop.services.imports.field_terms import field_term
from desktop.services.imports.fields import (
    FIELDS,
    IGNORE,
    KINDS,
    ROW_NUMBER_HEADERS,
    TOTAL_MARKS,
    field_names,
)
from desktop.services.imports.rows import RowError
from desktop.services.tabular import Table, as_text, is_blank, normalise_header


def map_columns(
    kind: str, headers: list[str], override: dict[str, str] | None = None
) -> tuple[dict[int, str], list[RowError]]:
    """Match each header to a field; unknown or doubled columns and missing fields are errors."""
    if kind not in FIELDS:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "Unknown import kind {kind}: choose one of {kinds}."),
            kind=kind,
            kinds=", ".join(KINDS),
        )
    specs = FIELDS[kind]
    by_header: dict[str, str] = {}
    for spec in specs:
        for header in (spec.name, *spec.headers):
            by_header.setdefault(normalise_header(header), spec.name)
    override = {normalise_header(k): v for k, v in (override or {}).items()}
    # Lazy: the exports module builds its columns from FIELDS. Columns that Baton's own exports
    # add for reading (a name next to a code, a balance) are skipped, so an exported file can
    # be edited and imported back as it is.
    from desktop.services.exports import export_only_headers

    skipped = {normalise_header(h) for h in export_only_headers(kind)}
    valid = set(field_names(kind)) | {IGNORE}
    row_numbers = {normalise_header(h) for h in ROW_NUMBER_HEADERS}
    mapping: dict[int, str] = {}
    errors: list[RowError] = []
    for index, header in enumerate(headers):
        key = normalise_header(header)
        if not key:
            continue
        target = override.get(key) or by_header.get(key)
        if target is None and key in skipped:
            continue
        if target is not None and target not in valid:
            errors.append(
                RowError(
                    1,
                    header,
                    target,
                    QT_TRANSLATE_NOOP("Errors", "the mapping names an unknown field {field}"),
                    {"field": target},
                )
            )
            continue
        if target is None and key in row_numbers:
            continue  # 序号: the rows' numbers in the file, not a record's field
        if target is None:
            errors.append(unknown_column(kind, header))
            continue
        if target == IGNORE:
            continue
        if target in mapping.values():
            errors.append(
                RowError(
                    1,
                    header,
                    header,
                    QT_TRANSLATE_NOOP("Errors", "a second column for the field {field}"),
                    {"field": field_term(kind, target)},
                )
            )
            continue
        mapping[index] = target
    for spec in specs:
        if spec.required and spec.name not in mapping.values():
            errors.append(
                RowError(
                    1,
                    spec.headers[0],
                    "",
                    QT_TRANSLATE_NOOP("Errors", "the required column {column} is missing"),
                    {"column": field_term(kind, spec.name), "field": spec.name},
                )
            )
    return mapping, errors


def _header_table(kind: str) -> dict[str, str]:
    """Every known header of ``kind``, normalised, to its field."""
    table: dict[str, str] = {}
    for spec in FIELDS[kind]:
        for header in (spec.name, *spec.headers):
            table.setdefault(normalise_header(header), spec.name)
    return table


def suggest_field(kind: str, header: str) -> str | None:
    """The field whose known headers are closest to an unknown ``header`` (difflib), so a
    refusal can say what was probably meant; None when nothing is close."""
    table = _header_table(kind)
    key = normalise_header(header)
    if not key:
        return None
    close = difflib.get_close_matches(key, list(table), n=1, cutoff=0.5)
    if close:
        return table[close[0]]
    # A known header inside the unknown one (客户经理手机 holds 手机): the longest such.
    inside = sorted((h for h in table if len(h) >= 2 and h in key), key=len, reverse=True)
    return table[inside[0]] if inside else None


def unknown_column(kind: str, header: str) -> RowError:
    """The refusal of a header no field knows, naming the closest field when there is one."""
    suggestion = suggest_field(kind, header)
    if suggestion is None:
        return RowError(
            1,
            header,
            header,
            QT_TRANSLATE_NOOP(
                "Errors",
                "unknown column {column}: map it to a field or to 'ignore'",
            ),
            {"column": header, "suggestion": IGNORE},
        )
    return RowError(
        1,
        header,
        header,
        QT_TRANSLATE_NOOP(
            "Errors",
            "unknown column {column}: probably the field {field}; map it to that field or to "
            "'ignore'",
        ),
        {"column": header, "field": field_term(kind, suggestion), "suggestion": suggestion},
    )


def mapping_line(error: RowError) -> str | None:
    """The line of a ``--mapping`` JSON file that would settle an unknown-column error."""
    suggestion = error.params.get("suggestion")
    if suggestion is None:
        return None
    return json.dumps({error.params["column"]: suggestion}, ensure_ascii=False)[1:-1]


#: How far down a title block may push the header.
HEADER_SEARCH_ROWS = 15


def find_header(kind: str, table: Table) -> Table:
    """The table read from its real header row: the row among the first few that names the
    most known columns (a title such as 员工花名册 or a date line above it names none), with
    its total rows (合计/小计/总计) marked as skipped."""
    known = set(_header_table(kind)) | {normalise_header(h) for h in ROW_NUMBER_HEADERS}

    def score(cells: list[object]) -> int:
        return sum(1 for c in cells if not is_blank(c) and normalise_header(as_text(c)) in known)

    best, best_score = 0, score(list(table.headers))
    for index, row in enumerate(table.rows[: HEADER_SEARCH_ROWS - 1], start=1):
        points = score(row)
        if points > best_score:
            best, best_score = index, points
    found = table.from_header(best)
    marks = {normalise_header(m) for m in TOTAL_MARKS}
    skipped = tuple(
        offset
        for offset, row in enumerate(found.rows)
        # The first filled cell only: a customer named "Total" further along is a record.
        if normalise_header(as_text(next((c for c in row if not is_blank(c)), ""))) in marks
    )
    return replace(found, skipped=skipped)


def load_mapping(path: Path) -> dict[str, str]:
    """A mapping file for the CLI: JSON {"header in the file": "field name or ignore"}."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "{file} is not a JSON mapping file."), file=path.name
        ) from exc
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items()
    ):
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "{file} is not a JSON mapping file."), file=path.name
        )
    return data


#: Where a confirmed mapping is kept: a business setting per kind and set of headers.
REMEMBERED_PREFIX = "import_mapping."


def mapping_key(kind: str, headers: list[str]) -> str:
    """The key of a file's shape: its kind and its headers as matched (order kept)."""
    shape = "\x1f".join([kind, *(normalise_header(h) for h in headers)])
    return REMEMBERED_PREFIX + hashlib.sha256(shape.encode("utf-8")).hexdigest()[:40]


def remembered_in(session: Session, kind: str, headers: list[str]) -> dict[str, str] | None:
    """The mapping last confirmed for a file with these headers, if any."""
    raw = session.scalar(
        select(BusinessSetting.value).where(BusinessSetting.key == mapping_key(kind, headers))
    )
    if raw is None:
        return None
    try:
        data = json.loads(raw)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def remember_in(
    session: Session, kind: str, headers: list[str], mapping: dict[str, str], now: datetime
) -> None:
    """Keep a mapping that an import went through with, for the next file of this shape."""
    key = mapping_key(kind, headers)
    value = json.dumps(mapping, ensure_ascii=False, sort_keys=True)
    found = session.get(BusinessSetting, key)
    if found is None:
        session.add(BusinessSetting(key=key, value=value, created_at=now, updated_at=now))
    elif found.value != value:
        found.value = value
        found.updated_at = now
