"""Title and author rules found on pages the rules were not tuned on (issue 17).

Each test is named for the category of failure it guards; the pages are made up,
shaped like the real ones (Readability's and newspaper4k's test pages).
"""

from __future__ import annotations

import pytest

from parsers import extract
from tests.parsers.council_story import TEXT

URL = "https://news.example.org/2019/11/16/story/"
WRITERS = ("grace-dent", "robert-fisk", "mark-steel", "john-rentoul", "holly-baxter")


def page(head: str = "", before: str = "", byline: str = "", headings: str = "") -> str:
    headings = headings or "<h1>Council approves transport plan</h1>"
    return (
        f"<html><head>{head}</head><body>{before}<article>{headings}"
        f"{byline}{TEXT}</article></body></html>"
    )


def test_a_staff_directory_menu_is_not_the_byline() -> None:
    menu = "".join(
        f'<li><a href="/author/{w}">{w.replace("-", " ").title()}</a></li>' for w in WRITERS
    )
    before = f'<div class="menu"><ul><li><a href="/voices">Voices</a><ul>{menu}</ul></li></ul>'
    before += "</div>"
    byline = '<p class="meta"><a href="/author/hazel-sheffield">Hazel Sheffield</a></p>'
    assert extract(page(before=before, byline=byline), url=URL).authors == ("Hazel Sheffield",)


def test_the_name_element_inside_an_author_box_is_the_writer() -> None:
    byline = (
        '<div class="authorinfo"><span class="source">Tech Insider</span>'
        '<span class="authorname-txt">Alex Perry</span><span>1 day ago</span></div>'
    )
    assert extract(page(byline=byline), url=URL).authors == ("Alex Perry",)


def test_a_section_label_before_the_by_is_not_the_writer() -> None:
    byline = (
        '<div class="authorInfo"><a href="/topics/tech-industry/">Tech Industry</a>'
        "<span>by</span> <span>Steven Musil</span> <span>January 18, 2017</span></div>"
    )
    assert extract(page(byline=byline), url=URL).authors == ("Steven Musil",)


def test_by_in_another_language_is_a_label_not_a_name() -> None:
    byline = '<div itemprop="author"><span class="byText">por </span> <a>César Salza</a></div>'
    assert extract(page(byline=byline), url=URL).authors == ("César Salza",)


def test_the_h1_equal_to_og_title_beats_a_hidden_site_h1() -> None:
    head = (
        "<title>Tram plan approved in full Photo 1 World news AFPBB News</title>"
        '<meta property="og:title" content="Tram plan approved in full">'
    )
    before = '<h1 class="hide-text">World news AFPBB News</h1>'
    html = page(head=head, before=before, headings="<h1>Tram plan approved in full</h1>")
    assert extract(html, url=URL).title == "Tram plan approved in full"


def test_a_heading_cut_at_its_colon_gives_way_to_the_full_headline() -> None:
    head = '<meta property="og:title" content="The Open Journalism Project: Better Student Work">'
    html = page(head=head, headings="<h2>Open Journalism Project:</h2>")
    assert extract(html, url=URL).title == "The Open Journalism Project: Better Student Work"


def test_a_permalink_anchor_is_not_part_of_the_headline() -> None:
    headings = '<h1>Evolve: Shared Mutable History<a class="headerlink" href="#e">¶</a></h1>'
    assert extract(page(headings=headings), url=URL).title == "Evolve: Shared Mutable History"


# Issue 17, second pass.


@pytest.mark.parametrize(
    "credit",
    [
        "<figure><img src='/a.jpg' alt=''><figcaption><small>Photo by "
        "<a href='https://unsplash.com/p/1'>Ricardo Gomez</a></small></figcaption></figure>",
        "<p class='credit'>Illustration by Ann Poe</p>",
        "<p>Header image by John Roe | Unsplash</p>",
    ],
)
def test_a_photo_credit_is_not_the_byline(credit: str) -> None:
    # Category "photo credit": a personal blog names its writer only in metadata (the
    # site's own name), and the lead image's credit line is the only "by" in the header.
    head = (
        '<meta property="og:site_name" content="Haki Benita">'
        '<meta name="author" content="Haki Benita">'
    )
    html = page(head=head, byline=credit)
    assert extract(html, url=URL).authors == ("Haki Benita",)


@pytest.mark.parametrize(
    ("metas", "expected"),
    [
        # Google Scholar's tags: one per author, surname first.
        (
            [("citation_author", "Roy, Aniruddha"), ("citation_author", "Patel, Jyoti")],
            ("Aniruddha Roy", "Jyoti Patel"),
        ),
        # An RFC's Dublin Core tags, initials and a particle.
        (
            [("DC.Creator", "Kooman, F."), ("DC.Creator", "Jong, Michiel de")],
            ("F. Kooman", "Michiel de Jong"),
        ),
        # A journal that gives only the first author under DC.Creator and all of them
        # under citation_authors.
        (
            [("DC.Creator", "Jennifer Huberty"), ("citation_authors", "Jennifer Huberty"),
             ("citation_authors", "Jeni Green"), ("citation_authors", "Linda Larkey")],
            ("Jennifer Huberty", "Jeni Green", "Linda Larkey"),
        ),
        # One tag naming two people is still a byline.
        ([("author", "Jane Doe, John Roe")], ("Jane Doe", "John Roe")),
    ],
)
def test_one_author_meta_tag_per_author(
    metas: list[tuple[str, str]], expected: tuple[str, ...]
) -> None:
    # Category "one tag per author".
    head = "".join(f'<meta name="{name}" content="{value}">' for name, value in metas)
    assert extract(page(head=head), url=URL).authors == expected


@pytest.mark.parametrize("name", ["Mac &amp; i", "Marks &amp; Spencer News"])
def test_the_site_named_as_author_is_not_split_at_its_ampersand(name: str) -> None:
    # Category "the site as author": a magazine's name in DC.creator and og:site_name.
    head = (
        f'<meta property="og:site_name" content="{name}">'
        f'<meta name="DC.creator" content="{name}">'
    )
    assert extract(page(head=head), url=URL).authors == (name.replace("&amp;", "&"),)


@pytest.mark.parametrize(
    "description",
    ["Licensed Q Arabica Grader, M.A. Journalism", "Senior Grader, Coffee Taster"],
)
def test_an_author_description_is_not_the_name(description: str) -> None:
    # Category "author description": the box's name sits in an unmarked element and its
    # credentials in "author-description"; a credential is never the author.
    box = (
        "<div class='box'><p class='headline'>Asser Christensen</p>"
        f"<div class='dynamic-author-description'>{description}</div></div>"
    )
    assert extract(page(byline=box), url=URL).authors == ()


def _blog_page(site: str, banner: str, headline: str, og: str | None = None) -> str:
    head = (
        f'<meta property="og:site_name" content="{site}">'
        f'<meta property="og:title" content="{og or headline}">'
        '<script type="application/ld+json">{"@type": "BlogPosting", '
        f'"headline": "{headline}"}}</script>'
    )
    body = f"<header><h1>{banner}</h1></header><article>{TEXT}</article>"
    return f"<html><head>{head}</head><body>{body}</body></html>"


@pytest.mark.parametrize(
    ("site", "banner"),
    [("Minecraft Update News", "Minecraft News"), ("The Daily Planet Sports Blog", "Daily Planet")],
)
def test_an_h1_made_of_the_site_names_words_is_not_the_headline(site: str, banner: str) -> None:
    # Category "blog name in an <h1>": the only <h1> is the blog's banner, in other words
    # than og:site_name spells them.
    html = _blog_page(site, banner, "Council approves transport plan")
    assert extract(html, url=URL).title == "Council approves transport plan"


@pytest.mark.parametrize(
    "headline", ["Minecraft 1.8 - The Bountiful Update", "Windows 11 – What changed in the update"]
)
def test_a_dash_inside_the_json_ld_headline_is_kept(headline: str) -> None:
    # Category "site name cut wrongly": the site is named apart and no part of the
    # headline is its name, so the dash joins two halves of the headline.
    html = _blog_page("Minecraft Update News", "Minecraft News", headline)
    assert extract(html, url=URL).title == headline


@pytest.mark.parametrize(
    "headline",
    ["Council approves transport plan - Breitbart", "Breitbart - Council approves transport plan"],
)
def test_a_site_label_spelt_another_way_still_leaves_the_json_ld_headline(headline: str) -> None:
    # The headline's dashed part is the site under a shorter name than og:site_name.
    html = _blog_page("Breitbart News Network", "Breitbart News", headline)
    assert extract(html, url=URL).title == "Council approves transport plan"


def test_a_site_label_after_a_dash_in_og_title_still_goes() -> None:
    # The same page without a JSON-LD headline: og:title "Headline - Site" loses the label.
    html = _blog_page("Acme News", "Acme News", "", og="Council approves transport plan - Acme")
    html = html.replace(', "headline": ""', "")
    assert extract(html, url=URL).title == "Council approves transport plan"


# Shaped like the L3S Google News pages (regional and wire news sites, 2008): no
# og:title, section labels in <h1>s, the site's name before the headline in <title>.
HEADLINE = "Bush declares flooded Nev. town disaster"


def old_news_page(title: str, top: str, headline_html: str) -> str:
    return (
        f"<html><head><title>{title}</title></head><body>{top}"
        f"<div>Posted on Tue, Jan. 08, 2008</div>{headline_html}{TEXT}</body></html>"
    )


@pytest.mark.parametrize(
    "title",
    [
        f"SunHerald.com : {HEADLINE}",
        f"News - {HEADLINE} - Soccerway",
        f"TV3 > News > National News > Story > {HEADLINE}",
    ],
)
def test_the_site_name_before_the_headline_in_title_leaves_the_headline(title: str) -> None:
    # Category "site name before the headline": the <title>'s trailing part is the
    # headline an <h1> prints, not a site label; the section <h1> is not the headline.
    html = old_news_page(title, "<h1>National News</h1>", f"<h1>{HEADLINE}</h1>")
    assert extract(html, url=URL).title == HEADLINE


@pytest.mark.parametrize(
    "headline_html",
    [
        f'<table><tr><td class="arttitle">{HEADLINE}</td></tr></table>',
        f'<div class="articleTitle">{HEADLINE}</div>',
        f"<h4>{HEADLINE}</h4>",
    ],
)
def test_a_headline_in_a_styled_block_that_title_confirms_beats_a_label_h1(
    headline_html: str,
) -> None:
    # Category "headline in a styled block": the <h1>s are "Top Classifieds" and
    # "Sports"; the block printing <title>'s headline part is the headline.
    top = "<h1>Top Classifieds</h1><h1>Sports</h1>"
    html = old_news_page(f"ContraCostaTimes.com - {HEADLINE}", top, headline_html)
    assert extract(html, url=URL).title == HEADLINE


def test_a_headline_in_a_story_list_link_is_not_confirmed() -> None:
    # The guard of the rule above: a linked story title is a list entry, not this page's.
    top = f'<ul><li><a href="/a">{HEADLINE}</a></li></ul>'
    html = old_news_page(f"ContraCostaTimes.com - {HEADLINE}", top, "<h1>Sports wire</h1>")
    assert extract(html, url=URL).title == "Sports wire"


@pytest.mark.parametrize(
    "headline_html",
    [
        f'<table><tr><td class="contentheading">{HEADLINE}</td></tr></table>',
        f"<h3>{HEADLINE}</h3>",
    ],
)
def test_a_page_without_title_gives_the_headline_over_the_story(headline_html: str) -> None:
    # Category "no title anywhere but the page": no <title>, no metadata.
    html = (
        f"<html><head></head><body><div>Posted on Tue, Jan. 08, 2008</div>"
        f"{headline_html}{TEXT}</body></html>"
    )
    assert extract(html, url=URL).title == HEADLINE


@pytest.mark.parametrize(
    "title",
    [f"LAist: {HEADLINE}", f"{HEADLINE}_English_Xinhua", f"{HEADLINE} (from The Herald)",
     f"{HEADLINE}|ABC 7 News"],
)
def test_a_title_written_without_spaces_round_its_separator_still_confirms(title: str) -> None:
    # Category "headline in a styled block", <title> cut where it omits the spaces.
    top = "<h1>Top Classifieds</h1><h1>Sports</h1>"
    html = old_news_page(title, top, f'<div class="headline">{HEADLINE}</div>')
    assert extract(html, url=URL).title == HEADLINE


def test_a_breadcrumb_ending_with_the_og_title_does_not_beat_the_h1() -> None:
    # The guard of "headline in a styled block": the breadcrumb's last step prints the
    # og:title; the page's own <h1> is the headline as printed.
    head = (
        "<title>Climate change: 5 innovative solutions | Neste</title>"
        '<meta property="og:title" content="Climate change: 5 innovative solutions | Neste">'
        '<meta property="og:site_name" content="Neste">'
    )
    crumbs = (
        '<ol><li><a href="/news">News and insights</a></li>'
        "<li>Climate change: 5 innovative solutions</li></ol>"
    )
    h1 = "<h1>Five innovative solutions to climate change: learning from hotspots</h1>"
    html = f"<html><head>{head}</head><body>{crumbs}<article>{h1}{TEXT}</article></body></html>"
    assert extract(html, url=URL).title == (
        "Five innovative solutions to climate change: learning from hotspots"
    )


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        # Category "role with the outlet's name".
        ("<p class='byline'>By Jane Doe, Daily Planet Staff Writer</p>", ("Jane Doe",)),
        ("<p class='byline'>By Jane Doe and John Roe, Planet Senior Reporters</p>",
         ("Jane Doe", "John Roe")),
        # Category "outlet or place after the name".
        ("<p class='byline'>By Jane Doe for the Daily Planet</p>", ("Jane Doe",)),
        ("<p class='byline'>By Jane Doe For Dailyplanet.com</p>", ("Jane Doe",)),
        ("<p class='byline'>By Jane Doe in Washington</p>", ("Jane Doe",)),
        # Category "agency after the name".
        ("<p class='byline'>By JANE DOE Associated Press</p>", ("JANE DOE",)),
        ("<p class='byline'>Jane Doe / AFP</p>", ("Jane Doe",)),
        # Category "contact after the name".
        ("<p class='byline'>By Jane Doe jane.doe@planet.example</p>", ("Jane Doe",)),
        ("<p class='byline'>By Jane Doe @janedoe</p>", ("Jane Doe",)),
        # Category "By in another language" inside the name's element.
        ("<p class='byline'>Von Jane Doe</p>", ("Jane Doe",)),
        ("<p class='byline'>Par Jeanne Dupont</p>", ("Jeanne Dupont",)),
        ("<p class='byline'>Por Juana Pérez</p>", ("Juana Pérez",)),
    ],
)
def test_what_follows_or_precedes_a_printed_name_is_not_part_of_it(
    byline: str, expected: tuple[str, ...]
) -> None:
    assert extract(page(byline=byline), url=URL).authors == expected


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        # The agency alone is the byline.
        ("<p class='byline'>By The Associated Press</p>", ("The Associated Press",)),
        # A surname with a particle is not a foreign "By".
        ("<p class='byline'>By Lars von Trier</p>", ("Lars von Trier",)),
        # A team named with a role keeps its name; a role glued to a hyphenated name goes.
        ("<h4 class='author-name'>By <a href='/t'>The Currency editors</a></h4>",
         ("The Currency editors",)),
        ("<p class='byline'>By Mary-Jane Smith Reporter</p>", ("Mary-Jane Smith",)),
        # An organisation's "for" is part of its name.
        ("<p class='byline'>By Center for Drug Evaluation</p>", ("Center for Drug Evaluation",)),
    ],
)
def test_an_agency_a_particle_a_team_or_an_organisation_stays(
    byline: str, expected: tuple[str, ...]
) -> None:
    assert extract(page(byline=byline), url=URL).authors == expected


def test_several_people_in_one_json_ld_name_are_each_an_author() -> None:
    # Category "several authors in one declared name": a co-author plugin writes them
    # into one Person.name.
    ld = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "author": '
        '{"@type": "Person", "name": "Jane Doe and John Roe"}}</script>'
    )
    assert extract(page(head=ld), url=URL).authors == ("Jane Doe", "John Roe")
    one = ld.replace("Jane Doe and John Roe", "Marks &amp; Spencer")
    assert extract(page(head=one), url=URL).authors == ("Marks & Spencer",)


@pytest.mark.parametrize(
    "head",
    [
        "<title>Reuters.com</title>",
        "<title>www.dailyplanet.co.uk</title>",
        '<title>Daily Planet</title><meta property="og:site_name" content="Daily Planet">',
    ],
)
def test_a_title_that_is_only_the_site_gives_way_to_the_headline_over_the_story(
    head: str,
) -> None:
    # Category "the site's name as the page title".
    html = (
        f"<html><head>{head}</head><body><div>Posted on Tue, Jan. 08, 2008</div>"
        f'<div class="headline">{HEADLINE}</div>{TEXT}</body></html>'
    )
    assert extract(html, url=URL).title == HEADLINE


def test_a_site_title_stays_when_no_headline_is_set_over_the_story() -> None:
    html = f"<html><head><title>Reuters.com</title></head><body>{TEXT}</body></html>"
    assert extract(html, url=URL).title == "Reuters.com"
