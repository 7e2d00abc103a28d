"""Fixtures of the security tests (the fault server doubles as an attacker's site)."""

from tests.reliability.helpers import srv

__all__ = ["srv"]
