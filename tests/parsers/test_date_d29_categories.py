"""Publication dates by category, sixth pass (issue 17, d29): a date over the headline
that is not the story's; each rule's case fails without it, guards pass both ways."""

from __future__ import annotations

from datetime import date

from tests.parsers.published_day import published_day as _day

BODY = "<p>" + " ".join(["The story goes on with enough words to be a story."] * 8) + "</p>"


# Category "a date over the headline that is not the story's" (Free Beacon's card of
# another story, WDR's video expiry, Empower's bar with the day the page was served, 2008
# news sites' date bars): nothing declared; the header's first date is over the headline,
# the byline's own date line is under it.
def _page(over: str, headline: str, under: str) -> str:
    return (
        "<html lang='en'><head></head><body><div class='top'>"
        f"<p>Subscribe</p><p>Contact</p>{over}</div><article><h1>{headline}</h1>"
        f"<p>By Jane Doe</p><p>{under}</p>{BODY * 6}</article></body></html>"
    )


def test_a_date_bar_over_the_headline_yields_to_the_date_line_under_it() -> None:
    over = "<p>Tuesday, January 15, 2008</p><p>Back to headlines</p>"
    page = _page(over, "Jags coach is not fond of the field", "Wednesday, January 2, 2008")
    assert _day(page) == date(2008, 1, 2)


def test_a_video_expiry_over_the_headline_yields_to_the_date_line_under_it() -> None:
    over = "<p>02:57 Min.. Verfügbar bis 06.05.2024.</p>"
    page = _page(over, "Feuerwehrleute sollen später in Pension", "Stand: 22.04.2024, 06:00 Uhr")
    assert _day(page) == date(2024, 4, 22)


def test_a_bare_date_line_right_over_the_headline_stands() -> None:
    # The guard: blog themes print the post's date over its title; the date under the
    # headline is then the next post's.
    over = "<p>September 27, 2010</p>"
    page = _page(over, "Making the case on national security", "September 14, 2010")
    assert _day(page) == date(2010, 9, 27)


def test_a_headline_that_prints_its_own_date_keeps_the_older_reading() -> None:
    # The guard: "Weekly Edition for March 26, 2015" dates the page itself.
    over = "<p>Weekly Edition for April 16, 2015</p><p>Archives</p>"
    page = _page(over, "Weekly Edition for March 26, 2015", "March 25, 2015")
    assert _day(page) == date(2015, 4, 16)


def test_a_headline_under_a_sentence_is_not_the_story_headline() -> None:
    # The guard: a first <h1> under prose is an example inside the story's text; the
    # byline's date over it stands.
    over = (
        "<p>Filed as Features on November 7, 2012</p>"
        "<p>This tag is used to wrap multiple headers together in the markup of a page.</p>"
    )
    page = _page(over, "Main Headline", "October 25, 2012")
    assert _day(page) == date(2012, 11, 7)


# Category "today's story prints only its time" (Seznam Zprávy, Luxemburger Wort): nothing
# declared; the byline under the headline gives "5:00" alone, and the dated lines further
# down are teasers of other stories.
def _clock_page(byline: str) -> str:
    teasers = "".join(
        f"<div><p><a href='/r{i}'>Another story number {i} of the day</a></p>"
        f"<p>23. 12. 2024 13:3{i}</p></div>"
        for i in range(3)
    )
    return (
        "<html lang='cs'><head></head><body><article><h1>Hlavní aktér prodává vilu</h1>"
        f"<p>Radek Nohl</p>{byline}{BODY * 6}</article><aside>{teasers}</aside></body></html>"
    )


def test_a_story_that_prints_only_its_time_takes_no_teasers_date() -> None:
    assert _day(_clock_page("<p>5:00</p>")) is None


def test_a_date_line_over_the_time_under_the_headline_stands() -> None:
    # The guard: the byline prints the day, then the time: the day is the story's.
    assert _day(_clock_page("<p>3. 12. 2025</p><p>5:00</p>")) == date(2025, 12, 3)
