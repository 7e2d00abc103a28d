"""A made-up council-budget story for author tests: a byline (and head, box) under its headline."""

from __future__ import annotations

from parsers.extract import extract

EN = ("<p>" + " ".join(["The council met again to settle the budget for the year and the "
                        "mayor spoke."] * 8) + "</p>")
DE = ("<p>" + " ".join(["Der Stadtrat hat sich erneut getroffen, um den Haushalt für das "
                        "kommende Jahr zu beschließen."] * 8) + "</p>")
URL = "https://example.com/news/budget"


def budget_page(byline: str, head: str = "", lang: str = "en", box: str = "",
                headline: str = "Budget settled") -> str:
    """The story's page: ``byline`` under the <h1>, ``box`` after the <article>."""
    body = DE if lang == "de" else EN
    return (f"<html lang='{lang}'><head><title>{headline}</title>{head}</head><body>"
            f"<article><h1>{headline}</h1>{byline}{body * 5}</article>{box}</body></html>")


def budget_authors(byline: str, head: str = "", lang: str = "en", box: str = "",
                   url: str = URL) -> tuple[str, ...]:
    """The authors ``extract`` finds on :func:`budget_page`."""
    return extract(budget_page(byline, head, lang, box), url=url).authors
