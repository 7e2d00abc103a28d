"""Which label a date printed in the header stands under: the page's own or another thing's.

``date_printed.header_date`` and ``printed_as_date_line`` ask it of a line before taking its
date over a declared one. The page's own: a date label ("Published:", "Veröffentlicht:",
"Fecha de publicación:", "发布时间："), a byline ("By Jane Doe | 16 Nov 2019"). Another
thing's: an event's label ("Kick-off: 16 Nov 2019 20:45", d54; the same label in its own
block, k54d) and, for ``header_date``, an update's ("Updated:", "Aktualisiert:").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from parsers.author_names import BY_PREFIX_RE, looks_like_person
from parsers.author_outlets import is_outlet
from parsers.date_pieces import LABEL_ONLY_WORDS, LABEL_WORDS, is_date_label
from parsers.dates import MAX_DATE_LINE_CHARS, is_date_line

# Header lines that give the last update, not the publication. Category "update label
# glued to its time" (The Mirror: "<span>Updated</span><time>...</time><span>20:49, 5
# Aug 2024</span>" reads "Updated20:49"): a digit may follow the label.
UPDATED_RE = re.compile(
    r"\b(?:updated|modified|revised|reviewed)(?![^\W\d])|обновлен|изменен|абноўлен",
    re.IGNORECASE,
)
# k54d, category "an update's label in another language" (``header_date``): "Aktualisiert:
# 16.11.2019", "更新时间：2019-11-16" over a page whose declared day is printed nowhere are the
# update's day, as "Updated: ..." is (UPDATED_RE).
UPDATED_ELSEWHERE_RE = re.compile(
    r"\b(?:aktualisiert|actualizad[oa]|mis[ea]? à jour|aggiornat[oa]|bijgewerkt|zaktualizowano"
    r"|güncellendi|päivitetty|uppdaterad|opdateret|oppdatert|actualizat|aktualizováno"
    r"|ažurirano|frissítve|ενημερώθηκε|оновлено)\b|更新|수정|업데이트",
    re.IGNORECASE,
)
# d57, category "an update's label in its own block over its <time>" (Opposing Views: a
# "Updated:" cell over the update's <time>, an "Original:" cell over the publication's): a
# line that is only an update's label (no digit, this short) labels the line under it.
MAX_LABEL_ONLY_CHARS = 30


def update_labels(line: str) -> list[tuple[int, int]]:
    """(start, end) of the update labels in ``line``, in any language the date words read."""
    found = [m.span() for m in (*UPDATED_RE.finditer(line), *UPDATED_ELSEWHERE_RE.finditer(line))]
    return sorted(found)


def update_label_only(line: str) -> bool:
    """Whether ``line`` is an update's label and nothing else ("Updated:", "Mis à jour le")."""
    return (
        len(line) <= MAX_LABEL_ONLY_CHARS
        and not any(ch.isdigit() for ch in line)
        and bool(update_labels(line))
    )


# A byline's parts ("By Jane Doe | May 20, 2024", "Label: date"; ``date_printed.BYLINE_PARTS_RE``)
# with their separators kept (``byline_date_part`` asks which one a date follows).
# k54d, category "CJK field lines": Chinese, Japanese and Korean headers print their fields
# with a full-width colon, a space between them ("发布时间：2019-11-16 10:00 来源：新华社"): a
# "：" and a space before a short CJK label and its colon part a line too.
CJK_LABEL = r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]{1,6}"
BYLINE_SPLIT_RE = re.compile(
    rf"(\s*(?:[|·•]|\s[/–—-]\s|\bby\b|:\s|：)\s*|\s+(?={CJK_LABEL}\s*[:：]))", re.IGNORECASE
)
# The separators that mark no byline: a label's colon, the space between CJK fields.
LABEL_SEPARATORS = frozenset({":", "：", ""})
# k54d: the CJK labels of the page's own date ("发布日期", "日期", "发布时间", "公開日時",
# "등록일"); an event's ("截止日期", deadline; "活动时间") is none, nor a bare "时间" (time),
# which notices print over the event's ("时间：... 地点：...", time and place).
CJK_DATE_LABEL_RE = re.compile(
    r"(?:[发發][布佈表稿]|公[布佈]|刊[发發登]|[发發]文|成文)?日期"
    r"|(?:[发發][布佈表稿]|公[布佈]|刊[发發登])(?:时间|時間)"
    r"|(?:[发發][布佈]|[发發]表)[于於]?|(?:公開|配信|掲載|投稿|作成|発行)日?時?"
    r"|(?:등록|작성|입력|게재|발행)(?:일시?)?|기사입력|송고"
)
# k54d: a CJK byline's fields, source, author, editor, reporter: "时间：2019-11-16 10:00
# 来源：人民网" is a byline, as "By" makes a line one.
CJK_BYLINE_RE = re.compile(r"(?:来源|來源|作者|编辑|編輯|记者|記者|出处|出處)\s*[:：]")
# k54d, category "a byline opened in another language": "Von Jane Doe: 16.11.2019", "Par ...
# : ...", "Por ...", "Door ...", "Di ..." (English "By" is a part of its own, above).
BYLINE_START_RE = re.compile(r"\s*(?:von|par|por|door|av|af|przez|di)\s+[^\W\d]", re.IGNORECASE)
# d55, category "a source's or author's name before the date": "Reuters: 16 Nov 2019", "BelTA,
# 16.11.2019", "Jane Doe, Reuters: ...", "Stefan Trunzik, 26.04.2024 10:00 Uhr" (fundus's
# WinFuture): the printed day beside who sent or wrote the story is the page's, as a byline's
# is. A name, not an event's label ("Kick-off", "Polls close", "Deadline"): a wire agency
# (``author_outlets.WIRE_AGENCIES``, the list the author rules keep), a person's 2-5
# capitalised words (``author_names.looks_like_person``) or one word spelt with capitals
# inside or all through it ("BelTA", "AFP", "NZZ-Redaktion"); pieces parted by "," or in
# brackets ("Jane Doe (Reuters)"); no word naming a moment or a date label ("Event Date",
# "Start Time", "Datum der Veranstaltung"), no lower-case word ("Polls close", a particle).
NAME_PIECES_RE = re.compile(r"\s*[,()]\s*")
NAME_TOKEN_RE = re.compile(r"(?=(?:[^A-Z]*[A-Z]){2})[^\W\d_][\w.&'’-]*")
MOMENT_WORD_RE = re.compile(r"\b(?:date|day|time|hour|deadline|due)\b", re.IGNORECASE)
MAX_NAME_PIECES = 3
GLUE_WORD_CHARS = 3
# A label (a name: at most 100 characters) and a date line: longer lines are neither.
MAX_LABELLED_LINE_CHARS = 100 + MAX_DATE_LINE_CHARS
# A name, then ", " or ": " (or "："), then the rest of the line.
NAME_THEN_DATE_RE = re.compile(
    r"(?P<label>[^,:：]{2,60}?(?:,[^,:：]{2,40}?)?)(?P<sep>[,:]\s|：\s*)(?P<rest>.+)"
)
# k54d: a label in its own block over a date line ("Kick-off:"), and a byline's word in it.
MAX_LABEL_CHARS = 40
BYLINE_WORD_RE = re.compile(r"\bby\b", re.IGNORECASE)


def event_label_over(lines: Sequence[str], index: int) -> bool:
    """Whether the line over ``lines[index]`` is a label of another thing than the page's date.

    k54d, category "an event's label in its own block" (d54's category, laid out otherwise):
    "<p><b>Kick-off:</b><br>16 Nov 2019 20:45</p>", "<div>Deadline:</div><div>16 November
    2019</div>": the date line under the label is the event's. A date label ("Published:",
    "Fecha de publicación:"), an update's ("Page updated:", the page's own: dev 0096) or a
    byline ("By Jane Doe:") over it leave it the page's.
    """
    if index == 0:
        return False
    above = lines[index - 1].strip()
    if not above.endswith((":", "：")) or len(above) > MAX_LABEL_CHARS:
        return False
    label = above[:-1]
    return not (
        is_date_label(label)
        or CJK_DATE_LABEL_RE.fullmatch(label.strip()) is not None
        or BYLINE_START_RE.match(label) is not None
        or BYLINE_WORD_RE.search(label) is not None
        or UPDATED_RE.search(label) is not None
        or UPDATED_ELSEWHERE_RE.search(label) is not None
    )


def is_name_label(label: str) -> bool:
    """Whether ``label``, printed before a date, names a source or an author (d55's category
    above): every piece a wire agency, a person's name or a word in capitals."""
    pieces = [p for p in NAME_PIECES_RE.split(label.strip()) if p]
    return (
        0 < len(pieces) <= MAX_NAME_PIECES
        and MOMENT_WORD_RE.search(label) is None
        and UPDATED_RE.search(label) is None
        and UPDATED_ELSEWHERE_RE.search(label) is None
        and not any(_date_label_word(word) for word in label.split())
        and all(
            is_outlet(p, frozenset())
            or (looks_like_person(p) and all(word[:1].isupper() for word in p.split()))
            or NAME_TOKEN_RE.fullmatch(p)
            for p in pieces
        )
    )


def _date_label_word(word: str) -> bool:
    """A date label's word ("Datum", "Fecha", "Publication"), not its glue ("der", "am")."""
    core = word.strip(".,:;()").casefold()
    return len(core) > GLUE_WORD_CHARS and core in LABEL_WORDS | LABEL_ONLY_WORDS


def name_before_date(line: str) -> bool:
    """Whether ``line`` is a name, ", " or ": ", then a date line ("Reuters: 16 Nov 2019"); an
    author's label may open it ("Author: Jane Doe, 16 Nov 2019").

    k55a: before ": " the label names a wire agency ("Reuters:", "Jane Doe (Reuters):"); a
    person's capitalised words or a word in capitals there are an event's or a notice's
    label as often ("Polls Close:", "Kick Off:", "EMBARGO:", "PlayStation:"), and the sets
    print a person's name beside the page's date with ", " or nothing."""
    if len(line) > MAX_LABELLED_LINE_CHARS:
        return False
    match = NAME_THEN_DATE_RE.fullmatch(BY_PREFIX_RE.sub("", line.strip(), count=1))
    return (
        match is not None
        and is_date_line(match["rest"])
        and is_name_label(match["label"])
        and (
            match["sep"].startswith(",")
            or any(is_outlet(p, frozenset()) for p in NAME_PIECES_RE.split(match["label"]))
        )
    )


def event_dated(lines: Sequence[str], index: int) -> bool:
    """Whether ``lines[index]`` prints its date under an event's label, the label before ": "
    on the line ("Kick-off: 16 Nov 2019 20:45") or in its own block over it (``event_label_over``).

    d55, category "an event's date where nothing is declared" (d54's and k54d's "left"): a page
    that declares no date took the first date its header prints, the event's too. Not an
    update's label ("Updated: ...", the page's own where it is the only one: d48's "U").
    """
    line = lines[index]
    if len(line) > MAX_LABELLED_LINE_CHARS or UPDATED_RE.search(line):
        return False
    if UPDATED_ELSEWHERE_RE.search(line):
        return False
    if is_date_line(line) and event_label_over(lines, index):
        return True
    if byline_date_part(line):
        return False
    tokens = BYLINE_SPLIT_RE.split(line)
    if len(tokens) < 3 or any(sep.strip() not in LABEL_SEPARATORS for sep in tokens[1::2]):
        return False
    # The line's first date under the label; a label of words only, none a date label at its
    # end ("Paramita Ghosh Published: January 3, 2024", dev 4295: a byline run together).
    label, rest = tokens[0].strip(), tokens[2]
    return (
        tokens[1].strip() in (":", "：")
        and is_date_line(rest)
        and not any(ch.isdigit() for ch in label)
        and not is_date_label(label.split()[-1] if label else label)
    )


def own_date_after(lines: Sequence[str], index: int) -> bool:
    """Whether a line after ``lines[index]`` prints the page's own date: a date line or a
    byline's date part, not an update's nor an event's."""
    return any(
        (is_date_line(line) or byline_date_part(line))
        and not UPDATED_RE.search(line)
        and not event_dated(lines, later)
        for later, line in enumerate(lines[index + 1 :], start=index + 1)
    )


def byline_date_part(line: str) -> bool:
    """Whether a part of the byline ``line`` is a date line, the page's own.

    Category "an event's date under its label" (d54, b53b's lead): "Kick-off: 16 Nov 2019
    20:45", "Deadline: 20 November 2019" over the story: the label names what the date is of.
    A date after ": " is the page's only when the label is a date label ("Veröffentlicht:",
    "Stand:", "Fecha de publicación:", "发布日期："; ``date_pieces.is_date_label``,
    ``CJK_DATE_LABEL_RE``) or the line is a byline (a "By", "|" or dash beside it, or a
    byline word opening it: "By Sonal Khetarpal Delhi Print Edition: June 5, 2016", "Von
    Jane Doe: 16.11.2019").
    """
    if name_before_date(line):
        return True
    tokens = BYLINE_SPLIT_RE.split(line)
    marked = (
        BYLINE_START_RE.match(line) is not None
        or CJK_BYLINE_RE.search(line) is not None
        or any(sep.strip() not in LABEL_SEPARATORS for sep in tokens[1::2])
    )
    for index in range(0, len(tokens), 2):
        part = tokens[index]
        if not part or not is_date_line(part):
            continue
        if index == 0 or marked or tokens[index - 1].strip() not in LABEL_SEPARATORS:
            return True
        label = tokens[index - 2]
        if is_date_label(label) or CJK_DATE_LABEL_RE.fullmatch(label.strip()) is not None:
            return True
    return False
