"""Fault injection: the fetcher and ingest against a misbehaving loopback server."""
