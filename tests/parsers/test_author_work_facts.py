"""Category "fact box of a reviewed work" (k32): "Titel: ... / Autor: ... / Verlag: ..."
under a book review names the book's author, not the story's."""

from __future__ import annotations

from parsers.extract import extract

DE = ("<p>" + " ".join(["Der Stadtrat hat sich erneut getroffen, um den Haushalt für das "
                        "kommende Jahr zu beschließen."] * 8) + "</p>")
EN = ("<p>" + " ".join(["The council met again to settle the budget for the year and the "
                        "mayor spoke."] * 8) + "</p>")


def _authors(box: str, lang: str = "de", body: str = DE, byline: str = "") -> tuple[str, ...]:
    html = (f"<html lang='{lang}'><head><title>Das Institut</title></head><body><article>"
            f"<h1>Das Institut</h1>{byline}{body * 5}</article>{box}</body></html>")
    return extract(html, url="https://example.de/a").authors


def test_the_reviewed_books_author_is_not_the_storys() -> None:
    # Fails without WORK_FACT_RE: ('Stephen King',) for both.
    box = "<div><p>Titel: Das Institut</p><p>Autor: Stephen King</p><p>Verlag: Heyne</p></div>"
    assert _authors(box) == ()
    box = ("<div><p>Title: The Institute</p><p>Author: Stephen King</p>"
           "<p>Publisher: Scribner</p></div>")
    assert _authors(box, "en", EN) == ()


def test_an_author_box_with_no_work_facts_still_names_the_author() -> None:
    # Guards (pass both ways): a32's DW box; a byline beside a line that only starts with
    # a label word ("Title IX ...", no colon).
    assert _authors("<div><p><strong>Autorin/Autor</strong> Roman Goncharenko</p></div>") == (
        "Roman Goncharenko",
    )
    byline = "<p>By Jane Doe</p><p>Title IX lawsuit against the district goes ahead</p>"
    assert _authors("", "en", EN, byline) == ("Jane Doe",)
