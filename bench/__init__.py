"""Benchmarks (not shipped): extraction quality and speed against references."""
