"""Whether a block holds only a date (and time): page furniture, not body text. The body's
line filters and the date-line rules ask it of most blocks of a page, so it is cheap first
(``DATE_ANCHOR_RE``) and remembered per page."""

from __future__ import annotations

import re

from parsers.date_patterns import (
    DATE_ANCHOR_RE,
    DATE_WORDS_RE,
    MAX_DATE_LINE_CHARS,
    MDY_RE,
    MDY_TAIL_RE,
    TEXT_PATTERNS,
    TIME_ONLY_RE,
)

# Category "a date stamp in Chinese, Japanese or Korean" (c44): what such a stamp prints
# beside its date, besides the words DATE_WORDS_RE knows: the minutes and seconds of a
# time written with its unit (12時00分, 12시 30분; CJK_YMD_RE reads the hour and minute, not
# the 分 after them), the weekday in brackets (2019年4月21日(日), 2019년 4월 21일 (일)) and the
# label: updated, last updated, published, distributed, posted, written, entered, edited.
# \b does not separate these from the date (both are word characters), hence a list
# of its own.
# k44: Chinese labels before the Japanese "更新" they start with (an alternation takes its
# first fit: "更新时间" left "时间" and stayed story text), and in traditional script too
# (Taiwan, Hong Kong: "發布時間", "更新時間", "最後更新").
CJK_DATE_WORDS_RE = re.compile(
    r"[分秒분초]|[(（][日月火水木金土一二三四五六天일월화수목금토][)）]"
    r"|最[终終後后]更新(?:时间|時間|日?時?)|更新(?:时间|時間)|更新日?時?|公開日?|配信日?|掲載日?"
    r"|投稿日?|作成日?|発行日?|発表|[发發][布佈](?:时间|時間|于|於)?|[发發]表[于於]"
    r"|入力|입력|수정|등록|기사입력|최종수정|송고"
)

# d45, category "a no-break space decoded twice" (second set: Canwest's papers, The Province,
# Burnaby Now, the Regina Leader-Post, the Ottawa Citizen, "Published:Â\xa0Friday, January 18,
# 2008"): UTF-8's no-break space (C2 A0) read as Latin-1 leaves an "Â" before the space, a
# letter that made the date line story text (and the line sat in the body, unread as a date).
MOJIBAKE_SPACE_RE = re.compile(r"Â(?=\s)")


def is_date_line(text: str, known: dict[str, bool] | None = None) -> bool:
    """True for a block that holds only a date (and time): page furniture, not body text.

    ``known`` holds the answers already worked out on this page (``Scan.date_lines``),
    and takes this one: the body's and the date rules ask it of one block up to 4 times.
    """
    if known is None:
        return _date_line(text)
    answer = known.get(text)
    if answer is None:
        answer = known[text] = _date_line(text)
    return answer


def _date_line(text: str) -> bool:
    # A regex, not a generator over characters: this runs for most blocks of a page.
    if len(text) > MAX_DATE_LINE_CHARS or DATE_ANCHOR_RE.search(text) is None:
        return False
    rest = text
    for pattern in TEXT_PATTERNS:
        if pattern is not MDY_RE or MDY_TAIL_RE.search(rest) is not None:
            rest = pattern.sub(" ", rest)
    if rest == text:
        return False
    rest = TIME_ONLY_RE.sub(" ", DATE_WORDS_RE.sub(" ", rest))
    if not rest.isascii():
        rest = MOJIBAKE_SPACE_RE.sub(" ", rest)
        rest = CJK_DATE_WORDS_RE.sub(" ", rest)
    return not any(c.isalnum() for c in rest)
