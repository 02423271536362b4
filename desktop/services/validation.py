"""Checks for the identifiers and small values people type: credit codes, ID numbers, phones.

Each ``validate_*`` function returns the cleaned value or raises :class:`ValidationError` whose
message names the value at fault, so a form or an import report can show it next to the input.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import ParamSpec, TypeVar

from desktop.errors import QT_TRANSLATE_NOOP, ValidationError, ValidationErrors
from desktop.models.types import to_money

# GB 32100-2015: the 31 characters a unified social credit code may use (no I, O, Z, S, V),
# in the order that gives each its value 0..30.
CREDIT_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

# GB 11643-1999: weights of the 17 body digits of a resident ID number and the check characters.
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"

_SPACES = re.compile(r"\s+")
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")
_SERVICE = re.compile(r"^(400|800)-?\d{3}-?\d{4}$")
_INTERNATIONAL = re.compile(r"^\+\d{7,15}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_OTHER_DOCUMENT = re.compile(r"^[A-Z0-9]{5,32}$")


def normalize(text: str) -> str:
    """Fold full-width characters (common with Chinese input methods) and drop all spaces."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text))


# --------------------------------------------------------------------------- credit codes


def credit_code_check_char(body: str) -> str:
    """The 18th character of a unified social credit code whose first 17 are ``body``."""
    total = sum(
        CREDIT_CODE_CHARS.index(ch) * w for ch, w in zip(body, CREDIT_CODE_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_CHARS[(31 - total % 31) % 31]


def validate_credit_code(text: str) -> str:
    """Check a unified social credit code (统一社会信用代码, GB 32100-2015); return it cleaned.

    Why: a mistyped code silently splits one company into two customers, and the code is how a
    customer is recognised when it moves with a departing salesperson.
    """
    code = normalize(text).upper()
    if len(code) != 18:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "The unified social credit code {value} must have 18 characters (it has {length}).",
            ),
            field="credit_code",
            value=text.strip(),
            length=len(code),
        )
    bad = [ch for ch in code if ch not in CREDIT_CODE_CHARS]
    if bad:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "The unified social credit code {value} contains {char}, which such codes never "
                "use (not allowed: I, O, S, V, Z and punctuation).",
            ),
            field="credit_code",
            value=code,
            char=bad[0],
        )
    if not code[2:8].isdigit():
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "The unified social credit code {value} must have a 6-digit region code in "
                "positions 3 to 8.",
            ),
            field="credit_code",
            value=code,
        )
    expected = credit_code_check_char(code[:17])
    if code[17] != expected:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "The unified social credit code {value} is not valid: its last character should "
                "be {expected}, not {found}. Check it for a typing error.",
            ),
            field="credit_code",
            value=code,
            expected=expected,
            found=code[17],
        )
    return code


# --------------------------------------------------------------------------- ID numbers


def id_check_char(body: str) -> str:
    """The 18th character of a resident ID number whose first 17 digits are ``body``."""
    total = sum(int(ch) * w for ch, w in zip(body, ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11]


def validate_id_number(text: str) -> str:
    """Check an ID document number; return it cleaned (upper case, no spaces).

    An 18-character number made of digits (and a final X) is a mainland resident ID (also the
    format of residence permits for Hong Kong, Macao and Taiwan residents and of the new
    permanent residence card), so its birth date and check digit must be right; other
    documents (passports, older permits) are accepted as 5-32 letters and digits.
    """
    value = normalize(text).upper()
    if len(value) == 18 and value[:17].isdigit() and (value[17].isdigit() or value[17] == "X"):
        try:
            born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
        except ValueError:
            born = None
        if born is None or born.year < 1900 or born > date.today():
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "The ID number {value} has no valid birth date."),
                field="id_number",
                value=mask_id_number(value),
            )
        expected = id_check_char(value[:17])
        if value[17] != expected:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "The ID number {value} is not valid: its last character should be "
                    "{expected}. Check it for a typing error.",
                ),
                field="id_number",
                value=mask_id_number(value),
                expected=expected,
            )
        return value
    if not _OTHER_DOCUMENT.match(value):
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "The ID number must be an 18-character resident ID or another document number "
                "of 5 to 32 letters and digits.",
            ),
            field="id_number",
        )
    return value


def mask_id_number(value: str | None) -> str | None:
    """Hide the middle of an ID number (first 3 and last 4 characters stay visible).

    Why: PIPL treats ID numbers as sensitive personal data; only HR and administrators see
    them whole, and error messages never repeat one in full.
    """
    if value is None:
        return None
    if len(value) <= 8:
        return "*" * max(len(value) - 2, 0) + value[-2:]
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


# --------------------------------------------------------------------------- contacts


def validate_phone(text: str) -> str:
    """Check a phone number is plausible (mainland mobile, landline, 400/800 or +international).

    Why: a handover lists who to call; a number that cannot be dialled is a hole in it.
    Returns the number without spaces, with a leading +86/0086 on mobiles removed.
    """
    check_characters(text.strip(), "phone")
    value = normalize(text).replace("(", "").replace(")", "")
    mobile = re.sub(r"^(\+86|0086)-?", "", value)
    if _MOBILE.match(mobile):
        return mobile
    if _LANDLINE.match(value) or _SERVICE.match(value) or _INTERNATIONAL.match(value):
        return value
    raise ValidationError(
        QT_TRANSLATE_NOOP(
            "Errors",
            "The phone number {value} does not look right: enter an 11-digit mobile number, a "
            "landline with its area code (e.g. 021-12345678) or +country code and number.",
        ),
        field="phone",
        value=text.strip(),
    )


def validate_email(text: str) -> str:
    """Check an e-mail address has the shape name@domain.tld."""
    check_characters(text.strip(), "email")
    value = normalize(text)
    if len(value) > 128 or not _EMAIL.match(value):
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "The e-mail address {value} does not look right."),
            field="email",
            value=text.strip(),
        )
    return value


# --------------------------------------------------------------------------- plain values


#: Texts allowed this long or longer are free text (notes, comments, a clause's body): they may
#: hold line breaks and tabs. Shorter ones (names, codes, phones, places) are one line.
MULTILINE_FROM = 1000

# Characters no one types into a name or a note and that change what a screen, a terminal or
# a spreadsheet shows: C0/C1 controls (NUL, ESC of terminal escapes), DEL, and the invisible
# format characters (zero-width spaces and joiners, bidi overrides and isolates, BOM), line
# and paragraph separators, surrogates and private-use characters.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Zl", "Zp"})
_LINE_BREAKS = frozenset("\n\r\t")
# Ranges that hold none of those characters (tests/services/test_validation.py checks it):
# ASCII, Latin, Greek, Cyrillic…, punctuation, CJK and Hangul, full-width forms.
_PLAIN = re.compile(
    "[\x20-\x7e\u00a0-\u00ac\u00ae-\u05ff\u2010-\u2027\u2030-\u205f\u2070-\u2fff"
    "\u3000-\ud7ff\uf900-\ufefe\uff00-\ufff8]*"
)


def hidden_character(text: str, multiline: bool = False) -> tuple[int, str] | None:
    """The first control or invisible character in ``text`` as (1-based position, "U+XXXX"),
    or None. Line breaks and tabs count only when ``multiline`` is false."""
    if _PLAIN.fullmatch(text):  # the common case, without a look at each character
        return None
    for position, ch in enumerate(text, start=1):
        if multiline and ch in _LINE_BREAKS:
            continue
        if unicodedata.category(ch) in _HIDDEN_CATEGORIES:
            return position, f"U+{ord(ch):04X}"
    return None


MSG_HIDDEN_CHARACTER = QT_TRANSLATE_NOOP(
    "Errors",
    "The text contains an invisible or control character ({char}) at position {position}: "
    "retype it without that character.",
)
MSG_LINE_BREAK = QT_TRANSLATE_NOOP(
    "Errors",
    "The text contains a line break or a tab ({char}) at position {position}; it must be one line.",
)


def check_characters(text: str, field: str | None, multiline: bool = False) -> str:
    """Refuse control characters (NUL, ESC…), zero-width and bidi-override characters.

    Why: they make one name look like another, hide text, drive a terminal that prints the
    name, or break the XLSX files the name is exported to. Returns ``text`` unchanged.
    """
    found = hidden_character(text, multiline)
    if found is not None:
        position, char = found
        line_break = text[position - 1] in _LINE_BREAKS
        raise ValidationError(
            MSG_LINE_BREAK if line_break else MSG_HIDDEN_CHARACTER,
            field=field,
            char=char,
            position=position,
        )
    return text


def required_text(
    value: str | None,
    field: str,
    max_length: int,
    missing: str,
    multiline: bool | None = None,
) -> str:
    """A trimmed, non-empty text of at most ``max_length`` characters, without control or
    invisible characters (line breaks only in free text: ``multiline``, by default for texts
    of :data:`MULTILINE_FROM` characters or more).

    ``missing`` is the caller's translatable message for a blank value ("Enter the name.").
    """
    clean = (value or "").strip()
    if not clean:
        raise ValidationError(missing, field=field)
    if len(clean) > max_length:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "“{value}” is too long: at most {max} characters."),
            field=field,
            value=printable(clean[:20]) + "…",
            max=max_length,
        )
    if multiline is None:
        multiline = max_length >= MULTILINE_FROM
    return check_characters(clean, field, multiline)


def optional_text(
    value: str | None, field: str, max_length: int, multiline: bool | None = None
) -> str | None:
    """A trimmed text of at most ``max_length`` characters, or None when blank."""
    clean = (value or "").strip()
    if not clean:
        return None
    return required_text(clean, field, max_length, "", multiline)


def printable(text: str) -> str:
    """``text`` safe to repeat in a message: control and invisible characters as U+XXXX."""
    return "".join(
        f"<U+{ord(ch):04X}>" if unicodedata.category(ch) in _HIDDEN_CATEGORIES else ch
        for ch in text
    )


# --------------------------------------------------------------------------- dates

#: The first day Baton accepts for a business date (an order, an invoice, a hire, a payment).
EARLIEST_DATE = date(1950, 1, 1)
#: How far ahead a business date may lie: a due date, a planned last working day.
FUTURE_YEARS = 10


def latest_date(today: date) -> date:
    """The last business date accepted when it is ``today``."""
    try:
        return today.replace(year=today.year + FUTURE_YEARS)
    except ValueError:  # 29 February
        return today.replace(year=today.year + FUTURE_YEARS, day=28)


MSG_IMPLAUSIBLE_DATE = QT_TRANSLATE_NOOP(
    "Errors",
    "The date {value} is not plausible: dates from {earliest} to {latest} are accepted.",
)


def plausible_date(day: date, field: str | None, today: date | None = None) -> date:
    """Refuse a business date before 1950 or more than ten years ahead.

    Why: 1899 (Excel's day zero), 2999 and 9999 are typing or conversion accidents; stored,
    they put a customer's debt a thousand years overdue or a departure in the far future.
    """
    latest = latest_date(today or date.today())
    if not EARLIEST_DATE <= day <= latest:
        raise ValidationError(
            MSG_IMPLAUSIBLE_DATE,
            field=field,
            value=day.isoformat(),
            earliest=EARLIEST_DATE.isoformat(),
            latest=latest.isoformat(),
        )
    return day


def optional_date(day: date | None, field: str | None, today: date | None = None) -> date | None:
    """:func:`plausible_date` for a date that may be left empty."""
    return None if day is None else plausible_date(day, field, today)


def money(value: Decimal | int | str | None, field: str, *, positive: bool = False) -> Decimal:
    """An amount in CNY rounded to the fen; never negative (and never zero if ``positive``).

    Floats are refused: they cannot hold 0.10 exactly.
    """
    try:
        if value is None or isinstance(value, float):
            raise TypeError
        exact = Decimal(value)
        if exact.is_finite() and exact.copy_abs() >= MAX_AMOUNT:
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "The amount {value} is too large."),
                field=field,
                value=printable(str(value)[:40]),
            )
        amount = to_money(exact)
        if not amount.is_finite():
            raise ValueError
    except (InvalidOperation, ValueError, TypeError):
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "“{value}” is not an amount in yuan."),
            field=field,
            value=printable(str(value)[:40]),
        ) from None
    if amount < 0 or (positive and amount == 0):
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "The amount {value} must be greater than zero.")
            if positive
            else QT_TRANSLATE_NOOP("Errors", "The amount {value} cannot be negative."),
            field=field,
            value=str(amount),
        )
    if amount >= MAX_AMOUNT:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "The amount {value} is too large."),
            field=field,
            value=str(amount),
        )
    return amount


#: Money columns hold integer fen in a 64-bit integer; this bound leaves ample headroom.
MAX_AMOUNT = Decimal("100000000000")

#: A search is a few words a person types; longer ones are refused before they reach the SQL
#: (SQLite refuses LIKE patterns beyond 50,000 bytes, and every word adds a condition).
MAX_SEARCH_LENGTH = 200
MAX_SEARCH_TERMS = 20


def search_text(text: str) -> str:
    """A search as typed, trimmed; refused when too long to be a search."""
    clean = (text or "").strip()
    if len(clean) > MAX_SEARCH_LENGTH or len(clean.split()) > MAX_SEARCH_TERMS:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "The search is too long: at most {max} characters and {terms} words.",
            ),
            field="search",
            max=MAX_SEARCH_LENGTH,
            terms=MAX_SEARCH_TERMS,
        )
    return clean


P = ParamSpec("P")
T = TypeVar("T")


class Problems:
    """Gathers every validation failure of one input so a form can show them all at once."""

    def __init__(self) -> None:
        self.errors: list[ValidationError] = []

    def add(self, error: ValidationError) -> None:
        self.errors.append(error)

    def check(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T | None:
        """Run one validator; on failure remember its error and return None."""
        try:
            return fn(*args, **kwargs)
        except ValidationError as exc:
            self.errors.append(exc)
            return None

    def raise_if_any(self) -> None:
        if len(self.errors) == 1:
            raise self.errors[0]
        if self.errors:
            raise ValidationErrors(self.errors)
