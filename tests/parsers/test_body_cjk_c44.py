"""c44 (issue 17): Chinese, Japanese and Korean pages measured in the units of their
script (``parsers.body.units``), and their date stamps told from the story's text.

Each case fails with its rule off: ``units`` replaced by ``len`` in
``body.extract_body``'s duplicate test; ``date_furniture.CJK_DATE_WORDS_RE`` not applied.
"""

from __future__ import annotations

import pytest

from parsers import extract
from parsers.body.units import units
from parsers.date_furniture import is_date_line

URL = "https://news.example.jp/articles/2019/04/21/story"
STORY = (
    "気象庁は13日、午後9時19分ごろ、日向灘で震度5弱の地震があったと発表した。"
    "震源の深さは約30キロ、地震の規模は6.9と推定される。",
    "この地震で、気象庁は高知県と宮崎県に1メートルの津波注意報を出した。"
    "各地の震度は次のとおり。沿岸部の住民には海岸から離れるよう呼びかけている。",
    "政府は首相官邸の危機管理センターに官邸連絡室を設置し、被害状況の確認を急いでいる。"
    "現在のところ、大きな被害の情報は入っていないという。",
)
# 32 characters: a full sentence (an English one would be some 70), under
# MIN_DUPLICATE_CHARS counted one a character.
NOTICE = "記事に『リアクション』ができます。ご利用には会員登録が必要です。"


def page(before: str = "", after: str = "") -> str:
    """A story page; ``before`` opens the story's own wrapper, ``after`` follows it."""
    paragraphs = "".join(f"<p>{text}</p>" for text in STORY)
    return (
        "<html lang='ja'><head><title>日向灘で震度5弱</title></head><body><main><article>"
        f"<h1>日向灘で震度5弱</h1><div class='body'>{before}{paragraphs}</div>{after}"
        "</article></main></body></html>"
    )


def test_a_cjk_character_counts_as_the_letters_of_its_meaning() -> None:
    assert units("Talks resume Monday.") == 20
    assert units("Überraschung") == 12  # an alphabet beyond ASCII: one each
    assert units("各地の震度は次のとおり。") == 23  # 11 wide characters and 。
    assert units("민주당 도입") == 11


def test_a_japanese_notice_repeated_under_each_button_is_kept_once() -> None:
    # Category "a furniture line repeated in several widgets" (MIN_DUPLICATE_CHARS), for
    # CJK pages: Tokyo Shimbun's reaction buttons each print the same notice.
    buttons = "".join(
        f"<div class='reaction'><button>{label} 0</button><p>{NOTICE}</p></div>"
        for label in ("なるほど！", "大切だね", "もやもや…", "もっと知りたい")
    )
    body = extract(page(after=buttons), url=URL).body
    assert STORY[0] in body and STORY[2] in body
    assert body.count(NOTICE) == 1


def test_a_short_english_line_repeated_is_still_kept_each_time() -> None:
    # Guard: ASCII text measures as before (32 characters are under the limit).
    notice = "The rain kept falling all day."
    buttons = "".join(
        f"<div class='reaction'><button>{label}</button><p>{notice}</p></div>"
        for label in ("Like", "Sad", "Wow", "Angry")
    )
    body = extract(page(after=buttons), url=URL).body
    assert body.count(notice) == 4


@pytest.mark.parametrize(
    "stamp",
    [
        "2019年04月21日 12時00分更新",  # weekly.ascii.jp: minutes with their unit, "updated"
        "2019年3月1日 13時16分",  # Asahi (asahi.com)
        "最終更新日：2019年4月2日",  # "last updated" (ipa.go.jp)
        "2019年04月21日(日)",  # the weekday in brackets
        "2019.04.21 12:00 更新",
        "公開日 2019年4月21日",
        "发布时间：2024年04月24日 08:22",
        "입력 2025.06.04 02:37",
        "2019년 4월 21일 (일) 12시 30분",
        "기사입력 2019-04-21 12:30",
    ],
)
def test_a_cjk_date_stamp_is_a_date_line(stamp: str) -> None:
    assert is_date_line(stamp)


@pytest.mark.parametrize(
    "text",
    [
        "2019年4月21日に更新された記事",  # a sentence about an update
        "2019年4月21日、東京で開かれた会議",
        "2019年4月21日 分析",  # 分 in a word, not a time's minutes
        "2019年の売上は前年比5%増",
        "2019년 4월 21일 서울에서",
    ],
)
def test_a_cjk_sentence_with_a_date_is_no_date_line(text: str) -> None:
    assert not is_date_line(text)


def test_a_cjk_date_stamp_over_the_story_is_left_out() -> None:
    stamp = "2019年04月21日 12時00分更新"
    body = extract(page(before=f"<p>{stamp}</p>"), url=URL).body
    assert body.startswith(STORY[0])
    assert stamp not in body
