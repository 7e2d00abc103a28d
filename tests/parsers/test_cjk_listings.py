"""Category "CJK listing pages" (parsers/body/listing.py, parsers/page_kind.py).

A Chinese or Japanese headline has no spaces and a Korean one is short, so the
headline rules (20+ characters, 3+ space-separated words) never saw one: a CJK
section front (headline link, date, one-line excerpt per item) was stored as an
article whose body was one excerpt or the whole list.
"""

from __future__ import annotations

import pytest

from parsers.extract import extract
from tests.parsers.cjk_pages import CHINESE

HEADLINES = {
    "zh": ["国家统计局发布十一月份居民消费价格数据", "国务院常务会议部署稳就业措施",
           "北京市发布冬季供暖保障方案", "教育部公布高校招生新政策",
           "财政部下达农业补贴资金", "交通运输部推进城市公交发展"],
    "ko": ["서울시, 내년부터 시내버스 요금 동결", "정부, 반도체 산업 지원 대책 발표",
           "국회, 예산안 심사 착수", "부산시 해운대 관광객 증가",
           "교육부, 대입 제도 개편안 공개", "기상청, 올겨울 한파 예보"],
    "ja": ["東京都、給食費を無償化へ", "政府、経済対策を閣議決定", "日銀、金融緩和を維持",
           "大阪万博の準備進む", "文科省、教員の働き方改革", "気象庁、大雪に警戒呼びかけ"],
}


def section_front(lang: str) -> str:
    items = "".join(
        f"<li><a href='/news/{i}.html'>{h}</a><div class='time'>2019-11-{10 + i % 9:02d}</div>"
        f"<p>{h}。{h}。</p></li>"
        for i, h in enumerate(HEADLINES[lang] * 5))
    return (f"<html lang='{lang}'><head><meta charset='utf-8'><title>新闻</title></head><body>"
            f"<div class='list'><h1>最新</h1><ul>{items}</ul></div></body></html>")


@pytest.mark.parametrize("lang", ["zh", "ko", "ja"])
def test_cjk_section_front_is_a_listing(lang: str) -> None:
    page = extract(section_front(lang).encode(), url="https://news.example/news/index.html")
    assert page.kind == "listing"


def test_cjk_story_with_links_is_still_an_article() -> None:
    # A story whose related-links box holds CJK headlines stays an article.
    story = "".join(f"<p>{p}</p>" for p in CHINESE.paragraphs)
    related = "".join(f"<li><a href='/r/{i}.html'>{h}</a></li>"
                      for i, h in enumerate(HEADLINES["zh"]))
    html = (f"<html lang='zh'><head><meta charset='utf-8'><title>{HEADLINES['zh'][0]}</title>"
            f"</head><body><article><h1>{HEADLINES['zh'][0]}</h1>{story}</article>"
            f"<aside><h2>相关新闻</h2><ul>{related}</ul></aside></body></html>")
    page = extract(html.encode(), url="https://news.example/2019/11/16/story.html")
    assert page.kind == "article"
    assert page.body == "\n\n".join(CHINESE.paragraphs)
