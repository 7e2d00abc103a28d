"""A metadata title whose site label is glued on without a separator we part at.

``parsers.title.choose_title`` falls back to the metadata title (og:title, else
``<title>``) with the site's name cut at the separators ``title_text.TITLE_SPLIT_RE``
knows ("|", " - ", ": ", ...). Some sites glue their label on otherwise, and the cut
keeps it; the page still prints the headline alone, as a block at the story's start.
"""

from __future__ import annotations

from parsers.domain_tlds import names_domain
from parsers.headline_blocks import H1_WINDOW, HEADLINE_MAX_WORDS, MIN_PART_WORDS
from parsers.scan import Scan
from parsers.title_text import WORD_RE, word_count

# k51t: what the printed block leaves of the title is a label only when set off from it.
# A headline's own words go on after a space or a sentence mark ("... iPhone 15 Pro at its
# Cupertino event", '"I never wanted to be famous," says ...', "Storm hits. Thousands ...",
# "大雪、首都圏..."), and a teaser, deck, caption, pull quote or step heading near the story
# prints such a start or end alone. The seven labels t51 found are set off by a mark
# (" @ ", " _English", ":phpspot", "(The", "Point. -") or carry a domain (" on
# ChicagoSports.com"). Quotes and brackets closing (or opening) the headline are not marks.
SENTENCE_MARKS = frozenset(",.;!?…、。，；！？‥")
HEADLINE_CLOSERS = "\"'”’」』）)]》"
HEADLINE_OPENERS = "\"'“‘「『（([《"
# A domain: a name, a dot and a top-level domain IANA delegates ("ChicagoSports.com",
# "xinhuanet.com", "bbc.co.uk"; ``domain_tlds.names_domain``). t52: a software name spelt
# with a dot ("Node.js", "Vue.js", "Three.js", "Chart.js" in a tutorial's or a release's
# title) ends in no TLD and is a headline's word, not a label; the upper-case "ASP.NET",
# "Socket.IO", "E.ON" were never read.


def _set_off(label: str, after: bool) -> bool:
    """Whether ``label`` (the title's text after the printed block, or before it) is set
    off from the headline by a mark other than a sentence's, or names a domain."""
    if names_domain(label):
        return True
    # The space after a closing quote is the headline's own ('"..." says'), no mark (r51).
    edge = (
        label.lstrip().lstrip(HEADLINE_CLOSERS).lstrip()
        if after
        else label.rstrip().rstrip(HEADLINE_OPENERS).rstrip()
    )
    if not edge:
        return False
    mark = edge[0] if after else edge[-1]
    return not mark.isalnum() and mark not in SENTENCE_MARKS


def printed_end(scan: Scan, body_start: int, title: str) -> str | None:
    """The block nearest the body's start that prints the start or the end of ``title``
    alone, when ``title`` adds words to it; else ``None``.

    Category "a site label glued to the metadata title" (t51; 7 sites on two sets):
    " on ChicagoSports.com", " @ SYS-CON Media", " _English_Xinhua", "(The Korea Times)"
    followed by script text left in ``<title>``, ":phpspot開発日誌" glued by an unspaced
    colon (a Japanese og:title), and labels before it ("Montana's News Station - Fair.
    Accurate. To the Point. -China ..."). The label is set off from the headline by a mark
    or names a domain (``_set_off``, k51t); "AKI - Adnkronos international Algeria: ...",
    parted by a line break the cut folds to a space, is given back.
    Each page prints the headline alone in a ``<td>``, ``<div class="storytitle">``,
    ``<h3>`` or ``<h4>`` within H1_WINDOW blocks of the story's start. The block's words
    must be the title's first or last words (at least MIN_PART_WORDS of them, as
    ``confirmed_block`` asks of a part), and neither a link nor a list item: a list of
    stories or a breadcrumb may print the headline too. The label is shorter than the
    headline: a page printing its long headline on two lines has a short line that is the
    title's end (a Japanese maker's "[News] ...、" over "接続タイプ/サイズ/...を発売"), and
    Readability's references keep a site's name longer than a short story title
    ("欲張りなイヌ　＜福娘童話集　きょうのイソップ童話＞"); both stay whole.
    """
    spans = [(m.start(), m.end()) for m in WORD_RE.finditer(title)]
    words = [title[a:b].casefold() for a, b in spans]
    best: tuple[int, str] | None = None
    first = max(body_start - H1_WINDOW, 0)
    for i, block in enumerate(scan.blocks[first : body_start + H1_WINDOW + 1], start=first):
        text = block.text
        if block.link_chars * 2 > len(text) or block.tag == "li":
            continue
        if word_count(text) < MIN_PART_WORDS or len(text.split()) > HEADLINE_MAX_WORDS:
            continue
        # Each side's words found before casefolding, as the title's are: "İ" folds to
        # "i" and a combining dot, which WORD_RE parts from the rest of the word (r51).
        printed = [word.casefold() for word in WORD_RE.findall(text)]
        n = len(printed)
        if not 0 < n < len(words):
            continue
        if printed == words[:n]:
            label, rest = words[n:], title[spans[n - 1][1] :]
        elif printed == words[-n:]:
            label, rest = words[:-n], title[: spans[-n][0]]
        else:
            continue
        if not _set_off(rest, after=printed == words[:n]):
            continue
        if word_count(" ".join(label)) < word_count(text):
            distance = abs(i - body_start)
            if best is None or distance < best[0]:
                best = (distance, text)
    return best[1] if best is not None else None
