"""Author categories review k33 left (a34): a teaser line opening with a work label beside
the byline, a call to action with a name after it, a site whose name reads as a person's.
The pages are made up; the forms are those k33 described."""

from __future__ import annotations

import json

import pytest

from tests.parsers.budget_story import budget_authors


def _authors(byline: str, head: str = "", lang: str = "en", box: str = "") -> tuple[str, ...]:
    # The host a34 wrote these cases for (they pass on the bare domain too).
    return budget_authors(byline, head, lang, box, url="https://www.example.com/news/budget")


@pytest.mark.parametrize(
    "byline",
    [
        "<p>By Jane Doe</p><p>Title: What the council decided on Monday</p>",
        "<p>Title: What the council decided on Monday</p><p>By Jane Doe</p>",
        "<p>Von Anna Berg</p><p>Titel: Was der Stadtrat am Montag beschlossen hat</p>",
        "<p>By Jane Doe</p><p>Price: what the new budget costs you</p>",
    ],
)
def test_a_teaser_opening_with_a_work_label_is_no_fact_box(byline: str) -> None:
    # Category "a teaser opening with a work label". Fails without the second fact line
    # a "By" line needs (author_words.in_work_box, BOX_REACH): () for each.
    lang = "de" if byline.startswith("<p>Von") else "en"
    assert _authors(byline, lang=lang) == (("Anna Berg",) if lang == "de" else ("Jane Doe",))


@pytest.mark.parametrize(
    ("box", "lang"),
    [
        ("<div><p>Author: Stephen King</p><p>Title: The Institute</p>"
         "<p>Publisher: Scribner</p></div>", "en"),
        ("<div><p>Titel: Das Institut</p><p>Autor: Stephen King</p><p>Seiten: 592</p></div>",
         "de"),
        ("<dl><dt>Titel</dt><dd>Das Institut</dd><dt>Autor</dt><dd>Stephen King</dd>"
         "<dt>Verlag</dt><dd>Heyne</dd></dl>", "de"),
        ("<div><p>Author: Stephen King</p><p>Title: The Institute</p></div>", "en"),
    ],
)
def test_a_fact_box_still_names_nobody(box: str, lang: str) -> None:
    # Guards (pass both ways): k32's and a33's boxes, the author line first or between; a
    # labelled author line beside one fact (a box a window may cut short reads so).
    assert _authors("", lang=lang, box=box) == ()


@pytest.mark.parametrize(
    "byline",
    [
        "<p>By</p><p><a href='/jane'>Read more about Jane</a></p>",
        "<p>Author:</p><p><a href='/jane'>Read more about Jane Doe</a></p>",
        "<div class='byline'><span>By</span> <a href='/jane'>Read more about Jane</a></div>",
        "<p>By</p><p><a href='/jane'>See more from Jane</a></p>",
    ],
)
def test_a_call_to_action_with_a_name_after_it_is_no_name(byline: str) -> None:
    # Category "call to action after an author label", with the link's object after it.
    # Fails without ACTION_VERBS: ('Read more about Jane',), ('Read more about Jane Doe',),
    # ('Read more about Jane',), ('See more from Jane',).
    assert _authors(byline) == ()


def test_a_call_to_action_in_an_author_meta_is_no_name() -> None:
    # Fails without ACTION_VERBS: ('Read more about Jane',).
    assert _authors("", "<meta name='author' content='Read more about Jane'>") == ()


def test_names_starting_with_a_navigation_word_stay() -> None:
    # Guards (pass both ways): a navigation word that is no verb, then a name; a verb
    # followed by a name.
    assert _authors("<p>By Di La Rosa</p>") == ("Di La Rosa",)
    assert _authors("<p>By Thomas More and Herbert Read</p>") == ("Thomas More", "Herbert Read")


MJ_SITE = "<meta property='og:site_name' content='Mother Jones'>"


def _publisher(kind: str = "NewsMediaOrganization", author: object = None) -> str:
    data: dict[str, object] = {"@type": "NewsArticle", "headline": "Budget settled",
                               "publisher": {"@type": kind, "name": "Mother Jones"}}
    if author is not None:
        data["author"] = author
    return f"<script type='application/ld+json'>{json.dumps(data)}</script>"


@pytest.mark.parametrize(
    ("byline", "head"),
    [
        ("<p>By Jane Doe, Mother Jones</p>", MJ_SITE + _publisher()),
        ("<p>By Jane Doe and Mother Jones</p>", _publisher("Organization")),
        ("", MJ_SITE + _publisher(author={"@type": "Person",
                                          "name": "Jane Doe and Mother Jones"})),
        ("", _publisher() + "<meta name='author' content='Jane Doe, Mother Jones'>"),
    ],
)
def test_an_outlet_named_like_a_person_is_cut_when_declared_an_organisation(
    byline: str, head: str
) -> None:
    # Category "an outlet named like a person". Fails without outlet_sites's declared
    # organisations: ('Jane Doe', 'Mother Jones') for each.
    assert _authors(byline, head) == ("Jane Doe",)


@pytest.mark.parametrize(
    "head",
    [MJ_SITE, _publisher(), MJ_SITE + _publisher()],
)
def test_an_outlet_in_a_byline_element_is_cut(head: str) -> None:
    # Category "an outlet joined to the names", in a byline element's links. Fails without
    # without_outlets: ('Jane Doe', 'Mother Jones') for the declared organisation (2, 3);
    # the first (og:site_name only, a blog named after a person) passes both ways.
    byline = ("<div class='byline'><a href='/author/jane-doe'>Jane Doe</a>, "
              "<a href='/'>Mother Jones</a></div>")
    expected = ("Jane Doe", "Mother Jones") if head == MJ_SITE else ("Jane Doe",)
    assert _authors(byline, head) == expected


def test_an_outlet_like_site_in_a_byline_element_is_cut() -> None:
    # Fails without without_outlets: ('Jane Doe', 'The Daily Planet').
    head = "<meta property='og:site_name' content='The Daily Planet'>"
    byline = ("<div class='byline'><a href='/author/jane-doe'>Jane Doe</a>, "
              "<a href='/'>The Daily Planet</a></div>")
    assert _authors(byline, head) == ("Jane Doe",)


def test_the_sites_name_beside_the_date_is_no_author() -> None:
    # Category "name line beside the date" (a30) meeting a site named like a person: the
    # masthead over the date. Fails without name_beside_date's sites: ('Mother Jones',).
    assert _authors("<p>Mother Jones</p><p>May 14, 2025</p>", MJ_SITE) == ()


@pytest.mark.parametrize(
    ("byline", "head", "expected"),
    [
        ("<p>By Mother Jones</p>", MJ_SITE + _publisher(), ("Mother Jones",)),
        ("", MJ_SITE + "<meta name='author' content='Mother Jones'>", ("Mother Jones",)),
        ("<p>By Jane Doe and Polly Barks</p>",
         "<meta property='og:site_name' content='Polly Barks'>", ("Jane Doe", "Polly Barks")),
        ("<p>Jane Doe</p><p>May 14, 2025</p>", MJ_SITE, ("Jane Doe",)),
    ],
)
def test_the_site_alone_and_a_blog_named_after_a_person_stay(
    byline: str, head: str, expected: tuple[str, ...]
) -> None:
    # Guards (pass both ways): a credit of the outlet alone is kept as printed (a32); a
    # blog named after a co-author declares no organisation (a33); a person beside the date.
    assert _authors(byline, head) == expected


def _declared(name: str, lang: str = "en") -> tuple[str, ...]:
    data = {"@type": "NewsArticle", "headline": "Budget settled",
            "author": {"@type": "Person", "name": name}}
    return _authors("", f"<script type='application/ld+json'>{json.dumps(data)}</script>", lang)


@pytest.mark.parametrize(
    ("name", "lang", "expected"),
    [
        ("Ona Petraitytė, Vilniaus universiteto Filosofijos fakulteto docentė ir tyrėja", "de",
         ("Ona Petraitytė",)),
        ("Anna Berg, Professorin für Geschichte an der Universität Hamburg und Autorin", "de",
         ("Anna Berg",)),
    ],
)
def test_a_role_after_the_declared_name_goes_in_any_language(
    name: str, lang: str, expected: tuple[str, ...]
) -> None:
    # Category "a role after the declared name, in any language" (fundus LRT's JSON-LD
    # Person "Name, <faculty> profesorius, Lrt.lt"). Fails without _person_before_role: ()
    # each (the whole is too long for a name, ROLE_RE knows English roles only).
    assert _declared(name, lang) == expected


def test_a_short_declared_name_with_a_role_stays_as_declared() -> None:
    # Guards (pass both ways): the whole credit is a name (a29: roles the annotation keeps),
    # and a piece before the comma that is no person's name.
    assert _declared("Jane Doe, Dietitian") == ("Jane Doe, Dietitian",)
    assert _declared("Budget office, city of Springfield, planning department and the "
                     "council's finance committee") == ()
