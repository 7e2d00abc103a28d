"""k54d (issue 17, review of d54): the page's own date after a label d54's rule did not know.

d54 (5d0fd23, 98d200d) made a date after "Label: " the page's only when the label is a date
label (``date_pieces``'s words) or the line is a byline (a "By", "|" or dash beside it),
so that an event's date ("Kick-off: 16 Nov 2019") no longer outvotes a declared day printed
nowhere (the meta's, a CMS import) or a build stamp (published = modified). Before, any label
counted. Labels the page prints before its own date that the rule did not know turned to the
declared day, a wrong one (a regression of d54; each case below gave the printed day on main
before the session, f76e393):

- the noun "publication" and the words of writing ("Publication date:", "Fecha de
  publicación:", "Дата публикации:", "Data di pubblicazione:", "Written:", "Erstellt am:");
- a byline opened in another language ("Von Jane Doe: 16.11.2019", "Par ...", "Por ...");
- Chinese, Japanese and Korean field lines: the full-width colon ("发布时间：2019-11-16 10:00
  来源：新华社", the header line of Chinese news and government sites), "发布日期：", "日期：",
  and Korean "등록일 :" / "작성일：".

Categories: "a publication-date label of two words or another language"
(``date_pieces.is_date_label``) and "CJK field lines" (``date_printed``). Event labels in those
languages still leave the declared day (guards).
"""

from __future__ import annotations

import pytest

from tests.parsers.published_day import story_day

# Each fails on main c51da36 (the declared 13th wins), passed on f76e393 (before d54).
LABELS = [
    "Publication date: 16 Nov 2019",
    "Fecha de publicación: 16/11/2019",
    "Data publicării: 16.11.2019",
    "Дата публикации: 16.11.2019",
    "Data di pubblicazione: 16/11/2019",
    "Publicado em: 16/11/2019",
    "Datum objave: 16.11.2019",
    "Written: 16 November 2019",
    "Erstellt am: 16.11.2019",
    "Von Jane Doe: 16.11.2019",
    "Par Jean Dupont : 16/11/2019",
    "등록일 : 2019.11.16",
]


@pytest.mark.parametrize("line", LABELS)
def test_a_publication_label_s_date_outvotes_an_unprinted_declared_day(line: str) -> None:
    assert story_day(f"<p>{line}</p>") == 16


# Each fails on main c51da36 (the build stamp's 20th wins), passed on f76e393.
CJK_FIELDS = [
    "发布时间：2019-11-16 10:00 来源：新华社",
    "2019-11-16 10:00 来源：新华社",
    "来源：新华社 发布时间：2019-11-16",
    "发布日期：2019-11-16",
    "日期：2019-11-16",
    "작성일：2019-11-16",
]


@pytest.mark.parametrize("line", CJK_FIELDS)
def test_a_cjk_field_line_s_date_outvotes_a_build_stamp(line: str) -> None:
    assert story_day(f"<p>{line}</p>", build_stamp=True) == 16


# Guards (hold on main): an event's or a person's date under its label, in those languages.
EVENTS = [
    "Fecha límite: 16/11/2019",
    "Data di scadenza: 16/11/2019",
    "Datum der Veranstaltung: 16.11.2019",
    "Fecha de nacimiento: 16/11/2019",
    "Data breach: 16 Nov 2019",
    "Data: 3.5 million records leaked on 16 Nov 2019",
    "Release date: 16 Nov 2019",
    "截止日期：2019-11-16",
]


@pytest.mark.parametrize("line", EVENTS)
def test_an_event_label_still_leaves_the_declared_day(line: str) -> None:
    assert story_day(f"<p>{line}</p>") == 13
    assert story_day(f"<p>{line}</p>", build_stamp=True) == 20
