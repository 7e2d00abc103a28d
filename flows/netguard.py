"""SSRF guard: vet the address a connection actually goes to.

The check runs inside httpcore's network backend, after DNS resolution and for
every hop of a redirect chain, so neither a DNS answer nor a redirect can
smuggle in a loopback, private, link-local, CGNAT or metadata address. Literal
spellings (decimal ``2130706433``, octal ``0177.0.0.1``, IPv4-mapped IPv6) all
resolve to the same address and are judged on that; an IPv6 address that
carries an IPv4 address (IPv4-compatible, SIIT, NAT64, 6to4, Teredo, ISATAP)
is refused unless every IPv4 address in it is public.
"""

from __future__ import annotations

import ipaddress
import select
import socket
import ssl
import typing

import anyio
import httpcore
import httpx

from pressroom.errors import BlockedURL

# Ranges `is_global` lets through but that must never be reached from a crawler.
EXTRA_BLOCKED = (
    ipaddress.ip_network("100.64.0.0/10"),  # CGNAT (is_global is False, kept for clarity)
    ipaddress.ip_network("192.0.0.0/24"),
    ipaddress.ip_network("fd00::/8"),
    ipaddress.ip_network("64:ff9b:1::/48"),
    ipaddress.ip_network("3fff::/20"),  # documentation (RFC 9637)
)
# IPv6 ranges whose last 32 bits are an IPv4 address a packet may end up at.
IPV4_COMPATIBLE = ipaddress.ip_network("::/96")  # deprecated "::a.b.c.d" (RFC 4291)
IPV4_TRANSLATED = ipaddress.ip_network("::ffff:0:0:0/96")  # SIIT (RFC 2765)
NAT64 = ipaddress.ip_network("64:ff9b::/96")  # well-known NAT64 prefix (RFC 6052)
# ISATAP interface identifier (RFC 5214): 0000:5efe or 0200:5efe (u/g bits free).
ISATAP_MASK = 0xFCFF_FFFF
ISATAP_ID = 0x0000_5EFE

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def embedded_ipv4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """Every IPv4 address an IPv6 address carries: mapped, compatible, SIIT,
    NAT64, 6to4, Teredo (server and client) and ISATAP spellings."""
    found: list[ipaddress.IPv4Address] = []
    low = ipaddress.IPv4Address(int(ip) & 0xFFFF_FFFF)
    if ip.ipv4_mapped is not None:
        found.append(ip.ipv4_mapped)
    if any(ip in net for net in (IPV4_COMPATIBLE, IPV4_TRANSLATED, NAT64)):
        found.append(low)
    if ip.sixtofour is not None:
        found.append(ip.sixtofour)
    if ip.teredo is not None:
        found.extend(ip.teredo)
    if (int(ip) >> 32) & ISATAP_MASK == ISATAP_ID:
        found.append(low)
    return found


def _unwrap(ip: IPAddress) -> IPAddress:
    """Judge an IPv4-mapped address by the IPv4 address itself."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    return ip


def _public(ip: IPAddress) -> bool:
    if ip.is_multicast or not ip.is_global or ip.is_reserved:
        return False
    # Deprecated site-local fec0::/10 (RFC 3879) is "global" to Python, but it is
    # still routed inside networks that use it, like a private range.
    if isinstance(ip, ipaddress.IPv6Address) and ip.is_site_local:
        return False
    return not any(ip in net for net in EXTRA_BLOCKED if net.version == ip.version)


def is_public_address(address: str) -> bool:
    """True when ``address`` is a globally routable unicast address.

    An IPv6 address that embeds an IPv4 address (see :func:`embedded_ipv4`)
    is public only when every embedded address is public too.
    """
    try:
        ip = _unwrap(ipaddress.ip_address(address.split("%", 1)[0]))
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = embedded_ipv4(ip)
        if embedded:
            return all(_public(v4) for v4 in embedded)
    return _public(ip)


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """Resolves names itself and refuses non-public addresses.

    ``private_hosts`` are host names whose source set ``allow_private_network``;
    only connections to those names may reach private addresses.
    """

    def __init__(self, private_hosts: frozenset[str]) -> None:
        self._inner = httpcore.AnyIOBackend()
        self._private_hosts = private_hosts

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: typing.Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        """Resolve ``host``, vet every address, then connect to a vetted one."""
        try:
            with anyio.fail_after(timeout):
                infos = await anyio.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except TimeoutError as exc:
            raise httpcore.ConnectTimeout(f"DNS lookup for {host} timed out") from exc
        except OSError as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
        allow_private = host.lower() in self._private_hosts
        if not allow_private:
            bad = [a for a in addresses if not is_public_address(a)]
            if bad:
                raise BlockedURL(f"{host} resolves to non-public address {bad[0]} (SSRF guard)")
        last: Exception | None = None
        for address in addresses:
            try:
                return _SocketStream(await self._inner.connect_tcp(
                    address, port, timeout=timeout, local_address=local_address,
                    socket_options=socket_options,
                ))
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        raise last or httpcore.ConnectError(f"no address for {host}")

    async def sleep(self, seconds: float) -> None:
        """Delegate to the wrapped backend."""
        await self._inner.sleep(seconds)


class _SocketStream(httpcore.AsyncNetworkStream):
    """A connection's stream that answers httpcore's "is_readable" from its socket,
    looked up once.

    Before every request httpcore asks each pooled connection whether it has
    expired: for an idle one, whether its socket is readable (the server closed
    it). anyio answers by building its table of socket attributes, a
    ``getpeername`` call among them, each time: ~17 times a page at 8 connections
    (docs/BENCHMARKS.md, w26). The answer is the same poll on the same socket.
    """

    def __init__(self, inner: httpcore.AsyncNetworkStream,
                 sock: socket.socket | None = None) -> None:
        self._inner = inner
        self._sock: socket.socket | None = sock or inner.get_extra_info("socket")

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        """Delegate to the wrapped stream."""
        return await self._inner.read(max_bytes, timeout)

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        """Delegate to the wrapped stream."""
        await self._inner.write(buffer, timeout)

    async def aclose(self) -> None:
        """Delegate to the wrapped stream."""
        await self._inner.aclose()

    async def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                        timeout: float | None = None) -> httpcore.AsyncNetworkStream:
        """The TLS stream over the same socket, wrapped the same way."""
        tls = await self._inner.start_tls(ssl_context, server_hostname, timeout)
        return _SocketStream(tls, self._sock)

    def get_extra_info(self, info: str) -> typing.Any:
        """``is_readable`` from the kept socket; the rest from the wrapped stream."""
        if info == "is_readable":
            return _readable(self._sock)
        return self._inner.get_extra_info(info)


def _readable(sock: socket.socket | None) -> bool:
    """Whether a read would not block: data, or the end (as httpcore judges it; a
    socket that is gone counts as readable, so its connection is dropped)."""
    fd = -1 if sock is None else sock.fileno()
    if fd < 0:
        return True
    poll = select.poll()
    poll.register(fd, select.POLLIN)
    return bool(poll.poll(0))


# Request extension naming the hosts this request's source may reach on private
# addresses (set by the fetcher from ``FetchPolicy.private_hosts``).
PRIVATE_HOSTS_EXTENSION = "pressroom.private_hosts"


class GuardedTransport(httpx.AsyncBaseTransport):
    """An httpx transport whose connections go through :class:`GuardedBackend`.

    ``private_hosts`` is the most this client will ever let reach a private
    address. A request narrows it with the :data:`PRIVATE_HOSTS_EXTENSION`
    extension (its source's hosts, or none when the source did not opt in), and
    each distinct permission gets its own connection pool: a keep-alive
    connection opened for an opted-in source is never reused by another one.
    TLS is always verified: there is deliberately no way to turn it off.
    """

    def __init__(self, private_hosts: frozenset[str], *, max_connections: int = 100) -> None:
        self._ceiling = frozenset(h.lower() for h in private_hosts)
        self._max_connections = max_connections
        self._pools: dict[frozenset[str], _PoolTransport] = {}

    def _pool_for(self, hosts: frozenset[str]) -> _PoolTransport:
        pool = self._pools.get(hosts)
        if pool is None:
            pool = self._pools[hosts] = _PoolTransport(hosts, self._max_connections)
        return pool

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send ``request`` through the pool of the permission it carries."""
        wanted = request.extensions.pop(PRIVATE_HOSTS_EXTENSION, None)
        hosts = self._ceiling
        if wanted is not None:
            hosts = self._ceiling & frozenset(str(h).lower() for h in wanted)
        return await self._pool_for(hosts).handle_async_request(request)

    async def aclose(self) -> None:
        """Close every pool."""
        pools, self._pools = list(self._pools.values()), {}
        for pool in pools:
            await pool.aclose()


class _PoolTransport(httpx.AsyncHTTPTransport):
    """One guarded connection pool for one set of private-allowed hosts."""

    def __init__(self, private_hosts: frozenset[str], max_connections: int) -> None:
        super().__init__(verify=True, trust_env=False)
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(verify=True, trust_env=False),
            max_connections=max_connections,
            max_keepalive_connections=max_connections // 5 or 1,
            keepalive_expiry=5.0,
            http1=True,
            http2=False,
            network_backend=GuardedBackend(private_hosts),
        )
