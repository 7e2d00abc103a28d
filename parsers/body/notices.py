"""Stage 4b of the body, line filters: notices about the page, not the story (b40).

Decides whether one paragraph is a note the publisher prints about this copy of
the story, or a label of the page's picture viewer, rather than a sentence of it.
Three categories, each a pattern kept as data and found on two measuring sets or
more, where no gold text held one:

- print-edition notes, closing a newspaper's web copy: "A version of this article
  appeared in print on 11/06/2012, on page D5 of the New York edition with the
  headline: ...", "This article was originally published on page 28 of The Sunday
  Tribune", "Editor's Note: This article also appeared in the May/June 2024 issue
  of ... magazine". Only a paragraph that opens as one and names the print copy (in
  print, a page, an issue or edition of): "This article originally appeared on
  Time.com" names another web copy, which the gold texts keep. The note is one clause
  (then the printed headline): a second one ("... and caused an uproar when ...") is a
  story's sentence about a scoop in print (k40c).
- page-age notices over an older story: "This article is more than 5 years old"
  (and the same notice in French). The whole paragraph is the notice, and the age is
  one a web page can have (at most two digits: "This story is more than 100 years old"
  is a folk tale's).
- Never a paragraph opening with a quotation mark: a quoted note is someone's words
  in the story (k40c).
- labels of a picture viewer or a pager left as a line: "Click photo to enlarge",
  "View larger image", "View Images", a slideshow's counter "1 of 15", a pager's "Page
  1 of 4" (never in a table cell or a list item, where "2 of 3" is data, even wrapped in
  a <p> or a <div> inside the cell: k40c), and a media player's control ("Play Video",
  "Back to video", b57). The whole paragraph is the label.
"""

from __future__ import annotations

import re

# The few characters a notice may open with (a bullet, a dash, a bracket), never a
# quotation mark: a quoted notice is someone's words in the story (k40c).
LEAD = r"^[^\w\"'“”‘’«»„‚‹›]{0,3}"
# A note about the printed copy: the opening, then within PRINT_NOTE_GAP characters
# of one clause (no sentence end) the print copy named.
PRINT_NOTE_RE = re.compile(
    LEAD + r"(?:editor['’]?s note\s*:\s*)?"
    r"(?:a version of this (?:article|story|review|column|essay|interview)"
    r"(?: appeared| appears| was published| ran)|"
    r"this (?:article|story|review|column|essay|interview)"
    r"(?: was originally published| was first published| originally appeared| first appeared|"
    r" also appeared| appeared| was published| ran))"
    r"[^.!?]{0,80}?\b(?:in print|on page [a-z]?\d+|(?:print|newspaper) edition|"
    r"(?:issue|edition) of)\b",
    re.IGNORECASE,
)
PRINT_NOTE_MAX_CHARS = 400
# A note is one clause naming the copy (its date, page, edition, paper), then at most the
# printed headline; a second clause ('... issue of Playboy and caused an uproar when ...')
# makes it a sentence of a story about a scoop (k40c). Case-sensitive: a paper's name
# ('Field and Stream') is capitalised, a clause's verb is not.
PRINT_HEADLINE_RE = re.compile(r"\b(?:with the|under the) (?:headline|title)\b", re.IGNORECASE)
STORY_CLAUSE_RE = re.compile(
    r"\b(?:and|but|or) [a-z]|\b(?:when|which|who|after|because|while|where|until|since)\b"
)
# The whole paragraph says how old the page is.
PAGE_AGE_RE = re.compile(
    LEAD + r"(?:this (?:article|story|post|page|content) is (?:more than|over) "
    r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}) "
    r"(?:days?|weeks?|months?|years?) old|"
    r"(?:prenez note que )?cet (?:article|texte) (?:publié|paru) en \d{4} pourrait contenir "
    r"des informations qui ne sont plus à jour)\W{0,3}$",
    re.IGNORECASE,
)

# The whole paragraph is a viewer's label, a slideshow's or a pager's counter.
VIEWER_LABEL_RE = re.compile(
    r"^\W{0,3}(?:click (?:on )?(?:the )?(?:photo|image|picture|thumbnail)s? (?:to|for) "
    r"(?:enlarge|a larger (?:image|view|version))|"
    r"view (?:a )?(?:larger|full[- ]size|bigger) (?:image|photo|picture|version)|view images?|"
    r"enlarge (?:this )?(?:image|photo|picture)|(?:page )?\d{1,3} of \d{1,3}|"
    # b53b: ARD's media player, a video's length and the day it leaves the library (WDR's
    # "02:57 Min.. Verfügbar bis 06.05.2024."), which b53's stamp rule dropped as a stamp.
    r"\d{1,2}:\d{2}(?::\d{2})?\s*Min\.*\s*Verfügbar bis \d{1,2}\.\d{1,2}\.\d{4}|"
    # b57, category "a media player's control left as a line" (dev's move.org, Dragnet's
    # pages, fundus's Postmedia and CNBC; no truth holds one): the button's label alone.
    # A bare "Video" or "Watch" is left: WCXB dev's truths keep those as section labels.
    r"play (?:the )?(?:video|audio)|back to video|watch now)\W{0,3}$",
    re.IGNORECASE,
)


def is_viewer_label(text: str) -> bool:
    """A picture viewer's label, a slideshow's or pager's counter (cells: the caller's)."""
    return VIEWER_LABEL_RE.match(text) is not None


def is_page_notice(text: str) -> bool:
    """A print-edition note or a page-age notice (see the module's docstring)."""
    if len(text) >= PRINT_NOTE_MAX_CHARS:
        return False
    if PRINT_NOTE_RE.match(text) is not None:
        note = PRINT_HEADLINE_RE.split(text, maxsplit=1)[0]
        return STORY_CLAUSE_RE.search(note) is None
    return PAGE_AGE_RE.match(text) is not None
