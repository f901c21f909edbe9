"""How the v1 list operations page and sort: ``page``/``per_page`` pages, a ``sortBy`` key checked
against the ones the operation documents, and the job listings' summary of the project."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from .exceptions import UnsupportedSortBy

T = TypeVar("T")


@dataclass
class JobListing:
    """One page of a job listing, with what the listing reports about the whole project."""

    total: int  # jobs that match the query
    jobs: list[Any]  # the page
    quota: int
    held: int  # jobs the project holds


def page_of(items: list[T], per_page: int, page: int) -> list[T]:
    start = (page - 1) * per_page
    return items[start : start + per_page]


def sort_items(
    items: list[T], keys: dict[str, Callable[[T], Any]], sort_by: str | None, default: str, descending: bool
) -> list[T]:
    chosen = sort_by or default
    if chosen not in keys:
        raise UnsupportedSortBy(f"Unsupported sortBy: {chosen}. Use one of {', '.join(keys)}.")
    return sorted(items, key=keys[chosen], reverse=descending)
