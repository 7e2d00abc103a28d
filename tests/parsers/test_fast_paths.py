"""Faster spellings of the same test give the same answers as the slow ones."""

from __future__ import annotations

import re
import sys

from parsers.date_evidence import ANY_DIGIT_RE
from parsers.date_furniture import CJK_DATE_WORDS_RE
from parsers.date_patterns import DATE_WORDS_RE, TEXT_PATTERNS, TIME_ONLY_RE
from parsers.date_words import ALL_MONTHS, MONTHS
from parsers.dates import is_date_line
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


def _slow_date_line(text: str) -> bool:
    """``is_date_line`` before p33: every pattern over every line with a digit."""
    if len(text) > 80 or not re.search(r"\d", text):
        return False
    rest = text
    for pattern in TEXT_PATTERNS:
        rest = pattern.sub(" ", rest)
    if rest == text:
        return False
    rest = TIME_ONLY_RE.sub(" ", DATE_WORDS_RE.sub(" ", rest))
    rest = CJK_DATE_WORDS_RE.sub(" ", rest)  # c44: a CJK stamp's words, units and weekday
    return not any(c.isalnum() for c in rest)


DATE_LINES = [
    # One spelling of each of the TEXT_PATTERNS, then the same with a word beside it.
    "16 November 2019, 10:45", "19-Dec-2025", "1er mars 2020", "16 ноября 2019 г.",
    "November 16, 2019 10:45 am", "Posted on Monday, March 3rd, 2020 at 9:15 pm",
    "GuideOctober 31, 2012", "2019-11-16T10:45", "2019. 11. 16. 오후 3:00", "2019/11/16",
    "16.11.2019 10:45", "24. 1. 2025", "16-11-2019", "2019. november 16.",
    "2019 m. lapkričio 16 d.", "2019年11月16日 14:30", "令和元年11月16日", "平成 30年 1月 2日",
    "2019년 11월 16일 오후 11시 30분", "16 tháng 11 năm 2019", "۲۵ آبان ۱۳۹۸",
    "16 نوفمبر/تشرين الثاني 2019", "5 ตุลาคม พ.ศ.2562", "Sept. 3 2020", "MAY 3RD, 2021",
    "Mon Aug 03 12:45:00 EDT 2015",
]


def test_the_date_line_prefilters_answer_as_the_full_patterns() -> None:
    # Every pattern has a spelling here, or a new pattern could slip past the prefilters.
    assert all(any(p.search(line) for line in DATE_LINES) for p in TEXT_PATTERNS)
    lines = [*DATE_LINES]
    for line in DATE_LINES:
        lines += [f"Updated {line}", f"{line} by Anna Berg", line.replace("2", "")]
    lines += ["il y a 3 " * 8, "il y a 2019 " * 6, "© 2024 Pressroom", "3 2019 May", "年 1",
              "1 2 3 4 5 6 7 8 9 10 11 12 2024", "Page 12 of 2019", "on 2024", ""]
    for line in lines:
        assert is_date_line(line) is _slow_date_line(line), line


def test_a_page_works_a_line_out_once() -> None:
    known: dict[str, bool] = {}
    assert is_date_line("16 November 2019", known) and known == {"16 November 2019": True}
    known["Anna Berg"] = True  # an answer on file is the answer
    assert is_date_line("Anna Berg", known) and not is_date_line("Anna Berg")


def test_month_names_are_what_the_pattern_lookaheads_assume() -> None:
    # MDY_RE looks ahead over up to the longest name's count of letters for the month:
    # each name is letters, and what matches a letter of one ignoring case is a letter.
    letters = "".join(sorted({c for name in MONTHS for c in name}))
    assert re.fullmatch(r"[^\W\d_]+", letters)
    letter_class = re.compile(f"[{re.escape(letters)}]", re.IGNORECASE)
    unlike = [
        hex(c)
        for c in range(sys.maxunicode + 1)
        if letter_class.match(chr(c)) and not re.match(r"[^\W\d_]", chr(c))
    ]
    assert unlike == []
    # DMY_RE looks ahead to the first digit for the year: no name holds a digit's match.
    chars = "".join(sorted({c for name in ALL_MONTHS for c in name}))
    any_name_char = re.compile(f"[{re.escape(chars)}]", re.IGNORECASE)
    digits = [chr(c) for c in range(sys.maxunicode + 1) if re.match(r"\d", chr(c))]
    assert digits and not [d for d in digits if any_name_char.match(d)]
