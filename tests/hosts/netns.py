"""Simulated hosts for the multi-host tests: network namespaces joined by a bridge.

``Hosts(n)`` makes a bridge with address ``10.200.X.1/24`` in the test's own
namespace (where the Prefect server and the press site listen) and ``n``
namespaces, each with one veth pair on the bridge and address
``10.200.X.(10+i)``. Traffic between a worker and the server or the site crosses
the veth pair and the bridge, not loopback. ``X`` comes from the test's pid, so
two test sessions do not collide; only addresses made here are ever used.

Where namespaces cannot be made (not root, no ``ip``), the hosts are plain
processes on 127.0.0.1 and :attr:`Hosts.mode` says so; the tests print it.
Everything made is removed on exit, failures included.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from types import TracebackType


def _ip(*args: str) -> None:
    subprocess.run(["ip", *args], check=True, capture_output=True, text=True, timeout=30)


class Hosts:
    """``n`` simulated hosts; use as a context manager."""

    def __init__(self, n: int) -> None:
        self.n = n
        tag = os.getpid() % 100_000
        self.subnet = 1 + os.getpid() % 250
        self.bridge = f"prb{tag}"
        self.namespaces = [f"prns{tag}-{i}" for i in range(n)]
        self._veths = [f"prv{tag}x{i}" for i in range(n)]
        self.mode = "plain processes on 127.0.0.1"
        self.server_address = "127.0.0.1"
        self._made: list[tuple[str, ...]] = []  # undo commands, newest last

    def __enter__(self) -> Hosts:
        reason = self._unavailable()
        if reason:
            self.mode = f"plain processes on 127.0.0.1 (network namespaces unavailable: {reason})"
            return self
        try:
            self._build()
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            self._teardown()
            detail = getattr(exc, "stderr", "") or str(exc)
            self.mode = f"plain processes on 127.0.0.1 (namespace set-up failed: {detail.strip()})"
            self.server_address = "127.0.0.1"
            return self
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._teardown()

    @property
    def namespaced(self) -> bool:
        return self.server_address != "127.0.0.1"

    @staticmethod
    def _unavailable() -> str:
        if os.geteuid() != 0:
            return "not root"
        if shutil.which("ip") is None:
            return "no `ip` command"
        return ""

    def _build(self) -> None:
        net = f"10.200.{self.subnet}"
        _ip("link", "add", self.bridge, "type", "bridge")
        self._made.append(("link", "del", self.bridge))
        _ip("addr", "add", f"{net}.1/24", "dev", self.bridge)
        _ip("link", "set", self.bridge, "up")
        for i, (ns, veth) in enumerate(zip(self.namespaces, self._veths, strict=True)):
            _ip("netns", "add", ns)
            self._made.append(("netns", "del", ns))
            inner = f"{veth}n"
            _ip("link", "add", f"{veth}h", "type", "veth", "peer", "name", inner)
            self._made.append(("link", "del", f"{veth}h"))
            _ip("link", "set", f"{veth}h", "master", self.bridge)
            _ip("link", "set", f"{veth}h", "up")
            _ip("link", "set", inner, "netns", ns)
            _ip("-n", ns, "addr", "add", f"{net}.{10 + i}/24", "dev", inner)
            _ip("-n", ns, "link", "set", inner, "up")
            _ip("-n", ns, "link", "set", "lo", "up")
        self.server_address = f"{net}.1"
        self.mode = (f"{self.n} network namespaces ({', '.join(self.namespaces)}) on bridge "
                     f"{self.bridge} {net}.1/24, each joined by a veth pair")

    def _teardown(self) -> None:
        while self._made:
            undo = self._made.pop()
            subprocess.run(["ip", *undo], capture_output=True, timeout=30, check=False)

    def address(self, i: int) -> str:
        """Host ``i``'s own address (127.0.0.1 without namespaces)."""
        return f"10.200.{self.subnet}.{10 + i}" if self.namespaced else "127.0.0.1"

    def command(self, i: int, argv: list[str]) -> list[str]:
        """``argv`` run on host ``i`` (inside its namespace when there is one)."""
        if not self.namespaced:
            return argv
        return ["ip", "netns", "exec", self.namespaces[i], *argv]

    def links_ok(self) -> bool:
        """True when every namespace still has its veth up (a sanity check for tests)."""
        if not self.namespaced:
            return True
        for ns in self.namespaces:
            out = subprocess.run(["ip", "-n", ns, "-brief", "addr"], capture_output=True,
                                 text=True, check=False, timeout=30).stdout
            if f"10.200.{self.subnet}." not in out:
                return False
        return True
