"""The date patterns: how dates are spelled in pages, URLs and attributes (rules as data)."""

from __future__ import annotations

import re

from parsers.date_calendars import (
    ERA_ALT,
    HALF_AFTER_ALT,
    HALF_BEFORE_ALT,
    SPELT_HALF_AFTER_ALT,
    SPELT_HALF_DAY_WORDS,
)
from parsers.date_space import one_line
from parsers.date_words import DAY_MONTH_ALT
from parsers.date_words import MONTH_ALT as MONTH_ALT
from parsers.date_words import MONTHS as MONTHS
from parsers.date_words_world import JALALI_MONTHS

# Anything older is a parsing accident (a phone number, a price), not a press release.
MIN_YEAR = 1990
# Category "a declared date beyond any fetch": parsers read no clock, so without a fetch time
# (``date_bounds.acceptable``) a year after this one ("2099-01-01", a millisecond epoch read as
# seconds) is a broken or hostile value, not a story's day. With a fetch time that bound
# applies instead. Move it on before 2033: tests/parsers/test_date_d40_impossible.py
# compares it with the wall clock and fails three years ahead of it.
MAX_YEAR = 2035
# Category "an impossible UTC offset": a value whose clock carries an offset no zone has
# used since MIN_YEAR (west of -12:00, east of +14:00, or minutes past 59: "+25:00",
# "+05:75"). Python and dateutil refuse some of these and the free-text reading then kept
# the clock with the offset dropped; the value is broken, so it gives no date at all.
CLOCK_OFFSET_RE = re.compile(
    r"\d:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:GMT|UTC)?"
    r"(?P<sign>[+-])(?P<oh>\d{2})(?::?(?P<om>\d{2}))?\s*$"
)
OFFSET_EAST_MAX = 14 * 60
OFFSET_WEST_MAX = 12 * 60
# Strings longer than this are not dates; also bounds the regex work per call.
MAX_DATE_CHARS = 200
# Free-text search is capped: dates are printed near the top of a page.
MAX_SCAN_CHARS = 20_000

# Category "half-day words" (parsers/date_calendars.py): 오후 11:30, 11:30 م.
_HALF = r"(?:(?P<half>" + HALF_BEFORE_ALT + r")\s*)?"
_TIME = (
    r"(?:(?:,|\s+at|\s+в|\s+à|\s+-|\s*\||\s*/)?\s*" + _HALF + r"(?P<h>\d{1,2})[:.](?P<mi>\d{2})"
    r"(?::(?P<s>\d{2}))?\s*(?P<ampm>" + HALF_AFTER_ALT + r")?)?"
)
# d45, category "a clock after a slash" (d44's left; second set: CNN's Political Ticker
# "August 8th, 2012 / 08:38 PM ET", Google News' "30 January 2025 / 23:07 GMT" pages): the
# clock after " / " is the date's, read as after a comma.
# 16 November 2019, 10:45 / 16 ноября 2019 г. / 1er mars 2020
# A letter in any script: checked before the long month alternation, which a run of
# numbers ("12 3 45 ...") would otherwise try name by name after each number.
_LETTER = r"[^\W\d_]"
# Category "dates beyond English": every language's month names (``DAY_MONTH_ALT``),
# Catalan "d'octubre", Arabic's two names of one month ("16 نوفمبر/تشرين الثاني 2019"),
# Thai's era mark before the year ("พ.ศ. 2562"). Category "hyphenated day-month-year":
# "19-Dec-2025", "8-Jan-2008" (press-release, Indian and archive pages); not a number
# that ends a word ("COVID-19-May"). The lookahead's \D*\d{4}: no month name holds a
# digit (tests/parsers/test_fast_paths.py), so the first digit after the month starts the
# year; the 559 names are not tried where none can follow ("3 il y a 3 il y a").
DMY_RE = re.compile(
    one_line(r"\b(?P<d>\d{1,2})(?:st|nd|rd|th|er)?\.?(?:\s+|-(?<!-\d-)(?<!-\d\d-))(?:of\s+|de\s+|d['’])?(?="
    + _LETTER
    + r"[^\d\n]*\d{4})(?P<mon>" + DAY_MONTH_ALT
    + r")\.?(?:\s*[/(]\s*(?:" + DAY_MONTH_ALT + r")\)?)?(?:,?\s+|-)(?:de\s+|พ\.ศ\.\s*)?"
    r"(?P<y>\d{4})"
    r"(?:\s*(?:г\.|года|гада))?" + _TIME),
    re.IGNORECASE,
)
# November 16, 2019 10:45 am. Category "date glued to the byline": About.com prints
# "About.com Guide<span class="date">October 31, 2012</span>", which reads as
# "GuideOctober 31, 2012"; a capitalised month right after a lower-case letter starts
# a date too (the case test is kept out of IGNORECASE). The lookahead is the rest of
# the pattern with a run of letters as long as a month name for the month (every name
# is letters only: tests/parsers/test_fast_paths.py): the 185 names are tried only where
# a day and a year follow a word, not at every word (k32: ~4 µs a character of text).
MDY_RE = re.compile(
    one_line(r"(?:\b|(?-i:(?<=[a-z])(?=[A-Z])))"
    r"(?=" + _LETTER + f"{{1,{max(map(len, MONTHS))}}}"
    + r"\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})(?P<mon>" + MONTH_ALT
    + r")\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})" + _TIME),
    re.IGNORECASE,
)
# A clock's half-day word ("4:00 PM", "9:37:25 p.m."): with the seconds, part of the date
# (d45, DOT_DMY_RE; r51: YMD_RE, "2014-11-23 4:00 PM" was read as 04:00).
# p53: and the spelt ones ("2019-11-16 8:00 p. m.", ``date_calendars.SPELT_HALF_DAY_WORDS``).
_AMPM = r"(?:\s*(?P<ampm>" + SPELT_HALF_AFTER_ALT + r"|[aApP]\.?[mM]\b\.?))?"
# 2019-11-16T10:45 / 2019-11-16 10:45 / 2019/11/16
# Category "Korean dotted dates": 2019. 11. 16. 오후 3:00 (a space after each dot, the
# half-day word before the time). Category "a year-first date glued to the byline" (d40,
# MDY_RE's d21 category for numeric dates): inline tags without a space between the name
# and the date ("<span>谢若含</span><span>2017-03-01 14:27:02</span>", fourth set; "By Seth
# Fiegerman2014-01-26 21:32:46", fifth set) read as one word, where a word boundary before
# the year fails: a lower-case or non-Latin letter may precede the year, a digit or "_" may
# not (k40b: nor a capital or a one-letter word, an ID's or a file name's prefix, "ID:A2017-03-01",
# "SKU X2017-03-01-77", "/p2017-03-01.html"; a name ends in a small letter).
# o51: a clock may also end at the "Z" of a printed ISO stamp in UTC ("2014-11-23T16:00Z"),
# where no word boundary is: "16:00Z" was no date, "16:00:00Z" lost its seconds.
# p53: or at the half-day word's last dot ("8:00 p.m. GMT-3", "p. m."), where no word
# boundary is either: the dot was left out of the match, so the offset after it was not
# right after the clock and a printed "2019-11-16 11:30 p.m. GMT-3" was read at UTC.
YMD_RE = re.compile(
    one_line(r"(?<![\d_A-Z])(?<!\b[a-z])(?P<y>\d{4})(?:[-/]|\.\s?)(?P<m>\d{1,2})(?:[-/]|\.\s?)(?P<d>\d{1,2})"
    r"(?:\.?(?:T|\s)+" + _HALF + r"(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?" + _AMPM + r")?"
    r"(?:\b|(?<=\.)|(?<=\d)(?=Z(?![^\W_])))")
)
# Category "a machine stamp printed as the date line" (o51; goose3's fixture `<div
# class="pubdate">2014-11-23T16:00:00+04:00</div>`, dev's `Author_publicationTime` span
# "2022-11-23T08:10+02:00", a `<time>` without `datetime` whose text is the stamp; the CMSs
# that print their ISO 8601 or RFC 3339 value, or Ruby's "2014-11-23 16:00:00 +0400", as the
# visible date): what follows a ``YMD_RE`` clock, its fraction of a second and its offset,
# "Z", "+04:00", "+0530", "-05". Read only where the stamp is a machine's (``iso_offset``):
# a "T" before the clock, or seconds, so a range "10:00-12:00" is no offset. k51o: the
# minus sign U+2212, which ISO 8601 writes (typeset stamps), is a minus. r51: an offset with
# a letter glued on ("+0530x", an ID's tail) is no offset, as "Z" glued to a word is none.
# o52: a lone "Z" one space after the clock ("2014-11-23 20:00 Z", printed bylines and
# dashboards writing Zulu time) is UTC too; a "Z" that begins a word ("Zürich") or is one
# ("Z domova", Czech and Polish "from"; an initial "Z. Smith") is not. k52o: nor one before
# anything but the line's end or a separator ("|", "·", ",", ")", a spaced dash): a name or a
# tag ("Z-Wave", "Z-Library", "Z’s"), a count ("Z 5 komentářů"), a quote or a colon after it
# is no zone, and 7bbe7ee read those clocks in the page's zone. z52: nor a glued "Z" before a
# hyphen and a letter ("16:00Z-Wave", a name glued to the clock by a lost space): the page's zone.
# Only after a clock to the minute: a stamp with seconds ("T16:00:00Z-report", RFC 3339 glued to
# a file name or an identifier) is machine-written, and its Z is UTC (r52b).
_MINUTE_Z = (
    r"(?:(?<=[^:.,\d]\d\d:\d\dZ)|(?<=[^:.,\d]\d:\d\dZ)|(?<=^\d\d:\d\dZ)|(?<=^\d:\d\dZ))"
)
ISO_OFFSET_RE = re.compile(
    r"(?:[.,]\d{1,9})?(?:(?P<z>Z(?![^\W_]|" + _MINUTE_Z + r"[-\u2010][^\W\d_])"
    r"|[ \u00a0]Z(?=\.?[ \u00a0]*(?:$|\n|[|·•,;)\]]|[-–—][ \u00a0])))"
    r"|(?P<space> )?(?P<sign>[+\-\u2212])(?P<oh>\d{2})"
    r"(?:(?(space)|:?)(?P<om>\d{2}))?(?![\d:]|[^\W_]))"
)
# 16.11.2019 10:45 (day first, as printed across Europe); also 16-11-2019 (category
# "dd-mm-yyyy": Indian, Dutch and Scandinavian sites). Which number is the day is
# settled by the page's evidence (``date_order``), never by the pattern. Category
# "spaced dotted dates": Czech and Slovak print 24. 1. 2025.
# d45, category "a numeric date with a 12-hour clock" (d44's left; fourth set politico, tmz
# "10/17/2022 04:01 PM EDT"; second set Google News' MediaNews pages "Article Launched:
# 01/09/2008 09:37:25 PM PST", "11/01/2008 - 2:35:41 PM"): the clock's seconds and its
# half-day word belong to the date (the "PM" was dropped: 04:01, twelve hours off), and so
# does a clock after " - ". The zone after them is then next to the match, where d21's
# "printed zone names the country" (``date_order.ZONE_AFTER_DATE_RE``) reads the order: "01/09/
# 2008 09:37:25 PM PST" is 9 January (before, the seconds hid the zone: no date).
DOT_DMY_RE = re.compile(
    one_line(r"\b(?P<d>\d{1,2})(?P<sep>[./-]|\.\s)(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})\b"
    r"(?:(?:,|\s+-)?\s+(?P<h>\d{1,2}):(?P<mi>\d{2})(?!\d)(?::(?P<s>\d{2})(?!\d))?" + _AMPM + r")?")
)
# Category "two-digit years": 11.16.19, 16/11/19, 10-29-12. Three readings (month
# first, day first, year first as Korean and Japanese sites print 19.11.16); a date is
# given only when one reading is left after the page's evidence (``date_fields._short_year``).
SHORT_YEAR_RE = re.compile(
    one_line(r"(?<![\d./-])(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{2})(?![\d./-]?\d)"
    r"(?:,?\s+(?P<h>\d{1,2}):(?P<mi>\d{2})(?!\d)" + _AMPM + r")?")
)
# Category "Hungarian dates": 2019. november 16. (year, month in words, day).
# Category "Lithuanian dates": 2019 m. lapkričio 16 d.
YEAR_MONTH_WORD_RE = re.compile(
    one_line(r"\b(?P<y>\d{4})(?:\.|\s*m\.)\s*(?=" + _LETTER + r")(?P<mon>" + DAY_MONTH_ALT
    + r")\.?\s+(?P<d>\d{1,2})"
    r"(?:\.|\s*d\.)" + _TIME),
    re.IGNORECASE,
)
# Category "NLM-style metadata dates": scholarly pages' citation metadata (PubMed Central
# and journals following the NLM/MEDLINE citation style) write "2023 Jan 7": year, English
# month, day. Read in metadata values only (``dates.parse_date``), where the value is the
# whole date; a month alone ("2023 Jan") gives no day and so no date.
NLM_DATE_RE = re.compile(
    one_line(r"(?P<y>\d{4})\s+(?P<mon>" + MONTH_ALT + r")\.?\s+(?P<d>\d{1,2})"), re.IGNORECASE
)
# Abbreviations a byline prints after its clock, with their UTC offsets in hours: "IST"
# (India, Ireland, Israel) is left out; "CST" is US Central, as English news pages print it.
ZONE_HOURS = {
    "EDT": -4, "EST": -5, "CDT": -5, "CST": -6, "MDT": -6, "MST": -7, "PDT": -7, "PST": -8,
    "AKDT": -8, "AKST": -9, "HST": -10, "GMT": 0, "UTC": 0, "BST": 1, "CET": 1, "CEST": 2,
    "EET": 2, "EEST": 3, "MSK": 3, "JST": 9, "KST": 9, "AEST": 10, "AEDT": 11,
}
# US zones printed without the season ("2:49 PM ET"): the offset follows the day's daylight
# saving (``date_zones``, ``dates._from_text``).
US_ZONE_NAMES = {
    "ET": "America/New_York",
    "CT": "America/Chicago",
    "MT": "America/Denver",
    "PT": "America/Los_Angeles",
}
# Category "a zone abbreviation after a printed clock" (d44; issue 17): "July 24, 2012 8:10 AM
# PDT", "Nov 25, 2025 5:00 am PST", "Dec 6, 2016, 4:08pm EST", "10/17/2022 04:01 PM EDT",
# "Updated: Dec 17, 2025, 21:47 IST", "30 January 2025 / 23:07 GMT": the name right after the
# clock (capitals only, at most in brackets) says at which offset the wall time is; read as
# ``date_java.zone_reading`` reads it (IST only where the page's country or language names
# India, Ireland or Israel), the US names without a season by the day's daylight saving.
CLOCK_ZONE_RE = re.compile(one_line(r"\s*\(?(?P<zone>[A-Z]{2,5})\)?(?![\w+-])"))
# d45, category "a zoned clock printed before the date" (d44's left: "9:22 PM EST, Mon November
# 6, 2023" CNN, "11:00 AM PDT • May 16, 2024" TechCrunch, "17:41 JST, October 13, 2024",
# "15:56 BST, 27 April 2024" Daily Mail, "POSTED: 9:07 pm PST January 17, 2008"): the clock and
# its zone right before a date that prints no clock of its own are that date's (searched in
# the 48 characters before the date, ending where the date starts).
CLOCK_ZONE_BEFORE_RE = re.compile(
    one_line(r"(?<![\d:.])(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?" + _AMPM
    + r"[^\S\n]*\(?(?P<zone>[A-Z]{2,5})\)?[^\S\n]*(?:[,|•·–—-][^\S\n]*)?"
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]{0,6}\.?,?[^\S\n]+)?\Z")
)
# k45: only on the date's own line. The date finders read a page's blocks joined by "\n";
# a clock ending the block before ("Sunrise 7:12 AM EST" in a weather box, a sidebar
# headline's "11:48 PM EST") is another line's, and was read as the date's (23:48 EST moved
# the day in UTC).
CLOCK_BEFORE_CHARS = 48
# Category "Java's default date spelling": java.util.Date.toString() (pattern "EEE MMM dd
# HH:mm:ss zzz yyyy", "Mon Aug 03 12:45:00 EDT 2015"), which JSP and Java CMS templates write
# into a publication <meta> unformatted (fourth set: National Geographic's
# article:published_time; second set: the Herald Sun's article:publicationdate, a 2012 news
# network's "published" on 10 pages). d41: the same pattern formatted under a server's
# non-English Locale (SimpleDateFormat: "lun. août 03 12:45:00 CEST 2015", "Mo. Aug. 03
# ..."), and C's asctime/ctime and Unix date(1), which pad the day with a space and may
# print no zone ("Mon Aug  3 12:45:00 EDT 2015", "Sun Nov  6 08:49:37 1994", HTTP's asctime
# form). The two words are any letters here: ``date_java`` reads only a weekday and a month
# it knows, and the weekday must be the date's. The zone from ``ZONE_HOURS`` (else the
# source's zone); read where the value is the whole date (``dates.parse_date``) and in text.
# kf42 (f42's "left"): the same pattern with SimpleDateFormat's numeric zone "Z" ("EEE MMM dd
# HH:mm:ss Z yyyy"), Twitter's API ``created_at`` ("Sun Jul 15 01:16:00 +0000 2012", which
# feeds read through ``email.utils`` and pages did not read at all): the offset as written.
JAVA_DATE_RE = re.compile(
    r"(?<!\w)(?P<wd>[^\W\d_]{2,4})\.? (?P<mon>[^\W\d_]{3,5})\.? {1,2}(?P<d>\d{1,2}) "
    r"(?P<h>\d{2}):(?P<mi>\d{2}):(?P<s>\d{2}) "
    r"(?:(?P<zone>(?:GMT(?=[+-]\d\d:)|(?=[+-]\d{4} ))(?P<sign>[+-])(?P<oh>\d{2}):?(?P<om>\d{2})"
    r"|[A-Z]{2,5}) )?(?P<y>\d{4})",
    re.IGNORECASE,
)
# Category "a clock followed by GMT+hhmm" (k40b): the offset written after "GMT" or "UTC"
# ("10:00:00 GMT+0100", JavaScript's Date.toString() "Tue Mar 05 2024 10:00:00 GMT+0100
# (Central European Standard Time)", "10:00 UTC+5:30", Java's custom zone "GMT+01:00").
# fromisoformat, dateutil and RFC 822 parsing read "GMT" and drop the offset (10:00 UTC);
# ``date_offsets.gmt_offset`` reads the offset and the rest of the value at it. The zone's name
# in brackets after it is part of the spelling and goes with it.
# o52, category "a 12-hour clock's GMT offset, or the offset in brackets" (seventh set:
# Bloomberg "May 24, 2016, 8:00 PM GMT+2", Fortune "October 5, 2015 at 10:52 PM GMT+2";
# fundus: VnExpress "22/10/2025, 19:25 (GMT+7)"): the offset may follow the half-day word,
# and stand in brackets. The clock was read in the page's zone (hours off). r52: the word
# glued to the clock ("8:00PM GMT+2") is one too: a letter before it is what makes it none.
# o53: every spelling the clocks read (``HALF_AFTER_ALT``'s "[ap]\.?m\.?", any case): "8:00
# p.m GMT+2" and "8:00 pm. GMT+2" were read in the page's zone, only "PM" and "p.m." known.
HALF_DAY_WORDS = ("am", "pm", "a.m.", "p.m.", "a.m", "p.m", "am.", "pm.")
# One fixed-width look-behind a spelling (no letter before it), for GMT_OFFSET_RE.
# p53: and each fixed spelling of ``SPELT_HALF_DAY_WORDS`` (each space, the last dot or not):
# a declared "2019-11-16 11:30 p. m. GMT-3" was read at 23:30 UTC, not 02:30 the next day.
_SPELT_FIXED = [
    (variant, any_case)
    for word, _, any_case in SPELT_HALF_DAY_WORDS
    for spaced in {word.replace(" ", space) for space in " \u00a0\u202f"}
    for variant in {spaced, spaced.removesuffix(".")}
]
_AFTER_HALF_DAY = "|".join(
    [rf"(?<=(?<![^\W\d_])(?i:{re.escape(word)}))" for word in HALF_DAY_WORDS]
    + [
        rf"(?<=(?<![^\W\d_])(?{'i' if case else '-i'}:{re.escape(word)}))"
        for word, case in sorted(_SPELT_FIXED)
    ]
)
_GMT_OFFSET = (
    r"\s*(?P<open>\()?"
    r"(?P<gmt>(?:GMT|UTC)\s?(?P<sign>[+-])(?P<oh>\d{1,2})(?::?(?P<om>\d{2}))?)(?!\d)(?(open)\))"
    r"(?:\s*\([^()\d\n]{1,60}\))?"
)
GMT_OFFSET_RE = re.compile(one_line(r"(?:(?<=\d)|" + _AFTER_HALF_DAY + r")" + _GMT_OFFSET))
# k53o: the same offset read where a clock's pattern ended (``date_offsets.printed_offset``):
# its own half-day word, whatever it is (Arabic's "م", the header's "p. m.", "P M"), is
# what ends the clock; after a spelling the list above lacks, the look-behind failed and
# the clock was read at its "GMT" ("8:00 م GMT+3" at UTC, three hours off).
GMT_OFFSET_AT_RE = re.compile(one_line(_GMT_OFFSET))
# Category "CJK dates": 2019年11月16日 14:30 (Chinese, Japanese), 2019년 11월 16일 (Korean).
# No \b: a CJK character next to a digit is no word boundary.
# Category "Japanese era years": 令和元年11月16日 (``date_calendars.era_year``); the
# half-day word before the time: 2019年11月16日 下午 2:30, 2019년 11월 16일 오후 11시 30분.
CJK_YMD_RE = re.compile(
    one_line(r"(?<!\d)(?:(?P<era>" + ERA_ALT + r")\s*(?P<ey>\d{1,2}|元)|(?P<y>\d{4}))\s*[年년]"
    r"\s*(?P<m>\d{1,2})\s*[月월]\s*(?P<d>\d{1,2})\s*[日일]"
    r"(?:\s*(?:\([^)\n]{1,3}\)|（[^）\n]{1,3}）)?\s*" + _HALF
    + r"(?P<h>\d{1,2})[:：時시]\s*(?P<mi>\d{2}))?")
)
# Category "Vietnamese dates": 16 tháng 11 năm 2019 (the month as a number after "tháng").
VI_DMY_RE = re.compile(
    one_line(r"\b(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})(?:\s+năm|\s*,)?\s+(?P<y>\d{4})" + _TIME),
    re.IGNORECASE,
)
# Category "Solar Hijri dates": ۲۵ آبان ۱۳۹۸ (converted in ``date_calendars``).
JALALI_RE = re.compile(
    one_line(
        r"\b(?P<d>\d{1,2})\s+(?P<jmon>" + "|".join(sorted(JALALI_MONTHS, key=len, reverse=True))
        + r")\s+(?P<y>\d{4})\b" + _TIME
    )
)
# Category "a story that prints its day without a year" (``parsers.date_yearless``, read
# only against the fetch time, only in the byline zone): "Nov 16", "November 16th",
# "16. November", "8 января", "1er mars", "11月16日", "11월 16일". Not a day with its year
# after it (the patterns above read that), nor the first day of a span ("Nov 16-18"): the
# date ends at no year or number (the rule tells the other spans). k40b: nor a day whose
# clock (and zone) the year follows, C's ctime and Unix date(1) "Mon Aug  3 12:45:00 2015",
# "Aug 3, 12:45 PM EDT, 2015": read in the fetch's year, 2026-08-03.
_NO_YEAR_AFTER = (
    r"(?!\.?,?\s*(?:de\s+)?'?\d{2,4}\b(?![:.：時시h]\d)|\s*[-–—]\s*\d"
    r"|,?\s*\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s+[a-z]{2,5})?,?\s+\d{4}\b)"
)
MONTH_DAY_RE = re.compile(
    one_line(r"(?:\b|(?-i:(?<=[a-z])(?=[A-Z])))(?P<mon>" + MONTH_ALT
    + r")\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?(?!\d)" + _NO_YEAR_AFTER),
    re.IGNORECASE,
)
DAY_MONTH_RE = re.compile(
    one_line(r"(?<![\d.,:/])\b(?P<d>\d{1,2})(?:st|nd|rd|th|er)?\.?\s+"
    r"(?:of\s+|de\s+|d['’])?(?=" + _LETTER + r")(?P<mon>" + DAY_MONTH_ALT + r")\.?(?!\w)"
    + _NO_YEAR_AFTER),
    re.IGNORECASE,
)
CJK_MONTH_DAY_RE = re.compile(
    one_line(r"(?<![\d年년])(?P<m>\d{1,2})\s*[月월]\s*(?P<d>\d{1,2})\s*[日일]" + _NO_YEAR_AFTER)
)
YEARLESS_PATTERNS = (MONTH_DAY_RE, DAY_MONTH_RE, CJK_MONTH_DAY_RE)
# The clock a year-less date may carry after it: "8 января, 17:46", "5. august kl. 14:47",
# "Nov 16 at 2:30 PM", "16 novembre à 14h30", "11月16日 14時30分", "11월 16일 오후 3:00".
YEARLESS_CLOCK_RE = re.compile(
    one_line(r"\s*(?:[,|·•–—-]\s*)?(?:(?:at|um|à|a las|alle|às|om|в|o|kl)\.?\s*)?" + _HALF
    + r"(?P<h>\d{1,2})[:.：時시h]\s*(?P<mi>\d{2})(?![\d.:])(?:\s*(?P<ampm>" + HALF_AFTER_ALT
    + r")(?!\w))?(?:\s*(?:Uhr|分|분))?"),
    re.IGNORECASE,
)
# Numeric dates read for the page's day/month order.
NUMERIC_EVIDENCE_DATES = 50
EPOCH_RE = re.compile(r"\d{10}(?:\d{3})?$")
# d56, category "a registration date in a compact stamp": YYYYMMDDhhmmss, no separators
# (Korean portals' <meta property="og:regDate" content="20210820030646">).
COMPACT_STAMP_RE = re.compile(r"(?:19|20)\d{6}[0-2]\d[0-5]\d[0-5]\d")
URL_DATE_RE = re.compile(
    r"/(?P<y>(?:19|20)\d{2})[/-](?P<m>[01]?\d)(?:[/-](?P<d>[0-3]?\d))?(?=[/-]|$)"
)
URL_COMPACT_RE = re.compile(r"[/_-](?P<y>20\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?=[/_.-]|$)")
# Category "URL dates": /2019/1116/ (Chinese portals: people.com.cn, xinhuanet.com).
URL_YEAR_MMDD_RE = re.compile(r"/(?P<y>20\d{2})/(?P<m>[01]\d)(?P<d>[0-3]\d)/")
# /2023/october/03/: blog engines that spell the month in the path.
URL_MONTH_WORD_RE = re.compile(
    r"/(?P<y>(?:19|20)\d{2})/(?P<mon>" + MONTH_ALT + r")/(?P<d>[0-3]?\d)(?=[/-]|$)",
    re.IGNORECASE,
)
# k40b: JAVA_DATE_RE too, as a JSP template prints it in the byline ("Mon Aug 03 12:45:00 EDT
# 2015"): read nowhere else, its "Aug 03" was taken for a day of the fetch's year.
TEXT_PATTERNS = (
    DMY_RE, MDY_RE, YMD_RE, DOT_DMY_RE, CJK_YMD_RE, YEAR_MONTH_WORD_RE, VI_DMY_RE, JALALI_RE,
    JAVA_DATE_RE,
)
# Searched in the story's header only (``dates.find_date(short_years=True)``), and not
# used to call a line page furniture (``is_date_line``): lists of other posts print
# "1/4/05", and "10.29.12" alone may be a time or a version.
FIND_PATTERNS = (*TEXT_PATTERNS, SHORT_YEAR_RE)
ISO_PREFIX_RE = re.compile(r"\d{4}-\d{2}-\d{2}T")
# Category "RFC 822 dates as sites write them": an offset with a colon ("+05:30"),
# which RFC 822 parsing takes for an unknown zone (read in the source zone, hours off).
RFC822_COLON_OFFSET_RE = re.compile(r"(\s[+-]\d{2}):(\d{2})$")
# Category "a placeholder year written in four digits" (kf42): "Mon, 01 Jan 0001 00:00:00 GMT"
# (.NET's DateTime.MinValue printed with "r": a date never set), which email.utils reads as
# 2001 (any year under 100 is two-digit to it); the year written is year 1, no date.
RFC822_ZERO_CENTURY_RE = re.compile(r"\d\s+[^\W\d_]{3,}\.?\s+00\d\d(?!\d)")

DATE_WORDS_RE = re.compile(
    r"\b(?:published|updated|posted|modified|last|on|at|am|pm|a\.m|p\.m|utc|gmt|est|edt|cet|"
    r"msk|г|года|опубликовано|обновлено|изменено|дата|апублікавана|абноўлена|date|time|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|mon|tue|wed|thu|fri|sat|sun)\b\.?",
    re.IGNORECASE,
)
TIME_ONLY_RE = re.compile(r"\b\d{1,2}[:.]\d{2}\b")
# What a match of the TEXT_PATTERNS cannot lack: a four-digit year, or CJK's year mark
# (an era year, 令和元年, has no four digits). Text without either holds no date, and
# ``is_date_line`` answers without the patterns (k32: 50,000 short lines with digits
# cost 35 s CPU in them).
DATE_ANCHOR_RE = re.compile(r"\d{4}|[年년]")
# What a match of MDY_RE cannot lack, the day and year after the month: the month
# alternation, tried at every word, is most of the patterns' cost on a line.
MDY_TAIL_RE = re.compile(one_line(r"\d(?:st|nd|rd|th)?,?\s+\d{4}"), re.IGNORECASE)
MAX_DATE_LINE_CHARS = 80
