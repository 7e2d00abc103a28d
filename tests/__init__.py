"""Pressroom test suite."""
