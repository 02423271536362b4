"""Amounts in Chinese capital numerals (人民币大写), as a balance-confirmation letter, a receipt
or a cheque prints them beside the figures — the capitals are what a forger cannot extend.

The rules followed (the People's Bank's 《支付结算办法》 附件 正确填写票据和结算凭证的基本规定):
one 零 for any run of zeros inside the number, none at the end of a group; 元 after the
yuan; 整 when the amount ends at 元 or 角; 零 before the fen when the jiao is zero; 壹拾 for ten.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

DIGITS = "零壹贰叁肆伍陆柒捌玖"
SMALL_UNITS = ("", "拾", "佰", "仟")
GROUP_UNITS = ("", "万", "亿", "万亿")
LIMIT = Decimal("10000000000000000")  # 10^16: 万亿 groups run out beyond


def _group(value: int) -> str:
    """A number 1 … 9999 in capitals, zeros inside it as one 零, none at its end."""
    out: list[str] = []
    zero = False
    for position in range(3, -1, -1):
        digit = value // 10**position % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        out.append(DIGITS[digit] + SMALL_UNITS[position])
    return "".join(out)


def _integer(value: int) -> str:
    groups = []
    while value:
        groups.append(value % 10000)
        value //= 10000
    out = ""
    zero = False
    for index in range(len(groups) - 1, -1, -1):
        g = groups[index]
        if g == 0:
            zero = bool(out)
            continue
        if out and (zero or g < 1000):
            out += "零"
        out += _group(g) + GROUP_UNITS[index]
        zero = False
    return out


def rmb_capitals(amount: Decimal) -> str:
    """``Decimal("1005.30")`` → ``壹仟零伍元叁角整``; rounded half up to the fen first.
    Negative or too large amounts are refused (ValueError): a letter states a balance."""
    if not isinstance(amount, Decimal) or not amount.is_finite():
        raise ValueError(f"not an amount: {amount!r}")
    fen_total = int(amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) * 100)
    if fen_total < 0:
        raise ValueError("a negative amount has no capitals here")
    if fen_total >= LIMIT * 100:
        raise ValueError("amount too large")
    yuan, rest = divmod(fen_total, 100)
    jiao, fen = divmod(rest, 10)
    if fen_total == 0:
        return "零元整"
    out = _integer(yuan) + "元" if yuan else ""
    if jiao == 0 and fen == 0:
        return out + "整"
    if jiao:
        out += DIGITS[jiao] + "角"
    elif yuan:
        out += "零"
    if fen:
        out += DIGITS[fen] + "分"
    else:
        out += "整"
    return out
