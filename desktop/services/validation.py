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
        if born is None or born.year < 1900:
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
    value = normalize(text)
    if len(value) > 128 or not _EMAIL.match(value):
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "The e-mail address {value} does not look right."),
            field="email",
            value=text.strip(),
        )
    return value


# --------------------------------------------------------------------------- plain values


def required_text(value: str | None, field: str, max_length: int, missing: str) -> str:
    """A trimmed, non-empty text of at most ``max_length`` characters.

    ``missing`` is the caller's translatable message for a blank value ("Enter the name.").
    """
    clean = (value or "").strip()
    if not clean:
        raise ValidationError(missing, field=field)
    if len(clean) > max_length:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "“{value}” is too long: at most {max} characters."),
            field=field,
            value=clean[:20] + "…",
            max=max_length,
        )
    return clean


def optional_text(value: str | None, field: str, max_length: int) -> str | None:
    """A trimmed text of at most ``max_length`` characters, or None when blank."""
    clean = (value or "").strip()
    if not clean:
        return None
    return required_text(clean, field, max_length, "")


def money(value: Decimal | int | str | None, field: str, *, positive: bool = False) -> Decimal:
    """An amount in CNY rounded to the fen; never negative (and never zero if ``positive``).

    Floats are refused: they cannot hold 0.10 exactly.
    """
    try:
        if value is None or isinstance(value, float):
            raise TypeError
        amount = to_money(value)
        if not amount.is_finite():
            raise ValueError
    except (InvalidOperation, ValueError, TypeError):
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "“{value}” is not an amount in yuan."),
            field=field,
            value=str(value),
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
