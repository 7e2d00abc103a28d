"""Fixtures of the fault tests."""

from tests.reliability.helpers import srv

__all__ = ["srv"]
