"""c45 (issue 17): a rights notice is no story, in any script.

Category "a short story against the site's rights notice": a Japanese news page prints
"記事・写真の無断転載を禁じます" and an English "Copyright ... All rights reserved" line
in its footer, 181 characters of unlinked prose, while its story is one paragraph whose
place names are topic links (Asahi Shimbun). The notice outscored the story and was the
whole body. An element whose good text is all rights notices (``lines.is_rights_notice``,
now reading the Chinese, Japanese and Korean wordings too) scores no good text
(``score._raw_score``); an element holding a story and its notice scores as before.

Each case fails with its rule off: the ``rights`` test in ``score._raw_score`` removed; the
CJK wordings left out of ``lines.RIGHTS_NOTICE_TEXT_RE``.
"""

from __future__ import annotations

import pytest

from parsers import extract
from parsers.body.lines import is_furniture_line, is_rights_notice

URL = "https://news.example.jp/articles/2025/01/13/quake"
LEAD = (
    "気象庁は13日、午後9時19分ごろ、<a href='/topics/hyuganada'>日向灘</a>で震度5弱の地震が"
    "あったと発表した。震源の深さは約30キロ、地震の規模は6.9と推定される。この地震で、"
    "気象庁は<a href='/topics/kochi'>高知県</a>と<a href='/topics/miyazaki'>宮崎県</a>に"
    "1メートルの津波注意報を出した。"
)
NOTICE_JA = (
    "ニュースデジタルに掲載の記事・写真の無断転載を禁じます。"
    "すべての内容は日本の著作権法並びに国際条約により保護されています。"
)
NOTICE_EN = (
    "Copyright © The Example Shimbun Company. All rights reserved. "
    "No reproduction or republication without written permission."
)


def quake_page() -> str:
    places = "".join(
        f"<p>{prefecture}：<a href='/t/1'>{a}</a>、<a href='/t/2'>{b}</a>、{c}</p>"
        for prefecture, a, b, c in (
            ("宮崎県", "高鍋町", "新富町", "宮崎市"),
            ("熊本県", "阿蘇市", "産山村", "高森町"),
            ("大分県", "大分市", "臼杵市", "佐伯市"),
        )
    )
    sections = ("政治", "経済", "国際", "社会", "スポーツ", "文化", "科学", "天気", "地域", "特集")
    menu = "".join(f"<li><a href='/m{i}'>{w}ニュース</a></li>" for i, w in enumerate(sections))
    return (
        "<html lang='ja'><head><title>宮崎県で震度5弱</title></head><body>"
        f"<header><ul>{menu}</ul></header><div class='main'><h1>宮崎県で震度5弱</h1>"
        f"<div class='story'><p>{LEAD}</p><p>各地の震度は次のとおり。</p>{places}</div></div>"
        f"<footer><ul>{menu}</ul><div><p class='printArea'>{NOTICE_JA}</p>"
        f"<p class='printArea'>{NOTICE_EN}</p></div></footer></body></html>"
    )


def test_a_short_story_outscores_the_footers_rights_notice() -> None:
    body = extract(quake_page(), url=URL).body
    assert body.startswith("気象庁は13日")
    assert "無断転載" not in body and "All rights reserved" not in body


@pytest.mark.parametrize(
    "line",
    [
        NOTICE_JA,
        "無断転載禁止",
        "記事の無断複製・転載を禁じます。",
        "人民网版权所有",
        "中央社 版權所有，非經許可不得轉載",
        "<저작권자 ⓒ 매일경제 & mk.co.kr, 무단전재 및 재배포 금지>",
    ],
)
def test_cjk_rights_notices_are_read(line: str) -> None:
    assert is_rights_notice(line)


@pytest.mark.parametrize(
    "line",
    [
        # Guards: a story's sentences about copying, and a Chinese story's own closing
        # notice, which Readability's truth keeps (second set, qq).
        "同社は、他社の写真を無断で転載したとして著作権侵害で提訴された。",
        "【美国The Next Web作品的中文相关权益归腾讯公司独家所有。未经授权，不得转载、摘编等。】",
        "경찰은 사진을 무단으로 사용한 혐의로 남성을 입건했다.",
    ],
)
def test_sentences_about_copying_are_no_notice(line: str) -> None:
    assert not is_rights_notice(line)


# c45, parsers/body/cjk_lines.py: a control's label, a reaction count and a bracketed
# related-stories label in Chinese, Japanese or Korean are furniture lines, as
# "save", "read later" and "recommended" are in English.
CONTROLS = (
    "カテゴリーをフォローする",
    "新規登録",
    "ログインする",
    "기사저장",
    "글자크기 설정",
    "언어변경",
    "分享让更多人看到",
    "なるほど！ 0",
    "좋아요 0",
    "【関連記事】",
)


@pytest.mark.parametrize("line", CONTROLS)
def test_cjk_control_labels_are_furniture_lines(line: str) -> None:
    assert is_furniture_line(line)


def test_cjk_control_labels_leave_the_story() -> None:
    story = f"<p>{LEAD}</p>" + (
        "<p>政府は首相官邸の危機管理センターに官邸連絡室を設置し、被害状況の確認を急いでいる。</p>"
    )
    controls = "".join(f"<p>{line}</p>" for line in CONTROLS)
    html = (
        "<html lang='ja'><head><title>宮崎県で震度5弱</title></head><body><article>"
        f"<h1>宮崎県で震度5弱</h1><div class='story'>{story}{controls}</div>"
        "</article></body></html>"
    )
    body = extract(html, url=URL).body
    assert body.startswith("気象庁は13日") and "官邸連絡室" in body
    assert not any(line in body.split("\n") for line in CONTROLS)


@pytest.mark.parametrize(
    "line",
    [
        # Guards: sentences that hold a label's word, and a Chinese editor's credit (kept:
        # the second set's truths disagree on it).
        "ログインすると、記事の続きを読むことができます。",
        "会員登録した読者は、毎月10本の記事を無料で読める。",
        "좋아요 수가 1만을 넘었다는 소식이 전해졌다.",
        "【责任编辑:张樵苏 】",
    ],
)
def test_sentences_with_a_labels_word_are_kept(line: str) -> None:
    assert not is_furniture_line(line)
