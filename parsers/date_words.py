"""Month names as dates print them, per language: the data the date patterns are built from."""

from __future__ import annotations

import re
from types import MappingProxyType

from parsers.date_words_world import TWO_WORD_MONTHS, WORLD_MONTH_SPELLINGS

_MONTH_SPELLINGS = (
    # English, full and abbreviated.
    ("january jan", 1), ("february feb", 2), ("march mar", 3), ("april apr", 4),
    ("may", 5), ("june jun", 6), ("july jul", 7), ("august aug", 8),
    ("september sep sept", 9), ("october oct", 10), ("november nov", 11),
    ("december dec", 12),
    # Russian: nominative, genitive, abbreviations.
    ("январь января янв", 1), ("февраль февраля фев", 2), ("март марта мар", 3),
    ("апрель апреля апр", 4), ("май мая", 5), ("июнь июня июн", 6),
    ("июль июля июл", 7), ("август августа авг", 8), ("сентябрь сентября сен сент", 9),
    ("октябрь октября окт", 10), ("ноябрь ноября ноя", 11), ("декабрь декабря дек", 12),
    # Belarusian: nominative and genitive.
    ("студзень студзеня", 1), ("люты лютага", 2), ("сакавік сакавіка", 3),
    ("красавік красавіка", 4), ("травень траўня травеня", 5), ("чэрвень чэрвеня", 6),
    ("ліпень ліпеня", 7), ("жнівень жніўня", 8), ("верасень верасня", 9),
    ("кастрычнік кастрычніка", 10), ("лістапад лістапада", 11), ("снежань снежня", 12),
    # German, French, Spanish: common on the international pages the pipeline meets.
    ("januar janvier enero", 1), ("februar février fevrier febrero", 2),
    ("märz mars marzo", 3), ("avril abril", 4), ("mai mayo", 5), ("juni juin junio", 6),
    ("juli juillet julio", 7), ("août aout agosto", 8), ("septembre septiembre", 9),
    ("oktober octobre octubre", 10), ("novembre noviembre", 11),
    ("dezember décembre decembre diciembre", 12),
    # Category "month names of more press languages": Italian, Portuguese, Dutch,
    # Polish and Ukrainian (genitive, as dates print them).
    ("gennaio janeiro januari stycznia січня", 1),
    ("febbraio fevereiro februari lutego лютого", 2),
    ("março maart marca березня", 3), ("aprile kwietnia квітня", 4),
    ("maggio maio mei maja травня", 5), ("giugno junho czerwca червня", 6),
    ("luglio julho lipca липня", 7), ("augustus sierpnia серпня", 8),
    ("settembre setembro września вересня", 9),
    ("ottobre outubro października жовтня", 10),
    ("novembro listopada листопада", 11), ("dicembre dezembro grudnia грудня", 12),
    # Category "Hungarian dates" (2019. november 16.): full names and the dotted
    # abbreviations (the dot is optional in the patterns).
    ("január", 1), ("február febr", 2), ("március márc", 3), ("április ápr", 4),
    ("május máj", 5), ("június jún", 6), ("július júl", 7), ("augusztus", 8),
    ("szeptember szept", 9), ("október okt", 10), ("december", 12),
)
MONTHS = MappingProxyType(
    {name: number for names, number in _MONTH_SPELLINGS for name in names.split()}
)



# Every month spelling of MONTHS, longest first, as a regex alternation: the languages
# that may write the month first (and the body's date-line rules) use this one.
MONTH_ALT = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))


def _world_months() -> dict[str, int]:
    table = dict(MONTHS)
    pairs = [(name, n) for names, n in WORLD_MONTH_SPELLINGS for name in names.split()]
    for name, number in [*pairs, *TWO_WORD_MONTHS]:
        # One spelling, one month: a clash would be a wrong date in one language.
        assert table.setdefault(name, number) == number, name
    return table


# Category "dates beyond English": every spelling (parsers/date_words_world.py too),
# looked up by ``month_number``; two-word names match any run of spaces.
ALL_MONTHS = MappingProxyType(_world_months())
DAY_MONTH_ALT = "|".join(
    re.escape(m).replace("\\ ", r"\s+")
    for m in sorted(ALL_MONTHS, key=len, reverse=True)
)


def month_number(word: str) -> int | None:
    """The month a spelling names (any case, spaces as printed, final dot dropped)."""
    return ALL_MONTHS.get(" ".join(word.lower().rstrip(".").split()))
