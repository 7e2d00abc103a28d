"""k45: attacks on session 45's parser rules (docs/BENCHMARKS.md "k45: attacks on this
session's landings"). Each case is a page a real site could serve that a new rule read
wrong; each fails without its fix. Guards of what held are in the rule's own tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from parsers import extract
from parsers.body.lines import is_rights_notice
from tests.parsers.tram_story import TRAM_STORY as STORY
from tests.parsers.tram_story import TRAM_URL as URL
from tests.parsers.tram_story import page, paragraphs

QUOTE = (
    "We will keep the old depot open until the last bus has been replaced, whatever the "
    "auditor says."
)


def test_a_quote_attribution_before_its_blockquote_stays() -> None:
    # b45 (body/captions.py) kept a figcaption after the figure's blockquote as the quote's
    # attribution; HTML lets the caption come first too, and that one was dropped as a
    # picture's caption (story text lost).
    figure = (
        "<figure><figcaption><p>Jane Doe, head of the transport committee</p></figcaption>"
        f"<blockquote><p>{QUOTE}</p></blockquote></figure>"
    )
    body = extract(page(paragraphs(STORY[:2]) + figure + paragraphs(STORY[2:])), url=URL).body
    assert "Jane Doe, head of the transport committee" in body
    assert QUOTE in body


# d45 (dates._clock_before, date_patterns.CLOCK_ZONE_BEFORE_RE): a zoned clock printed
# right before a date is that date's; the date finders read the page's blocks joined by
# "\n", and "$" matched before the block's closing newline, so a clock ending the block
# before (a weather box, a sidebar headline's time) was read as the date's.
DATE_LINES = "".join(
    f"<p>{line}</p>"
    for line in [
        "The council voted on Monday for a five-year plan that brings three new tram lines "
        "to the east of the city and is meant to ease traffic.",
        "The opposition says the cost estimate is too optimistic and wants an independent "
        "review before anything is built.",
        "Work on the first line should begin next spring after a last hearing with "
        "residents, officials said.",
    ]
)


def _published(before: str) -> datetime | None:
    html = (
        "<html lang='en'><head><title>Council backs tram plan</title></head><body><article>"
        f"<h1>Council backs tram plan</h1>{before}{DATE_LINES}</article></body></html>"
    )
    return extract(html, url="https://news.example.com/2023/council-backs-tram-plan").published_at


def test_a_clock_ending_the_block_before_is_not_the_dates() -> None:
    for before in (
        "<div class='weather'>Sunrise 7:12 AM EST</div>"
        "<span class='date'>Monday, November 6, 2023</span>",
        "<ul class='latest'><li><a href='/x'>Storm hits coast</a> 11:48 PM EST</li></ul>"
        "<time>November 6, 2023</time>",
    ):
        # Without: 07:12 and 23:48 EST (the UTC day moves to 7 November).
        assert _published(before) == datetime(2023, 11, 6, tzinfo=UTC), before


def test_a_zoned_clock_on_the_dates_line_is_still_read() -> None:
    # Guard (d45's case, one line): the clock is the date's.
    found = _published("<div class='timestamp'>Updated 9:22 PM EST, Mon November 6, 2023</div>")
    assert found is not None and found.astimezone(UTC) == datetime(2023, 11, 7, 2, 22, tzinfo=UTC)


# d45 (date_patterns.DOT_DMY_RE and SHORT_YEAR_RE take a half-day word after the clock): a
# dotted date is German, Czech, Nordic, 24-hour countries, where a lower-case "am" after the
# clock is German's "on the"/"at the": "12:30 am Hauptbahnhof" was read as 00:30.
def _german(line: str) -> datetime | None:
    story = "<p>" + " ".join(["Der Stadtrat hat am Montag den Haushalt beschlossen."] * 8)
    html = (
        '<html lang="de"><head><title>Haushalt beschlossen</title></head><body><div '
        f'class="article"><h1>Haushalt beschlossen</h1><div class="date">{line}</div>'
        f"{(story + '</p>') * 6}</div></body></html>"
    )
    return extract(html, url="https://www.example.de/news/haushalt-123.html").published_at


def test_a_german_am_after_a_dotted_dates_clock_is_no_half_day() -> None:
    assert _german("05.12.2023 12:30 am Hauptbahnhof") == datetime(2023, 12, 5, 12, 30, tzinfo=UTC)
    assert _german("05.12.23 12:30 am Rathaus") in (None, datetime(2023, 12, 5, 12, 30, tzinfo=UTC))


def test_a_half_day_word_after_a_slashed_dates_clock_is_still_read() -> None:
    # Guard (d45's case): "10/17/2022 04:01 PM" is 16:01.
    found = _german("10/17/2022 04:01 PM")
    assert found is not None and (found.hour, found.minute) == (16, 1)


# Held (guards, pass both ways): x45's paywall pitch words (body/labels.PITCH_RE) on a story
# about subscriptions whose rest sits in the paywall wrapper, and its Arabia "AST" on a
# Caribbean page.
NETFLIX = [
    "Netflix said on Tuesday it added 9.3 million subscribers in the first quarter, far more "
    "than analysts had expected, as its crackdown on password sharing kept paying off.",
    "The company now counts 269.6 million paying subscribers worldwide and said it would stop "
    "reporting subscriber numbers each quarter from next year on.",
    "Its cheaper plan with advertising accounted for 40 percent of new subscriptions in the "
    "markets where it is offered, the company said in a letter to shareholders.",
    "Analysts said the decision to stop reporting subscribers would shift attention to revenue "
    "and engagement, which the company has long argued are better measures of its health.",
]
LEAD = (
    "Shares fell 5 percent in after-hours trading as the company forecast revenue for the "
    "current quarter below Wall Street estimates, citing the strong dollar."
)


def test_a_story_about_subscribers_in_a_paywall_wrapper_is_read() -> None:
    rest = "".join(f"<p>{line}</p>" for line in NETFLIX)
    html = (
        "<html lang='en'><head><title>Netflix adds 9.3 million subscribers</title></head><body>"
        "<article><h1>Netflix adds 9.3 million subscribers</h1><div class='story'>"
        f"<p>{LEAD}</p><div class='paywall'>{rest}</div></div></article></body></html>"
    )
    body = extract(html, url="https://news.example.com/2024/04/18/netflix-subscribers/").body
    assert body.split("\n\n") == [LEAD, *NETFLIX]


def test_a_caribbean_ast_is_not_arabias() -> None:
    story = "<p>" + " ".join(["The council met again to settle the budget."] * 8) + "</p>"
    html = (
        "<html lang='en'><head><title>Budget settled</title></head><body><article><h1>Budget "
        f"settled</h1><p class='date'>Dec 5, 2023 10:00 AM AST</p>{story * 5}</article></body>"
        "</html>"
    )
    found = extract(html, url="https://www.royalgazette.bm/news/budget").published_at
    assert found is not None and found.utcoffset() != timedelta(hours=3)


# c45 (body/lines.RIGHTS_NOTICE_TEXT_RE's Chinese, Japanese and Korean notices): a line
# under 300 characters holding "무단 복제", "版权所有" or "無断転載を禁" anywhere was a rights
# notice and left the body, so a story's sentences about piracy and copyright owners were
# dropped (story text lost).
STORY_SENTENCES = [
    "경찰은 웹툰 수백 편을 무단 복제해 불법 사이트에 올린 혐의로 20대 남성을 구속했다고 "
    "5일 밝혔다.",
    "이 남성은 드라마 파일을 무단 배포해 광고 수익 3억원을 챙긴 것으로 조사됐다.",
    "法院认定，该小说的版权所有者为作者本人，平台无权转售。",
    "據報導，該公司是這些照片的版權所有人。",
    "同社は記事の無断転載を禁じる規約を設けていたが、守られていなかった。",
    "出版社は、漫画の無断転載を禁止する新たな法律の制定を求めている。",
]
NOTICES = [
    "記事・写真の無断転載を禁じます",
    "本サイトの記事の無断転載は禁止されています。",
    "Copyright © The Asahi Shimbun Company. All rights reserved. 無断転載を禁じます。",
    "版权所有 © 新华网",
    "copyright (c) 연합뉴스 무단 전재-재배포, AI 학습 및 활용 금지",
]


@pytest.mark.parametrize("line", STORY_SENTENCES)
def test_a_cjk_sentence_about_copying_is_no_rights_notice(line: str) -> None:
    assert not is_rights_notice(line)


@pytest.mark.parametrize("line", NOTICES)
def test_cjk_rights_notices_are_still_read(line: str) -> None:
    # Guards: the notices c45 was made for.
    assert is_rights_notice(line)


def test_a_korean_story_about_piracy_keeps_its_sentences() -> None:
    story = [
        *STORY_SENTENCES[:2],
        "경찰은 이 사이트의 서버가 해외에 있어 국제 공조 수사를 진행하고 있다고 설명했다. "
        "피해를 본 작가들은 수년 동안 작품이 불법으로 유통됐다며 엄중한 처벌을 요구했다.",
        "문화체육관광부는 불법 사이트 차단을 위한 법 개정안을 다음 달 국회에 제출할 계획이다. "
        "개정안에는 해외 서버에 대한 접속 차단 절차를 간소화하는 내용이 담겼다.",
    ]
    html = (
        "<html lang='ko'><head><title>웹툰 불법 유통 20대 구속</title></head><body><article>"
        "<h1>웹툰 불법 유통 20대 구속</h1>"
        + "".join(f"<p>{line}</p>" for line in story)
        + "</article></body></html>"
    )
    body = extract(html, url="https://news.example.co.kr/article/2024/12/05/1").body
    assert body.split("\n\n") == story
