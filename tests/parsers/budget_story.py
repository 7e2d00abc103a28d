"""A made-up council-budget story for author tests: a byline (and head, box) under its headline."""

from __future__ import annotations

from parsers.extract import extract

EN = (
    "<p>"
    + " ".join(["The council met again to settle the budget for the year and the mayor spoke."] * 8)
    + "</p>"
)
DE = (
    "<p>"
    + " ".join(
        [
            "Der Stadtrat hat sich erneut getroffen, um den Haushalt für das "
            "kommende Jahr zu beschließen."
        ]
        * 8
    )
    + "</p>"
)
# The same story in Chinese, Japanese and Korean (a41): a page's language is identified from
# its text, so a CJK byline is read as on a page of that language, not an English one.
CJK = {
    "zh": "市议会再次开会，讨论并确定了今年的财政预算，市长在会上发表了讲话。",
    "ja": "市議会は今年の予算を決めるために再び開かれ、市長が会議で発言しました。",
    "ko": "시의회가 올해 예산을 확정하기 위해 다시 모였고 시장이 회의에서 발언했습니다. ",
}
URL = "https://example.com/news/budget"


def budget_page(
    byline: str, head: str = "", lang: str = "en", box: str = "", headline: str = "Budget settled"
) -> str:
    """The story's page: ``byline`` under the <h1>, ``box`` after the <article>."""
    body = DE if lang == "de" else EN
    if lang in CJK:
        body = f"<p>{CJK[lang] * 8}</p>"
    return (
        f"<html lang='{lang}'><head><title>{headline}</title>{head}</head><body>"
        f"<article><h1>{headline}</h1>{byline}{body * 5}</article>{box}</body></html>"
    )


def budget_authors(
    byline: str, head: str = "", lang: str = "en", box: str = "", url: str = URL
) -> tuple[str, ...]:
    """The authors ``extract`` finds on :func:`budget_page`."""
    return extract(budget_page(byline, head, lang, box), url=url).authors


def cjk_box(text: str) -> str:
    """qdaily.com's shape: one piece in an author box, the time beside it."""
    return f"<div class='author'><span>{text}</span><span>2026-01-29 14:27</span></div>"


def cjk_writer(text: str) -> str:
    """japan.cnet.com's shape: the piece alone in a writer span."""
    return f"<div class='meta'><span class='writer'>{text}</span></div>"


def ko_byline(text: str) -> str:
    """A Korean byline: the piece, the day beside it."""
    return f"<div class='byline'><span>{text}</span><span>2026.01.29</span></div>"
