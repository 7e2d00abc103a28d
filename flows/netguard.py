"""SSRF guard: vet the address a connection actually goes to.

The check runs inside httpcore's network backend, after DNS resolution and for
every hop of a redirect chain, so neither a DNS answer nor a redirect can
smuggle in a loopback, private, link-local, CGNAT or metadata address. Literal
spellings (decimal ``2130706433``, octal ``0177.0.0.1``, IPv4-mapped IPv6) all
resolve to the same address and are judged on that.
"""

from __future__ import annotations

import ipaddress
import socket
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
)
NAT64 = ipaddress.ip_network("64:ff9b::/96")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def _unwrap(ip: IPAddress) -> IPAddress:
    """Judge an embedded IPv4 address (mapped, 6to4-free NAT64) by itself."""
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return ip.ipv4_mapped
        if ip in NAT64:
            return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return ip


def is_public_address(address: str) -> bool:
    """True when ``address`` is a globally routable unicast address."""
    try:
        ip = _unwrap(ipaddress.ip_address(address.split("%", 1)[0]))
    except ValueError:
        return False
    if ip.is_multicast or not ip.is_global:
        return False
    return not any(ip in net for net in EXTRA_BLOCKED if net.version == ip.version)


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
                return await self._inner.connect_tcp(
                    address, port, timeout=timeout, local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        raise last or httpcore.ConnectError(f"no address for {host}")

    async def sleep(self, seconds: float) -> None:
        """Delegate to the wrapped backend."""
        await self._inner.sleep(seconds)


class GuardedTransport(httpx.AsyncHTTPTransport):
    """An httpx transport whose connections go through :class:`GuardedBackend`.

    TLS is always verified: there is deliberately no way to turn it off.
    """

    def __init__(self, private_hosts: frozenset[str], *, max_connections: int = 100) -> None:
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
