"""Per-source extraction profiles and their lookup."""

from __future__ import annotations

from types import MappingProxyType

from parsers.profiles import belta, mfa_by, un_press
from parsers.profiles.base import Profile

PROFILES = MappingProxyType(
    {module.PROFILE.name: module.PROFILE for module in (belta, un_press, mfa_by)}
)


def get_profile(name: str) -> Profile:
    """The profile called ``name``; ``LookupError`` naming the known ones otherwise."""
    profile: Profile | None = PROFILES.get(name)
    if profile is None:
        known = ", ".join(sorted(PROFILES))
        raise LookupError(f"unknown parser profile {name!r}; known profiles: {known}")
    return profile


__all__ = ["PROFILES", "Profile", "get_profile"]
