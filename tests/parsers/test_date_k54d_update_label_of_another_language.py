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

from tests.parsers.published_day import story_day

UPDATES = ["Aktualisiert: 16.11.2019", "更新时间：2019-11-16", "수정 2019.11.16 10:00"]


# Each fails on main c51da36: the update's 16th is taken for the publication.
@pytest.mark.parametrize("line", UPDATES)
def test_an_update_label_leaves_the_declared_day(line: str) -> None:
    assert story_day(f"<p>{line}</p>") == 13


# Guards (hold on main): English "Updated:" the same way; publication labels still count; in
# the build-stamp branch the printed update beats the stamp.
def test_english_updated_and_publication_labels() -> None:
    assert story_day("<p>Updated: 16 Nov 2019</p>") == 13
    assert story_day("<p>Veröffentlicht: 16.11.2019</p>") == 16
    assert story_day("<p>发布时间：2019-11-16</p>") == 16
    assert story_day("<p>입력 2019.11.16 10:00</p>") == 16


@pytest.mark.parametrize("line", [*UPDATES, "Updated: 16 Nov 2019"])
def test_the_build_stamp_branch_still_takes_the_printed_update(line: str) -> None:
    assert story_day(f"<p>{line}</p>", build_stamp=True) == 16
