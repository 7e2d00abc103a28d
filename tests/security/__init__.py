"""Hostile input: SSRF, XML attacks, secrets, read-only SQL, fuzzed parsers."""
