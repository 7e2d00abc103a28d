"""Calendars, eras and clock words that dates beyond English print (rules as data).

- Category "Japanese era years": 令和元年11月16日 is 2019-11-16 (令和 1 = 2019,
  平成 1 = 1989; 元 is year one).
- Category "Thai Buddhist years": 16 พฤศจิกายน 2562 is 2019 (``date_words_world``).
- Category "Solar Hijri dates": ۲۵ آبان ۱۳۹۸ is 2019-11-16 (Iranian press).
- Category "half-day words": 오후 11:30 (Korean), 下午 2:30 (Chinese), 午後11時
  (Japanese), 11:30 م (Arabic) are afternoon times; 오전, 上午, 午前, ص the morning.
- Category "half-day word spelt with spaces (es/pt CLDR: 'p. m.', 'a. m.')" (p53,
  ``SPELT_HALF_DAY_WORDS``): the other CLDR spellings printed after a clock.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

# Year one of each era, less one: 令和 N is the year 2018 + N.
ERA_BASES = {"令和": 2018, "平成": 1988}
ERA_FIRST_YEAR = "元"
ERA_ALT = "|".join(ERA_BASES)
# Afternoon and morning words, before the time (East Asian) or after it (Arabic).
# p53, category "half-day word spelt with spaces (es/pt CLDR: 'p. m.', 'a. m.')": CLDR's
# abbreviated day periods that news sites print after a clock, beyond "am"/"pm" with or
# without dots (Portuguese and Indonesian print those): Spanish and Catalan "8:00 p. m.",
# whose space is often a no-break one ("p.\u00a0m.", U+202F too), Greek "μ.μ."/"π.μ.",
# Vietnamese "CH"/"SA", Turkish "ÖS"/"ÖÖ". The clocks read none of them: "8:00 p. m." was
# 08:00, twelve hours off, "12:30 a. m." 12:30 (``_spelt_alt`` says how a spelling reads);
# letters only in the case written where the word in another case is one ("ch", "sa");
# Spanish and Greek in any case ("P. M.", "Μ.Μ.").
# (spelling, the half it names, any case)
SPELT_HALF_DAY_WORDS: tuple[tuple[str, str, bool], ...] = (
    ("p. m.", "pm", True),  # es, ca (CLDR "p.\u00a0m.")
    ("a. m.", "am", True),
    ("μ.μ.", "pm", True),  # el
    ("π.μ.", "am", True),
    ("CH", "pm", False),  # vi: chiều
    ("SA", "am", False),  # vi: sáng
    ("ÖS", "pm", False),  # tr: öğleden sonra
    ("ÖÖ", "am", False),  # tr: öğleden önce
)


def half_day_key(word: str) -> str:
    """A half-day word as ``PM_WORDS`` and ``AM_WORDS`` hold it: no dots, no spaces, lower case."""
    return "".join(word.lower().replace(".", "").split())


# No word after a capital half-day word but a zone ("8:00 CH GMT+7").
CAPITAL_WORD_END = r"(?![ \u00a0\u202f]+(?!(?:GMT|UTC)(?![^\W\d_]))[^\W\d_])"


def _spelt_alt(spelling: str, any_case: bool) -> str:
    """A spelling as a pattern: its space any one space (plain, no-break, narrow no-break),
    its last dot optional ("p. m", "μ.μ"), no letter after it ("SAU" is no "SA")."""
    pattern = "".join(
        r"[ \u00a0\u202f]" if char == " " else re.escape(char) for char in spelling
    )
    pattern = pattern[: -len(r"\.")] + r"\.?" if spelling.endswith(".") else pattern
    if not any_case:
        # k53b: a capital word ends the clock's phrase (the line ends, punctuation or a zone
        # follows): before another word it opens a name or sentence ("10:00 CH Media
        # reported", "12:30 SA Police said"), which p53 read twelve hours off.
        pattern += CAPITAL_WORD_END
    return rf"(?{'i' if any_case else '-i'}:{pattern})(?![^\W\d_])"


PM_WORDS = frozenset(
    {"pm", "오후", "下午", "午後", "م", "مساء", "مساءً"}
    | {half_day_key(word) for word, half, _ in SPELT_HALF_DAY_WORDS if half == "pm"}
)
AM_WORDS = frozenset(
    {"am", "오전", "上午", "午前", "ص", "صباحا", "صباحًا"}
    | {half_day_key(word) for word, half, _ in SPELT_HALF_DAY_WORDS if half == "am"}
)
HALF_BEFORE_ALT = "오전|오후|上午|下午|午前|午後"
# The spelt words first: "p. m." before "[ap]\.?m\.?", which reads no space.
SPELT_HALF_AFTER_ALT = "|".join(_spelt_alt(word, case) for word, _, case in SPELT_HALF_DAY_WORDS)
HALF_AFTER_ALT = SPELT_HALF_AFTER_ALT + r"|[ap]\.?m\.?|مساءً|مساء|صباحًا|صباحا|م|ص"
# 1 Farvardin 1398 (Solar Hijri) was 21 March 2019; its years are 365 days but for
# the leap years of the 33-year cycle, read from the arithmetic rule below (exact for
# the years 1343-1472, i.e. 1964-2094).
JALALI_EPOCH = (1398, date(2019, 3, 21))
JALALI_LEAP_REMAINDERS = frozenset({1, 5, 9, 13, 17, 22, 26, 30})


def era_year(era: str, year: str) -> int:
    """The Gregorian year of an era year (``令和``, ``"元"`` or ``"6"``)."""
    return ERA_BASES[era] + (1 if year == ERA_FIRST_YEAR else int(year))


def clock_hour(hour: int, half: str) -> int:
    """``hour`` on a 24-hour clock, given the half-day word printed with it (if any)."""
    word = half_day_key(half)
    if word in PM_WORDS and hour < 12:
        return hour + 12
    if word in AM_WORDS and hour == 12:
        return 0
    return hour


def _jalali_leap(year: int) -> bool:
    return year % 33 in JALALI_LEAP_REMAINDERS


def jalali_to_gregorian(year: int, month: int, day: int) -> date | None:
    """The Gregorian day of a Solar Hijri date, or ``None`` for no such day."""
    if not 1 <= month <= 12 or not 1 <= day <= (31 if month <= 6 else 30):
        return None
    if month == 12 and day == 30 and not _jalali_leap(year):
        return None
    epoch_year, epoch = JALALI_EPOCH
    if abs(year - epoch_year) > 60:
        return None
    days = sum(366 if _jalali_leap(y) else 365 for y in range(min(year, epoch_year),
                                                           max(year, epoch_year)))
    offset = days if year >= epoch_year else -days
    in_year = (month - 1) * 31 if month <= 7 else 186 + (month - 7) * 30
    return epoch + timedelta(days=offset + in_year + day - 1)
