"""A real HTTP fixture press site for the test suite (see ``server.PressSite``)."""

from tests.site import manifest
from tests.site.server import Fault, PressSite
from tests.site.sources import sources_toml, write_sources_toml

__all__ = ["Fault", "PressSite", "manifest", "sources_toml", "write_sources_toml"]
