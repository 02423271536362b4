"""人民币大写 against hand-written cases (the zero rules are where converters go wrong)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop.services.capitals import rmb_capitals

CASES = {
    "0": "零元整",
    "0.05": "伍分",
    "0.50": "伍角整",
    "0.56": "伍角陆分",
    "1": "壹元整",
    "10": "壹拾元整",
    "15.07": "壹拾伍元零柒分",
    "105.00": "壹佰零伍元整",
    "1005.30": "壹仟零伍元叁角整",
    "1409.50": "壹仟肆佰零玖元伍角整",
    "6007.14": "陆仟零柒元壹角肆分",
    "10000": "壹万元整",
    "100010": "壹拾万零壹拾元整",
    "1000001": "壹佰万零壹元整",
    "1010000": "壹佰零壹万元整",
    "107000.53": "壹拾万柒仟元伍角叁分",
    "12345678.90": "壹仟贰佰叁拾肆万伍仟陆佰柒拾捌元玖角整",
    "100000000": "壹亿元整",
    "100000001.01": "壹亿零壹元零壹分",
    "200000000000.00": "贰仟亿元整",
    "1234.005": "壹仟贰佰叁拾肆元零壹分",  # rounded half up to the fen
}


@pytest.mark.parametrize(("figure", "words"), CASES.items())
def test_capitals_by_hand(figure: str, words: str) -> None:
    assert rmb_capitals(Decimal(figure)) == words


@pytest.mark.parametrize("bad", [Decimal("-1"), Decimal("NaN"), Decimal("1e17"), 1.5])
def test_refuses_what_is_not_a_balance(bad) -> None:
    with pytest.raises(ValueError):
        rmb_capitals(bad)
