"""An <h1> that names a section, not the story (t50, issue 17): with no og:title or JSON-LD
headline and no <h1> near the story, the first <h1> anywhere was taken even when it shares
no word with <title> ("Sports", "Entertainment" over a 2008-era story, elecom's "Original
text", Readability's fixtures' "Lorem"). <title> names the page then
(``parsers.headline_blocks.h1_unlike_title``); an <h1> sharing a word with <title> stays."""

from __future__ import annotations

import pytest

from parsers import extract

STORY = "".join(
    f"<p>{p}</p>"
    for p in (
        "Former Senate leader George Mitchell, baseball commissioner Bud Selig and union chief "
        "Donald Fehr appeared before a House committee on Tuesday to answer questions.",
        "The hearing followed the report on the use of performance-enhancing drugs in the "
        "major leagues, released last month after a twenty-month investigation.",
        "Members of the committee asked whether the players named in the report would face "
        "discipline, and how testing would change before the next season opens.",
    )
)
URL = "http://www.station.example/sports/story.asp?id=77"


def _page(title: str, h1: str) -> str:
    return (
        f"<html><head><title>{title}</title></head><body>"
        f"<div class='masthead'><h1>{h1}</h1></div>"
        + "".join(f"<div><a href='/l{n}'>Link number {n} here</a></div>" for n in range(14))
        + f"<div class='story'>{STORY}</div></body></html>"
    )


@pytest.mark.parametrize(
    ("h1", "title"),
    [
        ("Sports", "Baseball Leaders Testify Before Congress"),
        ("Entertainment", "Baseball Leaders Testify Before Congress | 2 stars"),
        ("Lorem", "Base URL test"),
    ],
)
def test_a_section_h1_sharing_no_word_gives_way_to_title(h1: str, title: str) -> None:
    got = extract(_page(title, h1), url=URL).title
    assert got != h1
    assert got is not None and got in title


@pytest.mark.parametrize(
    ("h1", "title", "want"),
    [
        ("Mozilla", "Mozilla - Wikipedia", "Mozilla"),
        ("restaurant", "RESTAURANT Definition & Meaning | Dictionary.example", "restaurant"),
        (
            "Social Media Marketing Certifications and Certificates",
            "Which Social Media Marketing Certification is Best?",
            "Social Media Marketing Certifications and Certificates",
        ),
    ],
)
def test_an_h1_sharing_a_word_with_title_stays(h1: str, title: str, want: str) -> None:
    assert extract(_page(title, h1), url=URL).title == want


def _far_page(title: str, h1: str) -> str:
    """The <h1> over a hero gallery whose captions put it far from the story."""
    gallery = "".join(
        f"<figure><img src='/i{n}.jpg'><figcaption>Photo {n} of the scene at the hearing room"
        "</figcaption></figure>"
        for n in range(15)
    )
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{h1}</h1>"
        f"<div class='gallery'>{gallery}</div><div class='story'>{STORY}</div></article>"
        "</body></html>"
    )


@pytest.mark.parametrize(
    ("h1", "title"),
    [
        # k50t: a headline of more than two words is no section's name, whatever <title> is:
        ("Baseball leaders testify before Congress", "The Daily Herald"),  # the site only
        ("Baseball leaders testify before Congress", "MLB steroid hearing: Selig grilled"),
        ("Лидеры бейсбола дают показания в Конгрессе", "Lidery beisbola dayut pokazaniya"),
        ("Élections à Montréal : résultats", "Elections a Montreal : resultats - La Presse"),
        ("Leaders give five testimony", "Leader's 5 Testimonies"),
        ("زلزال بقوة ٥ درجات يضرب طوكيو", "Al Jazeera"),
        ("東京都心で震度５強の地震", "東京で震度5強の地震が発生 | NHKニュース"),
    ],
)
def test_a_far_headline_sharing_no_word_with_title_stays(h1: str, title: str) -> None:
    assert extract(_page(title, h1), url=URL).title == h1
    assert extract(_far_page(title, h1), url=URL).title == h1
