"""Fetching and orchestration: discovery, the polite fetcher and the Prefect flows."""
