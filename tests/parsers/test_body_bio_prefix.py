"""An author bio after the story that opens with a footnote mark or a title (issue 17,
x37b): "*Angela Holliday-Bell, MD, is ...", "Dr. Jane Doe is ..." are cut as "Jane Doe
is ..." is. The rule's cases fail without it (the bio kept); the guards pass both ways."""

from __future__ import annotations

import pytest

from parsers.body import without_author_bio

STORY = [" ".join(["Sleep training works best when the baby is ready for it."] * 6)] * 4


@pytest.mark.parametrize(
    ("bio", "author"),
    [
        ("*Angela Holliday-Bell, MD, is a pediatrician in Chicago.", "Angela Holliday-Bell"),
        ("† Jane Doe writes about health for the paper.", "Jane Doe"),
        ("Dr. Jane Doe is a physician practising in Boston.", "Jane Doe"),
        ("Dr Jane Doe has covered medicine since 2010.", "Jane Doe"),
        ("Prof. Jane Doe works on labour economics at the university.", "Jane Doe"),
    ],
)
def test_a_marked_or_titled_bio_is_cut(bio: str, author: str) -> None:
    assert without_author_bio([*STORY, bio, "Sign up for our newsletter"], [author]) == STORY


# Guards: another person after the title; a title before the author in a sentence that
# attributes ("said"); a mark before no name.
@pytest.mark.parametrize(
    "line",
    [
        "Dr. John Roe is a physician practising in Boston.",
        "Dr. Jane Doe is right, her colleague said.",
        "* Prices as of March 2025.",
    ],
)
def test_other_lines_stay(line: str) -> None:
    paragraphs = [*STORY, line]
    assert without_author_bio(paragraphs, ["Jane Doe"]) == paragraphs
