"""Faster spellings of the same test give the same answers as the slow ones."""

from __future__ import annotations

import re
import sys

from parsers.date_evidence import ANY_DIGIT_RE
from parsers.scan import (
    AUTHOR_HINTS,
    INVISIBLE_RE,
    NOT_AUTHOR_HINTS,
    WS_RE,
    _is_author_hint,
    clean_text,
)


def test_the_digit_class_is_str_isdigit_on_every_code_point() -> None:
    differ = [
        hex(c)
        for c in range(sys.maxunicode + 1)
        if (ANY_DIGIT_RE.search(chr(c)) is not None) != chr(c).isdigit()
    ]
    assert differ == []


def test_clean_text_collapses_exactly_the_whitespace_the_regex_did() -> None:
    spaces = "".join(chr(c) for c in range(sys.maxunicode + 1) if re.match(r"\s", chr(c)))
    assert spaces == "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace())
    samples = [
        f"{spaces} a{spaces}b \u200bc\u00adde{spaces}",
        "\u200b \u200b",
        "plain ascii\ttext\r\n",
        "",
        "\ufeffx\u2060 \u3000y",
    ]
    for text in samples:
        assert clean_text(text) == WS_RE.sub(" ", INVISIBLE_RE.sub("", text)).strip()


def test_author_hints_are_the_substring_tests() -> None:
    for label in ("post-author", "byline comment", "Writer", "x", "contributor-description",
                  "by-line", "authority", ""):
        lowered = label.lower()
        slow = any(h in lowered for h in AUTHOR_HINTS) and not any(
            h in lowered for h in NOT_AUTHOR_HINTS
        )
        assert _is_author_hint({"class": label}) is slow
