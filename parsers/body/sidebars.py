"""Container choice, correction: a box in the sidebar or footer is not the story.

Category "a sidebar or footer box beating a short post" (blogs: an about-me
profile, a text widget, a "recent posts" list, a licence note under a post of one
or two paragraphs). Such a box can hold more prose than the post, and when the
sidebar holds most of the page's text it is not even weighed as furniture
(score.py reads a SOFT wrapper that large as a misnamed one). When the chosen
container sits inside an element named plainly ``sidebar`` or ``footer`` (one class
or id word, as blog templates name them; layout wrappers such as
"content-sidebar-wrap" or "has-sidebar" are not, nor a name with a story word,
"sidebar body_main"), the choice is made again among the elements outside it that
are not furniture themselves (by name or place: a footer's text, a hidden login
box), and the new choice stands when it holds some prose. Templates also name the
story's layout column "sidebar1 layout": outside it there is then only furniture,
and the choice stays.
"""

from __future__ import annotations

import re

from parsers.body.labels import HARD, POSITIVE, SOFT, WEAK, label_kind
from parsers.body.score import Sums, element_score
from parsers.scan import Scan

# One class or id word that names the sidebar or footer itself ("sidebar",
# "sidebar2", "footer"); compound names are layout wrappers as often as not.
FURNITURE_NAME_RE = re.compile(r"(?:^|\s)(?:sidebar\d?|footer)(?=\s|$)")
# Good text the new choice must hold: a post of one paragraph, not a caption.
SHORT_POST_MIN_GOOD = 50


def out_of_sidebar(scan: Scan, sums: Sums, container: int) -> int:
    """``container``, or the best element outside the sidebar or footer holding it."""
    if container < 0:
        return container
    box = _furniture_ancestor(scan, container)
    if box < 0:
        return container
    low, high = scan.first_block[box], scan.end_block[box]
    first_block, end_block = scan.first_block, scan.end_block
    best, best_score = -1, 0.0
    for index in range(len(first_block)):
        first, end = first_block[index], end_block[index]
        if end > low and first < high:
            continue  # inside the box, or around it
        if sums.total(sums.good, first, end) < SHORT_POST_MIN_GOOD:
            continue
        if sums.kinds[index] & (HARD | SOFT | WEAK) or sums.furnished[index]:
            continue  # furniture too: a footer's text, a hidden login box
        score = element_score(scan, sums, index)
        if score >= best_score and score > 0:
            best, best_score = index, score
    return best if best >= 0 else container


def _furniture_ancestor(scan: Scan, element: int) -> int:
    """The outermost ancestor of ``element`` (or itself) named as a sidebar or
    footer (FURNITURE_NAME_RE) and with no story word ("sidebar body_main" is the
    story's column), or -1."""
    found = -1
    node = element
    while node >= 0:
        label = scan.names[node].lower()
        if FURNITURE_NAME_RE.search(label) and not label_kind(label) & POSITIVE:
            found = node
        node = scan.parents[node]
    return found
