"""Author categories of the fourth pass (issue 17, a30), each found on several unrelated
sites across the dev set and fundus's publisher pages. The pages are made up."""

from __future__ import annotations

import pytest

from parsers import extract
from tests.parsers.council_story import TEXT

URL = "https://news.example.org/2025/05/14/council-plan/"
SITE = (
    "<meta property='og:site_name' content='Valley Times'>"
    "<meta name='author' content='Valley Times'>"
)


def page(head: str = "", header: str = "") -> str:
    return (
        f"<html><head>{head}</head><body><main><h1>Council approves transport plan</h1>"
        f"{header}<div class='content'>{TEXT}</div></main></body></html>"
    )


@pytest.mark.parametrize(
    ("head", "header", "expected"),
    [
        # Category "name line beside the date": the name alone over the date line
        # (zalaris.com, dev) or under it (lestimes.com, fundus, where every declared
        # author is the site's own name).
        ("", "<p class='small'>Elliot Raba</p><p><span>23.07.2025</span> · "
         "<span>6 min read</span></p>", ("Elliot Raba",)),
        (SITE, "<p>In Local News</p><p>May 14, 2025</p><p>Mohloai Mpesi</p>",
         ("Mohloai Mpesi",)),
        # Guards: a subheading or a contents box's label under the date is not a name;
        # the site's name stays when nothing else names anyone.
        (SITE, "<p>May 14, 2025</p><h2>The Collective Licensing Model</h2>", ("Valley Times",)),
        ("", "<p>May 14, 2025</p><p>In This Article</p>", ()),
        ("", "<p>May 14, 2025</p><h3>Vibe Coding</h3>", ()),
    ],
)
def test_name_line_beside_the_date(head: str, header: str, expected: tuple[str, ...]) -> None:
    assert extract(page(head, header), url=URL).authors == expected


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        # Category "an author label, then one line per author" (c2es.org, mongodb.com).
        (
            "<h6>Author(s)</h6><ul><li>John A. Alic</li><li>David C. Mowery</li>"
            "<li>Edward S. Rubin</li></ul><p>Download pdf</p>",
            ("John A. Alic", "David C. Mowery", "Edward S. Rubin"),
        ),
        (
            "<div>Author</div><div>CP</div><div>Chengcheng Pei</div><div>Staff Software "
            "Engineer, MongoDB</div><div>YL</div><div>Yuan Lin</div><div>Director of "
            "Engineering, MongoDB</div><div>MongoDB Resources</div>",
            ("Chengcheng Pei", "Yuan Lin"),
        ),
        # Guard: what follows a name that is not one person's is not a co-author.
        ("<div>Author</div><div>Laura / House Plant House</div><div>Previous Post</div>",
         ("Laura / House Plant House",)),
    ],
)
def test_names_after_an_author_label(after: str, expected: tuple[str, ...]) -> None:
    # A longer story, so the label is under it, not in the header's window.
    html = page().replace(TEXT, TEXT * 4).replace("</main>", f"</main><footer>{after}</footer>")
    assert extract(html, url=URL).authors == expected
