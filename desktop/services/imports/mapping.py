"""Matching a file's headers to a kind's fields, and the CLI's JSON mapping files."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.errors import QT_TRANSLATE_NOOP, ValidationError
from desktop.services.imports.fields import FIELDS, IGNORE, KINDS, field_names
from desktop.services.imports.rows import RowError
from desktop.services.tabular import normalise_header


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
        if target is None:
            errors.append(
                RowError(
                    1,
                    header,
                    header,
                    QT_TRANSLATE_NOOP(
                        "Errors",
                        "unknown column {column}: map it to a field or to 'ignore'",
                    ),
                    {"column": header},
                )
            )
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
                    {"field": target},
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
                    {"column": f"{spec.headers[0]} / {spec.name}"},
                )
            )
    return mapping, errors


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
