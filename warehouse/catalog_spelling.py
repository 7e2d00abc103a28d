"""One spelling of a DuckLake catalog, whatever way it was typed (o56, o56b).

A PostgreSQL catalog is reached by many strings: its keywords in any order and spacing,
quoted or not (v55), a connection URI for them, ``localhost`` or ``127.0.0.1`` for this
host, a socket folder or a link to it (o56). :func:`one_spelling` gives every one of them
the same text, for flows/owners.py (whose a deployment is: wrongly "one" is its unsafe
side, so ``localhost``, ``127.0.0.1`` and ``::1`` stay three, k56a); :func:`lock_spelling`
a wider one, for the source run locks of a lake (:func:`warehouse.run_locks.lock_folders`:
two runs of one source on one host spelt apart both wrote it, o56b; wrongly "two" is its
unsafe side). Here, not in ``flows``: ``warehouse`` imports no ``flows``.

A name is never looked up (its address is not the same on every host nor at every hour,
and a lookup that fails or hangs would change which catalog a run writes); another name
of one server stays another catalog.
"""

from __future__ import annotations

import ipaddress
import os
import re
from urllib.parse import unquote

# One ``keyword=value`` of a libpq connection string, its value quoted or not.
_KEYWORD = re.compile(r"\s*([A-Za-z_]+)\s*=\s*('(?:[^'\\]|\\.)*'|(?:[^\s'\\]|\\.)+)")
_ESCAPE = re.compile(r"\\(.)")
# This host's loopback addresses and their name (RFC 6761: ``localhost`` names them on
# every host, whatever its resolver), one host for the run locks only (lock_spelling).
# Not all of 127.0.0.0/8: another server may listen on 127.0.0.2.
_LOOPBACK = {"localhost", "127.0.0.1", "::1"}


def one_spelling(catalog: str) -> str:
    """A PostgreSQL catalog (the text after ``ducklake:``) as one spelling: ``postgres:``
    and its keywords (from a connection URI too) sorted, one space apart, each value as
    libpq reads it (quotes, escapes and %-encoding undone) and each host as
    :func:`_host` spells it. Any other catalog (SQLite, text libpq would refuse) as
    given."""
    values = _values(catalog)
    return catalog if values is None else _joined(values)


# Keywords that say how to connect, not to which database: two runs whose catalogs differ
# only in these write one lake (a password in PGPASSWORD for one, in the string for the
# other; another timeout).
_NOT_WHICH = {"password", "passfile", "connect_timeout", "application_name",
              "fallback_application_name"}


def lock_spelling(catalog: str) -> str:
    """The catalog's one spelling for the run locks of its lake: :func:`one_spelling`
    without the keywords that do not choose the database (``password``,
    ``connect_timeout``, ...), nor ``user`` when ``dbname`` is given (libpq takes the
    user's name for an omitted dbname only), with this host's loopback by any name
    (``localhost``, ``127.0.0.1``, ``::1``) one host and a name's trailing dot dropped.

    Wider than an owner (k56a keeps the loopbacks three owners): here the unsafe side is
    the other one. Locks kept apart wrongly let two runs of one source write one lake (the
    same rows twice); shared wrongly, a run of a lake on another loopback's server, with
    the same port, database and source, is turned away in one line while the other runs
    (its next run catches up)."""
    values = _values(catalog)
    if values is None:
        return catalog
    if "dbname" in values:
        values.pop("user", None)
    for key in ("host", "hostaddr"):
        if key in values:
            values[key] = ",".join(_lock_host(host) for host in values[key].split(","))
    return _joined({k: v for k, v in values.items() if k not in _NOT_WHICH})


def _lock_host(host: str) -> str:
    if not host.startswith(("/", "@")):  # a name or an address, as _host spelt it
        host = host.removesuffix(".")
    return "localhost" if host in _LOOPBACK else host


def _values(catalog: str) -> dict[str, str] | None:
    """A ``postgres:`` catalog's keywords as libpq reads them, hosts as one spelling."""
    kind, _, rest = catalog.partition(":")
    if kind != "postgres":
        return None
    values = _uri_keywords(rest) if "://" in rest else _keywords(rest)
    for key in ("host", "hostaddr"):
        if values is not None and key in values:
            values[key] = ",".join(_host(host) for host in values[key].split(","))
    return values


def _joined(values: dict[str, str]) -> str:
    return "postgres:" + " ".join(f"{key}={_quoted(values[key])}" for key in sorted(values))


def _keywords(conninfo: str) -> dict[str, str] | None:
    values: dict[str, str] = {}  # a keyword given twice: libpq takes the last
    at = 0
    while at < len(conninfo.rstrip()):
        match = _KEYWORD.match(conninfo, at)
        if match is None:
            return None
        value = match[2][1:-1] if match[2].startswith("'") else match[2]
        values[match[1]] = _ESCAPE.sub(r"\1", value)
        at = match.end()
    return values


# A libpq connection URI: postgresql://[user[:password]@][host[:port][,...]][/dbname][?k=v&...]
_URI = re.compile(r"postgres(?:ql)?://(?:(?P<user>[^@/?]*)@)?(?P<hosts>[^/?]*)"
                  r"(?:/(?P<dbname>[^?]*))?(?:\?(?P<query>.*))?", re.DOTALL)
_NETLOC = re.compile(r"(\[[^\]]*\]|[^:]*)(?::(.*))?", re.DOTALL)


def _uri_keywords(uri: str) -> dict[str, str] | None:
    """The keywords a connection URI gives libpq (its query's last), or None."""
    match = _URI.fullmatch(uri)
    if match is None:
        return None
    values: dict[str, str] = {}
    user, has_password, password = (match["user"] or "").partition(":")
    values.update({"user": unquote(user)} if user else {})
    values.update({"password": unquote(password)} if has_password else {})
    hosts, ports = [], []
    for netloc in match["hosts"].split(",") if match["hosts"] else []:
        found = _NETLOC.fullmatch(netloc)
        if found is None:
            return None
        host, port = found.groups()
        hosts.append(unquote(host[1:-1] if host.startswith("[") else host))
        ports.append(unquote(port or ""))
    values.update({"host": ",".join(hosts)} if any(hosts) else {})
    values.update({"port": ",".join(ports)} if any(ports) else {})
    values.update({"dbname": unquote(match["dbname"])} if match["dbname"] else {})
    for pair in match["query"].split("&") if match["query"] else []:
        key, has_value, value = pair.partition("=")
        if not has_value:
            return None
        values[unquote(key)] = unquote(value)
    return values


def _host(host: str) -> str:
    """One host of a catalog, as one spelling: a socket folder resolved (a link to it is
    it), an address in its canonical form (an IPv4 address mapped into IPv6 is it), a
    name in lower case. A name is never looked up: its address is not the same on every
    host nor at every hour, and a lookup failing or hanging would change whose a run is;
    another name of one server is another owner (refused in one line; one spelling, or
    ``--take-over``, goes on). ``localhost``, ``127.0.0.1`` and ``::1`` are three (k56a):
    one host may hold a server on each loopback at one port (a container's published
    ``127.0.0.1:5432`` beside PostgreSQL's own on ``[::1]:5432``), and ``localhost``
    reaches the first its resolver lists that accepts. A name's trailing dot is kept
    (``db`` goes through the resolver's search domains, ``db.`` does not), and an
    abstract socket's name (``@name``) is not a DNS name: its case is kept."""
    if host.startswith("/"):
        return os.path.realpath(host)
    if host.startswith("@"):
        return host
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host.lower()
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return str(address)


def _quoted(value: str) -> str:
    if value and not re.search(r"[\s'\\]", value):
        return value
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
