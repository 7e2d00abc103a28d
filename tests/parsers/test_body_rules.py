"""Body rules that choose the story's container and read its labels, lists and tables:
small pages, one rule each (what follows the story: test_body_end_cuts.py; furniture lines:
test_body_line_filters.py)."""

from __future__ import annotations

import re

import pytest

from parsers.body import (
    HARD,
    HARD_WORDS,
    POSITIVE,
    POSITIVE_WORDS,
    SOFT,
    SOFT_WORDS,
    TAIL,
    TAIL_WORDS,
    WEAK,
    WEAK_WORDS,
    label_kind,
)
from tests.parsers.body_rule_pages import (
    STORY,
    body,
    page,
)


def test_plain_story_is_kept_whole() -> None:
    assert body(page()).split("\n\n") == STORY


def test_a_long_paragraph_seen_twice_is_kept_once() -> None:
    text = body(page(after=f'<div class="carousel-clone"><p>{STORY[1]}</p></div>'))
    assert text.count(STORY[1]) == 1


def test_repeated_list_items_are_kept() -> None:
    item = "Warm up for fifteen minutes with easy jogging and a few drills"
    schedule = f"<ul><li>{item}</li><li>Intervals</li><li>{item}</li></ul>"
    assert body(page(after=schedule)).count(item) == 2


def test_linked_entries_inside_a_listicle_are_kept() -> None:
    entries = "".join(
        f'<div class="entry"><h3><a href="/shop/{i}">Brand number {i} of the list</a></h3>'
        f"<p>Brand {i} makes sturdy bags by hand in a small workshop, using recycled canvas.</p>"
        "</div>"
        for i in range(4)
    )
    text = body(page(before=f'<div class="grid">{entries}</div>'))
    assert "Brand 0 makes sturdy bags" in text and "Brand 3 makes sturdy bags" in text


def test_author_box_with_a_glued_class_name_is_dropped() -> None:
    # "entry_authorArea": no word boundary before "author", still an author box.
    bio = (
        '<div class="entry_authorArea"><p>Jane Doe is a reporter who has covered transport and'
        " city politics for the paper for ten years.</p></div>"
    )
    text = body(page(after=bio))
    assert "Jane Doe is a reporter" not in text


@pytest.mark.parametrize("label", ["blog-cta", "call-to-action", "inline-banner", "citations"])
def test_call_to_action_banner_and_citation_boxes_are_dropped(label: str) -> None:
    box = (
        f'<div class="{label}"><h3>Ready to plan your next trip with us?</h3>'
        "<p>Try our journey planner app free for thirty days and never miss a tram.</p></div>"
    )
    text = body(page(after=box))
    assert "journey planner" not in text
    assert text.split("\n\n") == STORY


def test_author_labelled_block_before_more_story_is_kept() -> None:
    # Not at the end: a story section whose wrapper happens to say "author".
    quote = (
        '<div class="author-quote"><p>We have waited long enough for this tram, said one'
        " resident of the eastern districts.</p></div>"
    )
    text = body(page(before=quote))
    assert "We have waited long enough" in text


def test_story_sections_in_toc_named_wrappers_are_kept() -> None:
    sections = "".join(f'<section class="toc-chapter"><p>{p}</p></section>' for p in STORY)
    html = (
        "<html><body><article><h1>Council approves transport plan</h1>"
        f'<div class="toc-chapters">{sections}</div></article></body></html>'
    )
    assert body(html).split("\n\n") == STORY


@pytest.mark.parametrize(
    ("label", "bits"),
    [
        ("comments", HARD),
        ("post-comments-area", HARD | POSITIVE),
        ("commentary-body", POSITIVE),
        ("ads", SOFT),
        ("loads", 0),
        ("entry-meta", SOFT | POSITIVE),
        ("metadata", 0),
        ("author-name", WEAK | TAIL),
        ("coauthor", 0),
        ("main-nav", WEAK | POSITIVE),
        ("toc-chapter", WEAK),
        ("paywall", HARD),
        ("sidebar", SOFT),
        ("primary-sidebar", SOFT),
        ("has-sidebar", 0),
        ("no_sidebar", 0),
        ("sidebar-enabled", 0),
        ("content-sidebar-wrap", POSITIVE),
    ],
)
def test_label_bits(label: str, bits: int) -> None:
    assert label_kind(label) == bits


def test_label_regex_rewrite_keeps_the_matches() -> None:
    # The compiled alternation is rewritten for speed; the plain word lists must agree.
    plain = re.compile(
        f"(?P<hard>{HARD_WORDS})|(?P<soft>{SOFT_WORDS})|(?P<tail>{TAIL_WORDS})"
        f"|(?P<weak>{WEAK_WORDS})|(?P<positive>{POSITIVE_WORDS})"
    )
    bits = {"hard": HARD, "soft": SOFT, "tail": WEAK | TAIL, "weak": WEAK, "positive": POSITIVE}
    labels = [
        "comments", "x comments", "comments-x", "nocomments", "ad-slot", "bad-row", "the tags",
        "stags", "bio", "biology", "menu-main", "submenu", "post", "poster", "story-body",
        "history", "text", "context", "nav", "canvas", "has-sidebar", "sidebar-enabled",
        "sidebars",
    ]  # fmt: skip
    for label in labels:
        expected = 0
        for match in plain.finditer(label):
            expected |= bits[match.lastgroup or ""]
        assert label_kind(label) == expected, label


def test_hidden_accordion_text_is_kept_but_hidden_footnotes_are_not() -> None:
    answer = "".join(f"<p>In the first step, {p[0].lower()}{p[1:]}</p>" for p in STORY[:4])
    notes = "".join(f"<li>A note: {p}</li>" for p in STORY[1:])
    extra = (
        f'<h2>Step one</h2><div class="accordion-panel" style="display:none">{answer}</div>'
        f'<div class="footnote-list" hidden><ol>{notes}</ol></div>'
    )
    text = body(page(after=extra, story=STORY + [p[:-1] + " again." for p in STORY]))
    assert "In the first step, the city council" in text
    assert "A note:" not in text


def test_linked_heading_over_a_paragraph_is_kept() -> None:
    section = (
        '<h2><a href="#funding">How the plan is funded</a></h2>'
        "<p>Two thirds of the cost comes from a regional grant, the rest from a bond the city"
        " will issue next year.</p>"
    )
    text = body(page(after=section))
    assert "How the plan is funded" in text


def test_linked_heading_without_a_paragraph_is_dropped() -> None:
    links = (
        '<h3><a href="/news/trams-history/">A short history of the city trams</a></h3>'
        '<h3><a href="/news/bus-fleet/">What happens to the old diesel buses</a></h3>'
    )
    text = body(page(after=links))
    assert "history of the city trams" not in text


def test_a_story_rendered_twice_does_not_pull_in_its_surroundings() -> None:
    story = [*STORY, *(f"{p[:-1]}, the mayor's office added." for p in STORY[:3])]
    copy = "".join(f"<p>{p}</p>" for p in story)
    promo = "Our weekend edition brings the best of the week to your door."
    html = (
        "<html><head><title>Council approves transport plan</title></head><body>"
        f'<div class="layout"><div class="layout-wide">{copy}</div>'
        f'<div class="layout-narrow">{copy}</div><p>{promo}</p></div></body></html>'
    )
    text = body(html)
    assert promo not in text
    assert text.split("\n\n") == story


def test_link_lines_in_a_list_between_story_paragraphs_are_kept() -> None:
    books = ["Drawing on the Right Side", "The Natural Way to Draw", "An Atlas of Anatomy"]
    items = "".join(f'<li><a href="/b/{i}">{title}</a></li>' for i, title in enumerate(books))
    html = page(story=[*STORY[:2], f"<ul>{items}</ul>", *STORY[2:]])
    html = html.replace("<p><ul>", "<ul>").replace("</ul></p>", "</ul>")
    text = body(html)
    assert all(title in text for title in books)
    assert STORY[-1] in text


def test_sections_of_heading_and_text_wrapper_join_as_siblings() -> None:
    link = '<li><a href="/p/{0}">Patch number {0} for the compiler</a></li>'
    links = "".join(link.format(i) for i in range(30))
    section = '<div class="sect1"><h2>{}</h2><div class="sectionbody">{}</div></div>'
    html = (
        "<html><head><title>Progress report</title></head><body><article>"
        '<h1>Progress report</h1><div class="content">'
        + section.format("What it is", "".join(f"<p>{p}</p>" for p in STORY[:3]))
        + section.format("Status", "".join(f"<p>{p}</p>" for p in STORY[3:]))
        + section.format("Patches", f"<ul>{links}</ul>")
        + "</div></article></body></html>"
    )
    text = body(html)
    assert STORY[0] in text and STORY[-1] in text


def test_streamed_sections_are_read_in_their_slot() -> None:
    late = "The second half of the story arrived later in the stream, as a hidden block."
    html = (
        "<html><head><title>Council approves transport plan</title></head><body>"
        '<article><div class="story">'
        + "".join(f"<p>{p}</p>" for p in STORY[:3])
        + '<!--$?--><template id="B:0"></template><div>Loading paragraph...</div><!--/$-->'
        + "".join(f"<p>{p}</p>" for p in STORY[3:])
        + "</div></article><footer><p>Copyright</p></footer>"
        + f'<div hidden id="S:0"><p>{late}</p><p>{late.upper()}</p></div>'
        + '<script>$RC("B:0","S:0")</script></body></html>'
    )
    text = body(html).split("\n\n")
    assert text[3] == late
    assert "Loading paragraph..." not in text
    assert text.index(STORY[3]) > text.index(late)


def test_streamed_section_without_a_slot_stays_where_it_is() -> None:
    from parsers.prune import prune_html

    html = (
        '<body><p>Story.</p><template id="B:7"></template><p>More story.</p>'
        '<div hidden id="S:7"><p>Moved text.</p></div>'
        '<div hidden id="S:8"><p>Unslotted text.</p></div></body>'
    )
    pruned, _ = prune_html(html)
    # S:7 moves into its slot; S:8 has none, so it stays as it was instead of vanishing.
    assert pruned.index("Moved text.") < pruned.index("More story.")
    assert '<div hidden id="S:8"><p>Unslotted text.</p></div>' in pruned


def test_story_wrapper_inside_a_doubly_named_main_is_chosen() -> None:
    # <main class="site-main"> earns two bonuses (tag and name) to the story wrapper's
    # one; the help box beside the story must not ride along on them.
    help_box = (
        '<div class="box"><p>Questions about your account? <a href="/help">Visit our help'
        " centre pages</a> any time.</p></div>"
    )
    paragraphs = "".join(f"<p>{p}</p>" for p in STORY)
    html = (
        "<html><head><title>Council approves transport plan</title></head><body>"
        f'<main class="site-main"><div class="entry-content">{paragraphs}</div>{help_box}'
        "</main></body></html>"
    )
    assert body(html).split("\n\n") == STORY


def test_story_part_in_a_sidebar_layout_wrapper_is_kept() -> None:
    # "has-sidebar", "sidebar-enabled": the wrapper says a sidebar sits beside it.
    takeaways = (
        '<div class="story-part sidebar-enabled"><p>Key takeaways: three tram lines, electric'
        " buses by 2028 and an audit of the cost estimates.</p></div>"
    )
    assert "Key takeaways" in body(page(before=takeaways))


def test_a_date_alone_in_a_table_cell_is_kept() -> None:
    rows = "".join(
        f"<tr><td>{day}</td><td>{stage}</td></tr>"
        for day, stage in (("March 3, 2024", "Consultation opens"), ("June 1, 2025", "Works"))
    )
    text = body(page(after=f"<table>{rows}</table>"))
    assert "March 3, 2024" in text and "June 1, 2025" in text


@pytest.mark.parametrize(("dates", "kept"), [(3, True), (2, False)])
def test_dates_of_a_dated_list_are_kept(dates: int, kept: bool) -> None:
    days = ["March 3, 2024", "June 1, 2025", "May 4, 2026"][:dates]
    items = "".join(f"<dt>{day}</dt><dd>Stage {i} of the works</dd>" for i, day in enumerate(days))
    text = body(page(after=f"<dl>{items}</dl>"))
    assert ("March 3, 2024" in text) is kept


def test_link_items_in_a_list_with_a_prose_item_are_kept() -> None:
    items = (
        '<li><a href="/lines/east">East tram line</a></li>'
        '<li><a href="/lines/harbour">Harbour tram line</a></li>'
        "<li>Both lines will share a depot near the ring road, the council said.</li>"
    )
    text = body(page(after=f"<ul>{items}</ul>"))
    assert "East tram line" in text and "Harbour tram line" in text


@pytest.mark.parametrize(
    "between",
    [
        "<p>Price: $30</p>",  # a short line before the entry's text
        '<div class="share-bar"><a href="/share">Tweet</a></div>',  # a dropped element
        "<h3>Best for beginners</h3>",  # a sub-heading
    ],
)
def test_linked_heading_over_a_paragraph_a_few_blocks_on_is_kept(between: str) -> None:
    section = (
        f'<h2><a href="/shop/rope">Speed jump rope</a></h2>{between}'
        "<p>Perfect for cardio that needs no extra space, a jump rope is cheap, effective and"
        " easy to carry.</p>"
    )
    text = body(page(after=section))
    assert "Speed jump rope" in text


@pytest.mark.parametrize(
    ("anchor", "kept"),
    [
        ('id="what-share-of-riders-use-the-trams"', True),  # slugged from its own text
        ('class="blueprint-of-the-lines"', True),  # "print" inside a slug
        ('class="share-title"', False),  # a component name, not a slug
    ],
)
def test_heading_anchor_slugs_do_not_make_it_furniture(anchor: str, kept: bool) -> None:
    heading = "What share of riders use the trams" if kept else "Share this article"
    if "blueprint" in anchor:
        heading = "Blueprint of the lines"  # short: not good text on its own
    text = body(page(story=[*STORY[:3], f"<h2 {anchor}>{heading}</h2>", *STORY[3:]]))
    assert (heading in text) is kept


def test_two_word_link_items_between_story_paragraphs_are_kept() -> None:
    tools = ["Fluke 117", "Klein MM400"]
    items = "".join(f'<li><a href="/t/{i}">{name}</a></li>' for i, name in enumerate(tools))
    html = page(story=[*STORY[:2], f"<ul>{items}</ul>", *STORY[2:]])
    html = html.replace("<p><ul>", "<ul>").replace("</ul></p>", "</ul>")
    text = body(html)
    assert all(name in text for name in tools)


def test_short_hidden_panels_of_an_accordion_are_kept() -> None:
    answers = [
        "Yes, the night trams run every half hour.",
        "No, bikes are allowed outside rush hours.",
        "Tickets cost the same as on the buses.",
    ]
    faq = "".join(
        f'<h3>Question {i}</h3><div class="faq-answer" hidden><p>{a}</p></div>'
        for i, a in enumerate(answers)
    )
    text = body(page(after=faq))
    assert all(answer in text for answer in answers)


def test_linked_cells_of_a_data_table_are_kept() -> None:
    firms = (("Tram Builders Inc.", "41%"), ("Rail Works Ltd.", "33%"))
    rows = "".join(
        f'<tr><td><a href="/c/{i}">{name}</a></td><td>{share}</td></tr>'
        for i, (name, share) in enumerate(firms)
    )
    text = body(page(story=[*STORY[:3], f"<table>{rows}</table>", *STORY[3:]]))
    assert "Tram Builders Inc." in text and "Rail Works Ltd." in text


def test_linked_heading_over_a_short_line_is_kept() -> None:
    section = (
        '<h2><a href="/companies/trams">Tram Builders Inc.</a></h2>'
        "<p>Revenue: $4.1 billion in 2024</p>"
    )
    text = body(page(after=section))
    assert "Tram Builders Inc." in text


def test_bare_link_lines_in_a_list_with_prose_are_not_teaser_cards() -> None:
    sources = [
        "Regional transport plan 2024 to 2030",
        "Audit of the tram line cost estimates",
        "Survey of riders in the eastern districts",
    ]
    items = "".join(f'<li><a href="/docs/{i}">{title}</a></li>' for i, title in enumerate(sources))
    items += "<li>All three documents are at the city hall library, the council said.</li>"
    text = body(page(after=f"<ul>{items}</ul>"))
    assert all(title in text for title in sources)

