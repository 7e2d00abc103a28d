"""k54d (issue 17, review of d54): an update's label in another language over an unprinted day.

``published.published_date`` takes a date line or a byline's date under the headline over a
declared publication printed nowhere on the page (``date_printed.header_date``), unless the
line is labelled as an update: "Updated: 16 Nov 2019" leaves the declared 13th. The update
words (``UPDATED_RE``) are English and Russian, so "Aktualisiert: 16.11.2019" (a date label
since q46, d54's rule takes its date), "更新时间：2019-11-16" and Korean "수정 2019.11.16"
(date lines) gave the update's day as the publication's (on main c51da36 as on f76e393).

Category "an update's label in another language": ``header_date`` passes over a line with
an update word of the languages the date words read (``UPDATED_ELSEWHERE_RE``), as it does
"Updated". The build-stamp branch is not changed: there the printed update is still earlier
than the stamp, as "Updated:" is (guard).
"""

from __future__ import annotations

import pytest

from parsers import extract
from tests.parsers.body_rule_pages import page

URL = "https://news.example.org/story/"
UNPRINTED = "2019-11-13T09:30:00+01:00"
STAMP = "2019-11-20T09:30:00+01:00"
MODIFIED = f'<meta property="article:modified_time" content="{STAMP}"></head>'


def _day(line: str, declared: str) -> int | None:
    html = page(before=f"<p>{line}</p>", published=declared)
    if declared == STAMP:
        html = html.replace("</head>", MODIFIED)
    found = extract(html, url=URL).published_at
    return None if found is None else found.day


UPDATES = ["Aktualisiert: 16.11.2019", "更新时间：2019-11-16", "수정 2019.11.16 10:00"]


# Each fails on main c51da36: the update's 16th is taken for the publication.
@pytest.mark.parametrize("line", UPDATES)
def test_an_update_label_leaves_the_declared_day(line: str) -> None:
    assert _day(line, UNPRINTED) == 13


# Guards (hold on main): English "Updated:" the same way; publication labels still count; in
# the build-stamp branch the printed update beats the stamp.
def test_english_updated_and_publication_labels() -> None:
    assert _day("Updated: 16 Nov 2019", UNPRINTED) == 13
    assert _day("Veröffentlicht: 16.11.2019", UNPRINTED) == 16
    assert _day("发布时间：2019-11-16", UNPRINTED) == 16
    assert _day("입력 2019.11.16 10:00", UNPRINTED) == 16


@pytest.mark.parametrize("line", [*UPDATES, "Updated: 16 Nov 2019"])
def test_the_build_stamp_branch_still_takes_the_printed_update(line: str) -> None:
    assert _day(line, STAMP) == 16
