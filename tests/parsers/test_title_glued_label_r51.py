"""t51's glued-label rule on a headline holding "İ" (r51, second read of k51t).

k51t found the title's words before casefolding ("İstanbul" -> one word) and the printed
block's after ("i̇stanbul": "i", a combining dot WORD_RE does not count as a letter,
"stanbul"), so a Turkish headline printed alone never matched its own title and the site
label stayed (it did on 7608297, where both sides were casefolded first)."""

from __future__ import annotations

import pytest

from parsers import extract
from tests.parsers.test_title_k51t_glued_label_attacks import URL, _page


@pytest.mark.parametrize(
    "headline",
    ["İstanbul seçim sonuçları açıklandı", "Election results announced in İzmir"],
)
def test_a_headline_with_a_dotted_capital_i_sheds_its_glued_label(headline: str) -> None:
    page = _page(f"{headline} @ Haber Sitesi", f"<div>{headline}</div>")
    assert extract(page, url=URL).title == headline


@pytest.mark.parametrize(
    ("title", "printed"),
    [
        ('"We will not back down" says union leader', "We will not back down"),
        ("‘We will not back down’ says union leader", "‘We will not back down’"),
        ('Union leader says "we will not back down"', "we will not back down"),
    ],
)
def test_a_quoted_headline_going_on_after_a_space_stays_whole(title: str, printed: str) -> None:
    """k51t: quotes closing (or opening) the headline are no marks, and a headline's own
    words go on after a space; but the space after the quote was taken for a mark (the
    edge was stripped of white space before the quote, not after), so a pull quote
    printing the quoted words cut the title to them."""
    page = _page(title, f"<div class='pull'>{printed}</div>")
    assert extract(page, url=URL).title == title
