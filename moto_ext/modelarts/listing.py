"""How the v1 list operations page and sort: ``page``/``per_page`` pages, a ``sortBy`` key checked
against the ones the operation documents, and the job listings' summary of the project."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from moto_ext.core.paging import Catalog

from .exceptions import UnsupportedSortBy

T = TypeVar("T")


@dataclass
class JobListing:
    """One page of a job listing, with what the listing reports about the whole project."""

    total: int  # jobs that match the query
    jobs: list[Any]  # the page
    quota: int
    held: int  # jobs the project holds


def page_of(items: Sequence[T], per_page: int, page: int) -> list[T]:
    start = (page - 1) * per_page
    return list(items[start : start + per_page])


def sort_items(
    items: list[T], keys: dict[str, Callable[[T], Any]], sort_by: str | None, default: str, descending: bool
) -> list[T]:
    chosen = sort_by or default
    if chosen not in keys:
        raise UnsupportedSortBy(f"Unsupported sortBy: {chosen}. Use one of {', '.join(keys)}.")
    return sorted(items, key=keys[chosen], reverse=descending)


def job_listing(
    held: Catalog[int, Any],
    keys: dict[str, Callable[[Any], Any]],
    quota: int,
    *,
    status: int | None,
    per_page: int,
    page: int,
    sort_by: str | None,
    descending: bool,
    search_content: str,
    default_sort: str = "job_name",
    keep: Callable[[Any], bool] | None = None,
    default_run: tuple[Any, Any] | None = None,
) -> JobListing:
    """A v1 job listing (training or visualization); sortBy is checked before any job is read.

    Without a search or a status, in the default order, the listing is the run of ``held``'s
    order ``default_sort`` between the sort values ``default_run`` (None: all of it): one page
    is read, and only in-progress jobs are looked at (a look moves nothing else). A search,
    a status or another sort counts and sorts every job (the answer's total counts them).
    """
    sort_items([], keys, sort_by, default_sort, descending)
    if not search_content and status is None and (sort_by or default_sort) == default_sort:
        for job in held.in_progress():
            if keep is None or keep(job):
                job.observe()
        lo, hi = default_run or (None, None)
        run = held.view(default_sort, lo, hi, descending=descending)
        return JobListing(total=len(run), jobs=page_of(run, per_page, page), quota=quota, held=len(held))
    search = search_content.lower()
    jobs = [j for j in held.values() if search in j.name.lower() and (keep is None or keep(j))]
    for job in jobs:  # a listing reads every job it considers
        job.observe()
    if status is not None:
        jobs = [j for j in jobs if j.status == status]
    jobs = sort_items(jobs, keys, sort_by, default_sort, descending)
    return JobListing(total=len(jobs), jobs=page_of(jobs, per_page, page), quota=quota, held=len(held))
