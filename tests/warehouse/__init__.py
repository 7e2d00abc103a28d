"""Tests of the DuckDB warehouse."""
