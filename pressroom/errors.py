"""The one exception tree of Pressroom.

Foreign exceptions (httpx, duckdb, lxml, tomllib, ...) are translated once, at
the edge where they occur, with ``raise ... from``; everything above the edge
sees only these classes::

    PressroomError
    ├── ConfigError                  bad sources file, unknown source, bad option   (terminal)
    │   ├── NotOnLake                a command that does not run on a DuckLake warehouse yet
    │   └── DeploymentTaken          serve/deploy would take another project's deployment,
    │                                or a serve's run was made for another project
    ├── TransientError               worth retrying with backoff
    │   ├── FetchTimeout             connect/read timeout, slow drip
    │   ├── ConnectError             refused, reset, DNS failure
    │   │   ├── RobotsUnavailable        robots.txt unreachable: not crawled this run
    │   │   └── BodyBrokeOff             the host answered, its body ended early
    │   ├── RateLimited              HTTP 429 (carries retry_after)
    │   ├── ServerError              HTTP 5xx (carries retry_after)
    │   ├── WarehouseUnavailable     the warehouse takes no writes now: batches are staged
    │   │   ├── DatabaseLocked           another process holds the DuckDB file
    │   │   ├── CatalogUnavailable       a lake's catalog database (PostgreSQL) is unreachable
    │   │   └── StorageUnavailable       a lake's data folder takes no writes (full, read-only)
    │   ├── EmptyBody                a page answered 2xx with no body at all (a glitch)
    │   ├── PartialContent           HTTP 206 to a request for the whole page (a slice)
    │   ├── ParserCrashed            a parser process died on this page alone (quarantined)
    │   └── PrefectUnavailable       the Prefect API did not start or answer in time
    └── TerminalError                retrying within the run will not help (an article
        │                            fetch goes on the retry schedule across runs)
        ├── HTTPStatusError          other 4xx (404, 410, 403, ...)
        ├── BlockedURL               SSRF guard, robots.txt, disallowed host or scheme
        ├── TooLarge                 body over the size cap after decompression
        ├── UnsupportedCoding        a Content-Encoding never asked for that cannot be undone
        ├── MediaTypeRefused         an article's answer is no page (PDF, JSON, image, ...)
        ├── TooManyRedirects         loops and over-long chains
        ├── FeedError                feed/sitemap not parseable or hostile XML
        ├── ParseError               page cannot be turned into an Article
        └── WarehouseError           schema/migration or query failure
            ├── QueryRefused             `pressroom sql` sandbox: files, network, settings, writes
            └── QueryCancelled           `pressroom sql` stopped by --timeout or Ctrl-C

``error_class`` (the class name) is what ``fetch_log`` and ``runs`` record.

Per-URL states are data, not exceptions: a terminal failure of an article
fetch puts the URL in ``url_retries`` as *pending* (asked again after 1 h,
6 h, 1 day, 1 week) and then *given up*, with its class, message and status
(warehouse/retries.py, flows/retry_schedule.py).
"""

from __future__ import annotations

import re
import unicodedata

_LINE_BREAKS = re.compile(r"\s*(?:\r?\n)+\s*")
_UNSHOWN = frozenset({"Cc", "Cf", "Zl", "Zp"})  # control, format, line and paragraph


def single_line(message: str) -> str:
    """``message`` on one line: a foreign error's own line breaks (DuckDB writes
    "... CHECKPOINT during DETACH failed. \\nCheckpoint failed ...") become spaces, so
    an error stays the one stderr line README promises; every other control or format
    character (one a user typed into a path: ``\\x1b[2J`` clears the screen, ``\\r``
    rewrites the line, ``\\u202e`` turns it around) is printed escaped, as Python's repr
    prints it (c55: they were printed raw, or as a space)."""
    line = _LINE_BREAKS.sub(" ", message).strip()
    return "".join(repr(c)[1:-1] if unicodedata.category(c) in _UNSHOWN else c for c in line)


def interrupted(exc: BaseException) -> bool:
    """True if Ctrl-C caused ``exc``: DuckDB turns the KeyboardInterrupt of a statement
    it was running (loading an extension, copying a catalog) into its own error."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, KeyboardInterrupt) or type(current).__name__ == "InterruptException":
            return True
        current = current.__cause__ or current.__context__
    return False


class PressroomError(Exception):
    """Base of every error Pressroom raises on purpose."""

    transient: bool = False

    @property
    def error_class(self) -> str:
        """Short, stable name stored in ``fetch_log.error_class``."""
        return type(self).__name__


class ConfigError(PressroomError):
    """The sources file, an option or a source name is wrong."""


class NotOnLake(ConfigError):
    """The command does not run on a DuckLake warehouse yet (warehouse/lake.py)."""


class DeploymentTaken(ConfigError):
    """``serve`` or ``deploy`` would register a deployment of the same name that belongs
    to another sources file or warehouse on the same Prefect server (flows/owners.py); or
    a run a ``serve`` started names another sources file or warehouse than that serve's
    (flows/serve_guard.py)."""


class TransientError(PressroomError):
    """A failure that may go away: retried with capped exponential backoff."""

    transient = True

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class FetchTimeout(TransientError):
    """Connect or read timeout, including a body that drips too slowly."""


class ConnectError(TransientError):
    """Connection refused or reset, DNS failure (a body that broke off: BodyBrokeOff)."""


class BodyBrokeOff(ConnectError):
    """The host answered, then its body ended before its declared length, its last chunk
    or the end of its compressed stream (a gzip cut short, o43).

    Kept apart from ConnectError so the console does not say the host could not be
    reached when it did answer.
    """


class EmptyBody(TransientError):
    """A page answered 2xx (or 204) with no body, or only white space: an overloaded
    origin's blank page or a cache that lost the object. Not a verdict on the page
    (the parser's "empty document" would mark it not an article for good): it is not
    marked seen, so the next run asks it again.
    """


class PartialContent(TransientError):
    """HTTP 206 to a request for the whole resource (Pressroom sends no Range): a
    broken cache's slice, never stored as the page; retried like a 5xx."""


class RobotsUnavailable(ConnectError):
    """robots.txt could not be fetched (5xx or unreachable): the host is skipped.

    Transient for the next run, but not retried within this one: the robots
    fetch already had its own retries.
    """


class RateLimited(TransientError):
    """HTTP 429 Too Many Requests."""


class ServerError(TransientError):
    """HTTP 5xx."""


class WarehouseUnavailable(TransientError):
    """The warehouse cannot be written for now: an ingest stages its batches in the
    spool (flows/spool.py) and a later session merges them."""


class DatabaseLocked(WarehouseUnavailable):
    """Another process holds the DuckDB file's write lock."""


class CatalogUnavailable(WarehouseUnavailable):
    """A DuckLake's catalog database (PostgreSQL) cannot be reached: down, restarting,
    or the connection broke (translated in warehouse/lake_errors.py)."""


class StorageUnavailable(WarehouseUnavailable):
    """A DuckLake's files cannot be written: its data folder is full, read-only, or its
    share went away (translated in warehouse/lake_errors.py)."""


class ParserCrashed(TransientError):
    """A parser process died (killed, out of memory, crashed) on this page run alone.

    The page is quarantined for this run: not stored, not marked seen, so the
    next run fetches and parses it again.
    """


class PrefectUnavailable(TransientError):
    """The Prefect API server (temporary or long-lived) did not start or answer."""


class TerminalError(PressroomError):
    """A failure that retrying will not fix."""


class HTTPStatusError(TerminalError):
    """A 4xx response other than 429."""

    def __init__(self, message: str, *, status: int) -> None:
        super().__init__(message)
        self.status = status


class BlockedURL(TerminalError):
    """Refused before connecting: private address, robots.txt, foreign host or scheme."""


class TooLarge(TerminalError):
    """The response body exceeded the size cap after decompression."""


class UnsupportedCoding(TerminalError):
    """The body comes under a registered Content-Encoding Pressroom never asks for and
    cannot undo (``compress``, ``aes128gcm``, ...): refused, never stored as text."""


class MediaTypeRefused(TerminalError):
    """An article fetch answered with a media type no page is served as (a PDF, JSON, an
    image, an archive; flows/media.py) and bytes that do not begin as HTML."""


class TooManyRedirects(TerminalError):
    """A redirect loop or a chain longer than the limit."""


class FeedError(TerminalError):
    """A feed or sitemap that is malformed or hostile (entities, DTDs)."""


class ParseError(TerminalError):
    """A document that cannot be turned into an Article."""


class WarehouseError(TerminalError):
    """The DuckDB warehouse failed: migration, query or a corrupt file."""


class QueryRefused(WarehouseError):
    """``pressroom sql`` refused a statement: file, network or extension access,
    a locked setting, or a change without ``--write``."""


class QueryCancelled(WarehouseError):
    """``pressroom sql`` stopped a statement: its ``--timeout`` ran out or it was interrupted."""
