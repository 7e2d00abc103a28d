"""Publication dates beyond English (issue 17, d23): each category's cases fail without its rule.

The spellings come from the categories of ``parsers/date_words_world.py`` and
``parsers/date_calendars.py``; the pages are real extractions (``parsers.extract``),
the single values ``parsers.dates.find_date``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from parsers import extract
from parsers.date_calendars import jalali_to_gregorian
from parsers.dates import find_date

SEOUL = timezone(timedelta(hours=9))
FETCHED = datetime(2026, 12, 1, tzinfo=UTC)
BODY = "<p>" + " ".join(["기사 본문은 충분히 길어야 본문으로 읽힌다."] * 12) + "</p>"

# (printed text, the day and time it gives, read in +09:00), by category.
MONTH_NAMES = [
    ("16 Kasım 2019 14:30", datetime(2019, 11, 16, 14, 30)),  # Turkish
    ("20 Nisan 2026", datetime(2026, 4, 20)),
    ("16. listopadu 2019", datetime(2019, 11, 16)),  # Czech
    ("16. novembra 2019", datetime(2019, 11, 16)),  # Slovak
    ("16 studenoga 2019", datetime(2019, 11, 16)),  # Croatian
    ("16 ноември 2019", datetime(2019, 11, 16)),  # Bulgarian
    ("16 noiembrie 2019", datetime(2019, 11, 16)),  # Romanian
    ("16 Νοεμβρίου 2019", datetime(2019, 11, 16)),  # Greek
    ("2 augusti 2026", datetime(2026, 8, 2)),  # Swedish
    ("16. marraskuuta 2019", datetime(2019, 11, 16)),  # Finnish
    ("16 Agustus 2019", datetime(2019, 8, 16)),  # Indonesian
    ("2019 m. lapkričio 16 d.", datetime(2019, 11, 16)),  # Lithuanian
    ("16 d'octubre de 2019", datetime(2019, 10, 16)),  # Catalan
    ("Publié le 18 juil. 2024 à 08:01", datetime(2024, 7, 18, 8, 1)),  # French abbreviated
    ("12. MÄR 2025 18:03", datetime(2025, 3, 12, 18, 3)),  # German abbreviated
    ("16 नवंबर 2019", datetime(2019, 11, 16)),  # Hindi
    ("16 בנובמבר 2019", datetime(2019, 11, 16)),  # Hebrew
]
ARABIC = [
    ("السبت 16 نوفمبر 2019", datetime(2019, 11, 16)),
    ("١٦ نوفمبر ٢٠١٩", datetime(2019, 11, 16)),  # Arabic-Indic digits
    ("16 تشرين الثاني 2019", datetime(2019, 11, 16)),  # the Levant's two-word name
    ("16 كانون الاول 2019", datetime(2019, 12, 16)),
    ("16 نوفمبر/تشرين الثاني 2019", datetime(2019, 11, 16)),  # both names
    ("16 جويلية 2019", datetime(2019, 7, 16)),  # Algeria, Tunisia
    ("16 شتنبر 2019 - 11:30 م", datetime(2019, 9, 16, 23, 30)),  # Morocco; "م" is p.m.
    ("۱۶ نوامبر ۲۰۱۹", datetime(2019, 11, 16)),  # Persian names, Persian digits
]
CALENDARS = [
    ("令和元年11月16日", datetime(2019, 11, 16)),  # Japanese era, year one
    ("令和6年1月2日 午後3時05分", datetime(2024, 1, 2, 15, 5)),
    ("２０１９年１１月１６日", datetime(2019, 11, 16)),  # full-width digits (read before too)
    ("16 พฤศจิกายน 2562", datetime(2019, 11, 16)),  # Thai, Buddhist year
    ("16 พ.ย. 2562", datetime(2019, 11, 16)),
    ("۲۵ آبان ۱۳۹۸", datetime(2019, 11, 16)),  # Solar Hijri
    ("16 tháng 11 năm 2019", datetime(2019, 11, 16)),  # Vietnamese
]
HALF_DAY = [
    ("2019.11.16 오후 11:30", datetime(2019, 11, 16, 23, 30)),
    ("2019.11.16 오전 9:05", datetime(2019, 11, 16, 9, 5)),
    ("2019년 11월 16일 오후 11시 30분", datetime(2019, 11, 16, 23, 30)),
    ("입력 2019. 11. 16. 오후 3:00", datetime(2019, 11, 16, 15, 0)),
    ("2019年11月16日 下午 2:30", datetime(2019, 11, 16, 14, 30)),
    ("2019-11-16 오전 12:10", datetime(2019, 11, 16, 0, 10)),
]
SPACED_DOTS = [
    ("24. 1. 2025 12:38", datetime(2025, 1, 24, 12, 38)),  # Czech, Slovak
]


@pytest.mark.parametrize(
    ("text", "expected"), [*MONTH_NAMES, *ARABIC, *CALENDARS, *HALF_DAY, *SPACED_DOTS]
)
def test_a_date_beyond_english_is_read(text: str, expected: datetime) -> None:
    assert find_date(text, SEOUL) == expected.replace(tzinfo=SEOUL)


@pytest.mark.parametrize(
    "text",
    [
        "16 listopad 2019",  # October in Croatian, November in Czech and Polish
        "16 พฤศจิกายน 3000",  # no Buddhist-era reading
        "30 اسفند 1398",  # 1398 is no leap year: no 30 Esfand
        "10. 11. 2019",  # which is the day: no evidence, no date
    ],
)
def test_an_ambiguous_or_impossible_spelling_gives_no_date(text: str) -> None:
    assert find_date(text, SEOUL) is None


def test_solar_hijri_new_years_fall_on_the_right_days() -> None:
    """1 Farvardin is the March equinox's day: 1399 (a leap year) and 1404 around it."""
    assert jalali_to_gregorian(1399, 1, 1) == date(2020, 3, 20)
    assert jalali_to_gregorian(1399, 12, 30) == date(2021, 3, 20)
    assert jalali_to_gregorian(1404, 1, 1) == date(2025, 3, 21)
    assert jalali_to_gregorian(1380, 10, 11) == date(2002, 1, 1)


def test_a_korean_afternoon_time_keeps_its_day_and_instant() -> None:
    """Review v22: "2019.11.16 오후 11:30" in +09:00 is 16 Nov local and 14:30 UTC."""
    html = (
        "<html lang='ko'><head><title>기사</title></head><body><article><h1>국회 본회의 "
        "통과</h1><p class='date'>입력 2019.11.16 오후 11:30</p>"
        f"{BODY}{BODY}</article></body></html>"
    )
    found = extract(html, url="https://news.example.kr/a", timezone="Asia/Seoul",
                    fetched_at=FETCHED).published_at
    assert found is not None
    assert found.date() == date(2019, 11, 16)
    assert found.astimezone(UTC) == datetime(2019, 11, 16, 14, 30, tzinfo=UTC)


def test_an_arabic_page_prints_its_day_in_arabic() -> None:
    html = (
        "<html lang='ar' dir='rtl'><head><title>خبر</title></head><body><article>"
        "<h1>البرلمان يقر الموازنة</h1><p class='date'>نشر في ١٦ تشرين الثاني ٢٠١٩</p>"
        + "<p>" + " ".join(["نص الخبر طويل بما يكفي ليكون متن المقال."] * 12) + "</p>"
        + "</article></body></html>"
    )
    found = extract(html, url="https://news.example.sy/a", fetched_at=FETCHED).published_at
    assert found is not None and found.date() == date(2019, 11, 16)


def test_a_story_that_prints_only_its_time_keeps_its_declared_day() -> None:
    """Category "today's story prints only its time" (Seznam Zprávy): the header prints
    "5:00", the declared instant (published = modified) is 03:00 UTC, and the first
    date line of the page is a related story's card ("23. 12. 2024 13:31", read since
    spaced dotted dates are): the declared day stands."""
    declared = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Vila",'
        ' "datePublished": "2025-04-08T03:00:00.000Z", "dateModified": '
        '"2025-04-08T03:00:00.000Z"}</script>'
    )
    body = "".join(f"<p>Michal Redl začal prodávat majetek, díl {n}.</p>" for n in range(30))
    html = (
        f"<html lang='cs'><head>{declared}</head><body><article><h1>Hlavní aktér prodává "
        f"vilu</h1><p>Radek Nohl</p><p>5:00</p>{body}</article><aside><h3>Vily "
        "hledají nové majitele</h3><div>23. 12. 2024 13:31</div></aside></body></html>"
    )
    found = extract(html, url="https://zpravy.example.cz/a", fetched_at=FETCHED).published_at
    assert found is not None and found.date() == date(2025, 4, 8)


def test_a_spaced_dotted_date_is_settled_by_the_page_language() -> None:
    """Category "spaced dotted dates": "06. 01. 2026, 14:59 Uhr" on a German page reads
    day first, as "06.01.2026" does (Salzburger Nachrichten)."""
    body = "".join(f"<p>Der Landtag hat am Dienstag beschlossen, Teil {n}.</p>" for n in range(30))
    html = (
        "<html lang='de-AT'><head></head><body><article><h1>Landtag beschließt Budget</h1>"
        f"<p>06. 01. 2026, 14:59 Uhr</p>{body}</article></body></html>"
    )
    found = extract(html, url="https://www.example.at/a", fetched_at=FETCHED).published_at
    assert found is not None and found.date() == date(2026, 1, 6)
