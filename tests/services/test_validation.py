"""Identifier checks: credit codes (GB 32100), ID numbers (GB 11643), masking, phones."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.errors import ValidationError
from desktop.services.validation import (
    CREDIT_CODE_CHARS,
    credit_code_check_char,
    id_check_char,
    mask_id_number,
    money,
    validate_credit_code,
    validate_email,
    validate_id_number,
    validate_phone,
)

# Published example codes whose check characters are right.
VALID_CODES = ["91350100M000100Y43", "91110000600037341L"]


@pytest.mark.parametrize("code", VALID_CODES)
def test_valid_credit_codes_pass(code):
    assert validate_credit_code(code) == code


def test_credit_code_is_cleaned_of_spaces_case_and_full_width():
    assert validate_credit_code(" 91350100m000100y43 ") == "91350100M000100Y43"
    assert validate_credit_code("９１３５０１００Ｍ０００１００Ｙ４３") == "91350100M000100Y43"
    assert validate_credit_code("9135 0100 M000 100Y 43") == "91350100M000100Y43"


def test_check_character_computed_by_hand():
    # 91350100M000100Y4 with weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28
    # (M = 21, Y = 30): 9 + 3 + 27 + 135 + 26 + 21·20 + 8 + 30·30 + 4·28 = 1640;
    # 1640 mod 31 = 28; 31 − 28 = 3 → the 18th character is "3".
    assert credit_code_check_char("91350100M000100Y4") == "3"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("91350100M000100Y4", "18 characters"),
        ("91350100M000100Y433", "18 characters"),
        ("91350100M000100Y44", "should be 3, not 4"),
        ("91350100M0001O0Y43", "contains O"),
        ("9135010AM000100Y43", "region code"),
        ("91350100M000-00Y43", "contains -"),
    ],
)
def test_bad_credit_codes_are_refused_naming_the_value(text, fragment):
    with pytest.raises(ValidationError) as err:
        validate_credit_code(text)
    assert fragment in err.value.message()
    assert err.value.field == "credit_code"
    assert text[:8] in err.value.message()


@given(
    st.text(alphabet=CREDIT_CODE_CHARS, min_size=17, max_size=17).filter(lambda b: b[2:8].isdigit())
)
def test_every_body_with_its_check_char_validates_and_any_other_char_fails(body):
    check = credit_code_check_char(body)
    assert validate_credit_code(body + check) == body + check
    wrong = CREDIT_CODE_CHARS[(CREDIT_CODE_CHARS.index(check) + 1) % 31]
    with pytest.raises(ValidationError):
        validate_credit_code(body + wrong)


def test_resident_id_numbers():
    # The example of GB 11643-1999.
    assert id_check_char("11010519491231002") == "X"
    assert validate_id_number("11010519491231002x") == "11010519491231002X"
    with pytest.raises(ValidationError, match="last character should be X"):
        validate_id_number("110105194912310021")
    with pytest.raises(ValidationError, match="birth date"):
        validate_id_number("110105194913310021")
    # Passports and other documents are accepted by shape.
    assert validate_id_number("E12345678") == "E12345678"
    with pytest.raises(ValidationError):
        validate_id_number("12")


def test_id_number_errors_never_repeat_the_number_whole():
    with pytest.raises(ValidationError) as err:
        validate_id_number("110105194912310021")
    assert "110105194912310021" not in err.value.message()
    assert "110***********0021" in err.value.message()


def test_masking_keeps_length_and_ends_only():
    assert mask_id_number("11010519491231002X") == "110***********002X"
    assert mask_id_number("E1234567") == "******67"
    assert mask_id_number(None) is None


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("138 0013 8000", "13800138000"),
        ("+86 13800138000", "13800138000"),
        ("021-12345678", "021-12345678"),
        ("0755-1234567-801", "0755-1234567-801"),
        ("400-820-8820", "400-820-8820"),
        ("+85221234567", "+85221234567"),
    ],
)
def test_plausible_phones(text, clean):
    assert validate_phone(text) == clean


@pytest.mark.parametrize("text", ["12345", "1380013800", "23800138000", "phone", "021-123"])
def test_implausible_phones(text):
    with pytest.raises(ValidationError, match="does not look right"):
        validate_phone(text)


def test_email_and_money():
    assert validate_email("a.b@example.cn") == "a.b@example.cn"
    with pytest.raises(ValidationError):
        validate_email("a@b")
    assert money("1,234.505".replace(",", ""), "x") == Decimal("1234.51")
    assert money(Decimal("0.005"), "x") == Decimal("0.01")
    with pytest.raises(ValidationError):
        money(1.5, "x")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="cannot be negative"):
        money("-1", "x")
    with pytest.raises(ValidationError, match="greater than zero"):
        money("0", "x", positive=True)
    with pytest.raises(ValidationError, match="not an amount"):
        money("abc", "x")


def test_the_fast_path_of_hidden_characters_lets_none_through():
    """Every character the quick range check accepts is one the slow check would accept."""
    import unicodedata

    from desktop.services.validation import _HIDDEN_CATEGORIES, _PLAIN

    let_through = [
        chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF and _PLAIN.fullmatch(chr(c))
    ]
    assert "张" in let_through and "a" in let_through
    assert not [ch for ch in let_through if unicodedata.category(ch) in _HIDDEN_CATEGORIES]
