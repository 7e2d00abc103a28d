"""Tests of the parsers package: extraction, dates, datelines, profiles, quality gate."""
