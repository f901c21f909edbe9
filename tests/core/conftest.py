"""Fixtures shared by the core tests."""

from .test_lifecycle import kind, make_kind  # noqa: F401  (fixtures)
