"""k44's attack on c44's CJK date stamps (``parsers.date_furniture.CJK_DATE_WORDS_RE``).

c44 listed Chinese labels ("更新时间", updated at) after the Japanese "更新日?時?", and a
regex alternation takes its first fit: "更新" went, "时间" stayed, and a Chinese page's
"更新时间：2024年3月2日 10:00" was story text, the first line of the body. Chinese in
traditional script (Taiwan, Hong Kong: "發布時間", "更新時間", "最後更新") was not
listed at all. Each case below fails without k44's order and spellings; the guards (a
sentence that holds a date and the word 更新 in another sense) pass both ways.
"""

from __future__ import annotations

import pytest

from parsers import extract
from parsers.date_furniture import is_date_line

STORY = (
    "市议会周二以多数票通过了新的年度预算案，市长随后在新闻发布会上介绍了今后的计划。",
    "根据预算案，市政府将在未来三年内投入更多资金用于公共交通和社区医疗服务。",
    "部分议员对财政赤字表示担忧，要求政府在下一次会议上提交详细的支出报告。",
)


@pytest.mark.parametrize(
    "stamp",
    [
        "更新时间：2024年3月2日 10:00",
        "最终更新时间：2024年3月2日",
        "更新時間：2024年3月2日 10:00",
        "發布時間：2024年3月1日 09:00",
        "發佈時間：2024/03/01 09:00",
        "最後更新：2024年3月2日",
        "2024年3月1日 發布",
    ],
)
def test_a_chinese_stamp_in_either_script_is_a_date_line(stamp: str) -> None:
    assert is_date_line(stamp)


@pytest.mark.parametrize(
    ("lang", "stamps"),
    [
        ("zh-CN", ("更新时间：2024年3月2日 10:00", "发布时间：2024年3月1日 09:00")),
        ("zh-TW", ("發布時間：2024年3月1日 09:00", "更新時間：2024年3月2日 10:00")),
    ],
)
def test_the_stamps_over_a_chinese_story_are_not_its_text(
    lang: str, stamps: tuple[str, str]
) -> None:
    lines = "".join(f"<p>{s}</p>" for s in stamps)
    body = "".join(f"<p>{t}</p>" for t in STORY)
    html = (
        f"<html lang='{lang}'><head><title>市议会通过预算</title></head><body><article>"
        f"<h1>市议会通过预算</h1>{lines}{body}</article></body></html>"
    )
    article = extract(html, url="https://news.example.com/2024/03/01/budget")
    assert article.body.startswith(STORY[0][:10]), article.body[:80]
    assert not any(s[:4] in article.body for s in stamps)


@pytest.mark.parametrize(
    "sentence",
    [
        "2024年3月1日，公司宣布产品更新换代。",  # "更新" as renewal, in a sentence
        "2024年3月1日，市政府發布了新的交通規劃。",  # "發布" as the story's own verb
    ],
)
def test_a_sentence_with_a_date_stays_story_text(sentence: str) -> None:
    assert not is_date_line(sentence)
