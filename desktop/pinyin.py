"""The pinyin and initials of a name (pypinyin), lower case, without tones or spaces.

Why its own module outside the layers: the models keep the columns in step with it, and the
migration that added them backfills with it, so both must give the same text.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

#: Marks a run of the name that is not Chinese (never a character of a name).
_OTHER = "\x00"


def _has_han(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in text)


def _plain(piece: str) -> str:
    """Letters and digits of a non-Chinese run, lower-cased (spaces and marks dropped)."""
    return "".join(ch for ch in piece.lower() if ch.isascii() and ch.isalnum())


@cache
def _reader() -> Callable[[str], list[str]]:
    """pypinyin, loaded on the first Chinese name: its dictionaries take about 55 MB, which a
    process that never romanizes a name (an import of orders, the command line's reports)
    should not carry."""
    from pypinyin import Style, lazy_pinyin

    # pypinyin hands runs it cannot read (Latin, digits, marks) to ``errors``: mark them.
    def read(name: str) -> list[str]:
        return lazy_pinyin(name, style=Style.NORMAL, errors=_marked)

    return read


def _marked(run: Any) -> list[str]:
    return [_OTHER + run]


def romanize(name: str | None) -> tuple[str | None, str | None]:
    """(full pinyin, initials) of ``name`` in lower case without spaces or tones —
    ``张三`` → ``("zhangsan", "zs")``; Latin letters and digits are kept as they are
    (``A座物流`` → ``("azuowuliu", "azwl")``). A name without a Chinese character has
    neither (None, None): its own letters already match."""
    if not name or not _has_han(name):
        return None, None
    full: list[str] = []
    initials: list[str] = []
    for piece in _reader()(name):
        if piece.startswith(_OTHER):
            plain = _plain(piece)
            full.append(plain)
            initials.append(plain)
        elif piece:
            full.append(piece)
            initials.append(piece[0])
    return "".join(full) or None, "".join(initials) or None
