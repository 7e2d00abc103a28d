"""Body rules that drop furniture lines over and among the story's paragraphs (standfirsts,
reading times, bylines, captions, credits, notices) and keep sentences shaped like them."""

from __future__ import annotations

import pytest

from parsers import extract
from tests.parsers.body_rule_pages import (
    STORY,
    URL,
    body,
    page,
)


def test_standfirst_over_the_story_is_dropped() -> None:
    dek = '<p class="article-subtitle">Three tram lines and a new bus fleet for the east.</p>'
    assert body(page(before=dek)).split("\n\n") == STORY


def test_repeated_description_blocks_are_not_a_standfirst() -> None:
    # The same class on every item: descriptions of a list's entries, not a standfirst.
    items = [f"Line {n} runs from the station to the eastern districts every hour." for n in "ABC"]
    listing = "".join(f'<div class="item-description">{line}</div>' for line in items)
    text = body(page(before=listing))
    assert all(line in text for line in items)


def test_cross_links_and_repeated_bylines_are_dropped() -> None:
    extra = (
        '<p>Related: <a href="/n/9">Bus drivers strike over pay</a></p>'
        "<p>Read more: the history of the city's trams</p>"
        "<p>By Jane Doe | Updated May 2, 2024</p>"
        "<p>5 min read</p>"
    )
    text = body(page(after=extra))
    assert "Bus drivers" not in text and "history of the city" not in text
    assert "Jane Doe" not in text and "min read" not in text


def test_caption_and_form_furniture_are_dropped() -> None:
    extra = (
        '<div class="image-caption">The tram depot on the eastern edge of the city, photographed'
        " in March.</div>"
        '<div class="signup-form"><p>Get our morning briefing about the city and its politics'
        " every weekday.</p></div>"
    )
    text = body(page(after=extra))
    assert "tram depot" not in text and "morning briefing" not in text


def test_untrimmed_headline_and_lines_above_it_are_dropped() -> None:
    # The title extractor cuts the section label off the <h1>; the <h1> still repeats it.
    paragraphs = "".join(f"<p>{p}</p>" for p in STORY)
    html = (
        "<html><head><title>Council approves transport plan | Opinion | City News</title>"
        '<meta property="og:title" content="Council approves transport plan"></head>'
        "<body><article><div>Politics</div><div>0:00</div>"
        f"<h1>Council approves transport plan | Opinion</h1>{paragraphs}</article></body></html>"
    )
    article = extract(html, url=URL)
    assert article.title == "Council approves transport plan"
    assert article.body.split("\n\n") == STORY


def test_placeholder_text_is_dropped() -> None:
    filler = "<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod.</p>"
    assert "Lorem" not in body(page(after=filler))


def test_later_heading_ending_with_the_title_is_kept() -> None:
    # Past the story's start a heading that merely contains the title is a section.
    heading = "<h2>Why the council approves transport plan</h2>"
    text = body(page(after=heading + f"<p>{STORY[0][:-1]}, again.</p>"))
    assert "Why the council approves transport plan" in text


def test_sentence_starting_with_by_stays_in_the_body() -> None:
    body = "<p>" + " ".join(["Council members met again to talk about the trams."] * 8) + "</p>"
    html = (
        "<html><body><article><h1>Trams return to the city centre</h1>"
        "<p>By Monday, the council had approved the plan.</p>"
        f"{body}</article></body></html>"
    )
    article = extract(html, url="https://example.org/trams")
    assert "By Monday, the council had approved the plan." in article.body


def test_ordinary_sentences_are_not_sign_up_furniture() -> None:
    text = "Get the latest figures from the ministry before the vote next week."
    story = "<p>" + " ".join(["The budget vote is set for next week in the city hall."] * 6)
    html = (
        f"<html><body><article><h1>Budget vote</h1>{story}</p><p>{text}</p>"
        "</article></body></html>"
    )
    assert text in extract(html, url="https://example.org/a").body


@pytest.mark.parametrize(
    "line",
    [
        "June 10, 2025 | 13 min read",
        "3 MIN. READ",
        "| Reading Time: 7 minutes",
        "Estimated reading time:",
        "Published on May 2, 2024 07:44 PM",
        "Updated Dec. 23, 2024, 1:24 PM EST / Source: Wire",
        "Posted: 2 days ago",
        "Published 2024-05-02 in Transport",
        "Written by",
        "Written byJane Doe",
        "Contributions From: John Roe",
        "Posted on",
        "Last Updated:",
        # b58: a reading-time label in another language, alone or after a date: fundus's
        # SZ, Ruhr Nachrichten, AFP Faktencheck, Klasse gegen Klasse, Die Welt, Salzburger
        # Nachrichten, Le Monde (also Postlight's Le Monde page); dev's legalzoom.com.
        "Lesezeit: 3 Min.",
        "3 Minuten Lesezeit",
        "3 Min Lesezeit",
        "06.01.2026, Lesezeit 5 Min.",
        "Stand: 10:49 UhrLesedauer: 5 Minuten",
        "06. 01. 2026, 14:59 Uhr Lesedauer: 4 Minuten",
        "Temps de Lecture 4 min.",
        "5 min de lecture",
        "Tiempo de lectura: 4 min",
        "Tempo di lettura: 3 minuti",
        "Tempo de leitura: 6 min",
        "Leestijd 4 minuten",
        "Время чтения: 5 минут",
        "Read time: 14 min",
    ],
)
def test_reading_time_and_post_meta_lines_are_dropped(line: str) -> None:
    assert body(page(before=f"<p>{line}</p>")).split("\n\n") == STORY


@pytest.mark.parametrize(
    "line",
    [
        "She said the letter took 5 minutes to read aloud to the room.",
        "Published 12 years ago, the report still shapes the city's policy.",
        # Shaped like bylines or post meta, but sentences.
        "By Decree No. 278 the President approved the new rules.",
        "By March 2025 the plant will run at full capacity.",
        "By Royal Decree 5/2024, the tax was cut.",
        "Published May 2 in the official gazette, the law takes effect in June.",
        "Posted 3.4% growth in the quarter, the retailer said.",
        "Contributions from member states will total $2 billion.",
        # b58: sentences about reading time in other languages.
        "Die Lesezeit des Berichts beträgt rund 40 Minuten, sagte die Ministerin.",
        "Le temps de lecture moyen d'un article est de 4 minutes.",
        "La lectura del fallo duró 45 minutos.",
        "Время чтения доклада составило 5 минут, сообщили в ведомстве.",
    ],
)
def test_sentences_about_reading_or_publishing_are_kept(line: str) -> None:
    assert line in body(page(after=f"<p>{line}</p>"))


@pytest.mark.parametrize(
    "line",
    [
        "By Jane Doe ⋅ Updated May 6, 2025",
        "By Jane DoePublished: Jan 29, 2025",
        "By Jane Doe December 2, 2025",
        "by: Jane Doe, Dec 17, 2025",
        "By Dr. Jane Doe - Mar 27, 2024",
        "By Jane Doe 2 hours ago",
        # Credit and post-date lines.
        "Contributions from Jane Doe and John Roe.",
        "Published on May 02, 2024 07:44 PM IST",
        "Posted: 2 days ago Last Modified: 2 days ago",
        "Getty Images / Jane Doe",
        # h46: date lines the lead-meta and post-date filters missed. A numeric date heading
        # the byline line (dev: mises.org-style, an actuarial society's blog; second:
        # topicseed; a Spanish paper).
        "12/19/2025 • Friday Philosophy • David Gordon",
        "03/01/2017 by Agatha Caleo",
        "On 6/13/2018 by @lazharichir",
        "Patricio Candia | Palma de Mallorca | 08/01/2014",
        # A law firm's blog byline (the template of many law firms' sites).
        "On Behalf of O’Malley Tunstall PLLC | Apr 21, 2017 | Products Liability",
        "On Behalf of Smith & Jones LLP | Mar 3, 2024 | Personal Injury",
        # Drupal's default submitted line.
        "Submitted on Mon, 2019-01-21 13:49",
    ],
)
def test_bylines_running_into_a_date_or_role_are_dropped(line: str) -> None:
    assert body(page(before=f"<p>{line}</p>")).split("\n\n") == STORY


@pytest.mark.parametrize(
    "line",
    [
        "On behalf of the council, Jane Doe thanked the donors.",
        "On Behalf of the Families of the Missing | A Memorial",
        "12/19/2025 was the day the council voted on the tram plan.",
        "Submitted on time, the budget passed the council on Monday.",
        "24/7 coverage | Live",
    ],
)
def test_lines_over_the_story_shaped_like_date_lines_are_kept(line: str) -> None:
    assert body(page(before=f"<p>{line}</p>")).startswith(line)


def test_dont_miss_cross_link_is_dropped() -> None:
    link = "Don’t Miss: Bus drivers vote on a new contract next week"
    story = [*STORY[:2], link, *STORY[2:]]
    assert body(page(story=story)).split("\n\n") == STORY


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("Credit risk rose for the city after the bond sale.", True),
        ("Source support for the new lines is still missing.", True),
        ("Credit: Jane Doe", False),
        ("Photo courtesy Jane Doe", False),
    ],
)
def test_credit_and_source_lines_need_a_label(line: str, kept: bool) -> None:
    text = body(page(after=f"<p>{line}</p>"))
    assert (line in text) is kept


def test_a_testimonial_quote_inside_the_story_is_kept() -> None:
    quote = "The new tram saves me forty minutes a day, and my children can ride it alone."
    box = f'<div class="pullquote-testimonial"><p>{quote}</p><p>Anna, a rider</p></div>'
    text = body(page(story=[*STORY[:3], box, *STORY[3:]]))
    assert quote in text


def test_a_testimonials_collection_is_dropped() -> None:
    quote = "Great service and friendly staff, I recommend this company to all my friends."
    box = f'<div class="testimonials-wrapper"><p>{quote}</p><p>{quote} Really.</p></div>'
    assert quote not in body(page(after=box))


@pytest.mark.parametrize(
    "line",
    [
        "Advertising",
        "Tags: trams, council, transport",
        "Last reviewed April 2017",
        "Featured image by Jane Doe",
        "Listen to this article",
        "Read later",
        "MSRP: $149.99",
    ],
)
def test_furniture_line_among_the_paragraphs_is_dropped(line: str) -> None:
    story = [*STORY[:2], line, *STORY[2:]]
    assert body(page(story=story)).split("\n\n") == STORY


def test_short_affiliate_disclosure_is_dropped() -> None:
    notice = "This post may contain affiliate links. We may earn a small commission."
    assert body(page(before=f"<p>{notice}</p>")).split("\n\n") == STORY


def test_a_story_about_affiliate_links_is_kept() -> None:
    line = "Regulators said the shop's pages contain affiliate links that were not disclosed."
    story = [*STORY[:2], line, *STORY[2:]]
    assert body(page(story=story)).split("\n\n") == story


@pytest.mark.parametrize(
    "notice",
    [
        "Copyright © 2024 City News. All rights reserved.",
        "This work is licensed under a Creative Commons Attribution 4.0 License.",
        "Republish our articles for free, online or in print.",
    ],
)
def test_short_rights_notice_is_dropped(notice: str) -> None:
    assert body(page(after=f"<p>{notice}</p>")).split("\n\n") == STORY


@pytest.mark.parametrize(
    "caption",
    [
        "A tram leaves the depot at dawn. | Photo by Jane Doe",
        "Riders wait at a stop via Getty Images",
    ],
)
def test_caption_closing_with_a_picture_credit_is_dropped(caption: str) -> None:
    story = [*STORY[:3], caption, *STORY[3:]]
    assert body(page(story=story)).split("\n\n") == STORY


def test_counters_and_date_lines_over_the_first_paragraph_are_dropped() -> None:
    lead = "The regional council on Monday approved a plan that adds three tram lines to the east."
    story = ["589", "October 11, 2023 by Jane Doe", f"{lead} More news follows.", *STORY[1:]]
    assert body(page(story=story)).split("\n\n") == story[2:]


def test_a_subtitle_under_the_headline_is_dropped() -> None:
    subtitle = '<h2 class="article-subtitle">Three tram lines and electric buses by 2028</h2>'
    assert body(page(before=subtitle)).split("\n\n") == STORY


@pytest.mark.parametrize(
    "line",
    [
        "Copyright 2023 amendments to the civil code take effect on 1 January, the ministry said.",
        "© 2024 figures show industrial output grew by 4.5%, Belstat said.",
        "Works of Yanka Kupala are licensed under a Creative Commons license, the library said.",
        "As an associate member of the EAEU, Uzbekistan will take part in the talks.",
        "As an affiliate of Gazprom, the company supplies gas to Belarus.",
        "We independently test every batch of milk exported to Russia, Rosselkhoznadzor said.",
        "I get compensation only for confirmed damage, the farmer told BelTA.",
        "Each product was chosen by a panel of independent experts, the fair organisers said.",
        "Purchases made through links in state procurement portals rose by 12%.",
        "Deal alert. The EU and Belarus failed to agree on potash transit.",
        "Posted in Minsk, the statement was tagged as urgent by the ministry.",
        "Cover photo from the 1945 Victory Parade was restored by the archive.",
        "Comment via: the minister declined to comment.",
        "Category: heavyweight winners included Belarusian boxer Ivan Ivanov",
        "Topic: the future of the Union State",
        "Belarus and China signed 15 documents. Photo: the signing ceremony",
        "The exhibition runs until May - photo courtesy of the National Art Museum",
    ],
)
def test_news_sentences_like_furniture_are_kept(line: str) -> None:
    story = [*STORY[:2], line, *STORY[2:]]
    assert body(page(story=story)).split("\n\n") == story


@pytest.mark.parametrize("heading", ["1991", "9 May by the numbers"])
def test_headings_over_the_first_paragraph_are_not_lead_meta(heading: str) -> None:
    text = body(page(before=f"<h2>{heading}</h2>"))
    assert text.startswith(heading)


def test_a_section_subtitle_inside_the_story_is_kept() -> None:
    lead = f"{STORY[0][:-1]}, a spokesman for the council told reporters on Monday."
    heading = '<h2 class="section-subtitle">What the plan costs</h2>'
    story_html = f"<p>{lead}</p>{heading}" + "".join(f"<p>{p}</p>" for p in STORY[1:])
    assert "What the plan costs" in body(page(before=story_html, story=[]))


@pytest.mark.parametrize("meta", ["Nov 4th | Politics", "16 ноября | Политика"])
def test_a_short_date_line_over_the_story_is_dropped_in_any_language(meta: str) -> None:
    assert body(page(before=f"<p>{meta}</p>")).split("\n\n") == STORY


@pytest.mark.parametrize(
    "label",
    [
        "Advertisement - Page continues below",  # Top Gear (extra)
        "Advertisement - Continue Reading Below",
        "Article Continues Below",  # A List Apart (dev 0363), Reach plc (sixth)
        "story continues below",  # Google News (second set)
    ],
)
def test_an_ad_slots_label_among_the_paragraphs_is_dropped(label: str) -> None:
    # Category "ad slots' labels": the line an ad slot leaves between two paragraphs.
    story = [*STORY[:2], label, *STORY[2:]]
    assert body(page(story=story)).split("\n\n") == STORY


def test_a_sentence_about_what_continues_below_stays() -> None:
    line = "The list of the approved tram stops continues below."
    story = [*STORY[:2], line, *STORY[2:]]
    assert line in body(page(story=story))


@pytest.mark.parametrize(
    "line",
    [
        "The story continues below.",  # k49c on p49: a sentence, with its stop
        "Advertisement for the new stadium continues below the bridge",
        "Читайте продолжение ниже, под фотографией президента и его гостей",
    ],
)
def test_lines_near_an_ad_slots_label_stay(line: str) -> None:
    story = [*STORY[:2], line, *STORY[2:]]
    assert line in body(page(story=story))
