"""Describe* reads its pages from orders kept sorted (issue 14): every filter and sort order gives
the entities, pages and tokens of the plain "filter everything, sort, slice" it replaces."""

import itertools

import pytest

from moto_ext.machinelearning.entities import DELETED
from moto_ext.machinelearning.filtering import Filter

from .helpers import make_data_source

NAMES = ["beta", "alpha", "alpha", "", "alp", "gamma", "alphabet", "beta", "b", "zeta", "alpha"]


def _reference(backend, variable, comparisons, sort_order):
    """What Describe* answered before the orders: every listed entity filtered, then sorted."""
    query = Filter(variable, comparisons, sort_order)
    selected = [e for e in backend.data_sources.values() if e.status != DELETED and query.matches(e)]

    def sort_key(entity):
        return (entity.filter_values()[variable] if variable else entity.created_at, entity.creation_order)

    return [e.id for e in sorted(selected, key=sort_key, reverse=sort_order == "dsc")]


def _walk(backend, variable, comparisons, sort_order, limit):
    ids, token = [], None
    while True:
        page, token = backend.describe_data_sources(
            filter_variable=variable, sort_order=sort_order, next_token=token, limit=limit, **comparisons
        )
        ids.extend(e.id for e in page)
        if token is None:
            return ids


@pytest.fixture
def settled(ml, s3, backend):
    for index, name in enumerate(NAMES):
        make_data_source(ml, f"ds-{index:02d}", name=name or None)
    for _ in range(2):  # a Status filter looks at every in-progress entity: PENDING -> INPROGRESS -> COMPLETED
        backend.describe_data_sources(filter_variable="Status", eq="COMPLETED")
    ml.update_data_source(DataSourceId="ds-03", DataSourceName="renamed")  # refiled under its new name
    ml.delete_data_source(DataSourceId="ds-05")  # no longer listed
    return backend


OPERANDS = {"Name": ["alpha", "alp", "b", "", "zz", "renamed"], "Status": ["COMPLETED", "C", "PENDING"]}
COMPARATORS = ["eq", "ne", "gt", "ge", "lt", "le", "prefix"]


@pytest.mark.parametrize("variable", ["Name", "Status"])
@pytest.mark.parametrize("comparator", COMPARATORS)
def test_every_comparison_lists_what_filtering_and_sorting_everything_would(settled, variable, comparator):
    for operand, sort_order, limit in itertools.product(OPERANDS[variable], ["asc", "dsc"], [1, 3, 100]):
        comparisons = {comparator: operand}
        expected = _reference(settled, variable, comparisons, sort_order)
        assert _walk(settled, variable, comparisons, sort_order, limit) == expected, (operand, sort_order, limit)


@pytest.mark.parametrize(
    "comparisons",
    [{"ge": "alp", "lt": "b"}, {"gt": "alpha", "le": "beta"}, {"prefix": "al", "ne": "alpha"}, {"ge": "z", "le": "a"}],
)
def test_combined_comparisons_intersect(settled, comparisons):
    for sort_order in ("asc", "dsc"):
        assert _walk(settled, "Name", comparisons, sort_order, 2) == _reference(
            settled, "Name", comparisons, sort_order
        )


@pytest.mark.parametrize("variable", [None, "CreatedAt", "LastUpdatedAt", "IAMUser", "DataLocationS3"])
def test_unfiltered_orders(settled, variable):
    for sort_order in ("asc", "dsc"):
        assert _walk(settled, variable, {}, sort_order, 4) == _reference(settled, variable, {}, sort_order)


def test_dates_compare_as_dates(settled):
    middle = settled.data_sources["ds-04"].created_at.isoformat()
    for comparator in ("eq", "gt", "ge", "lt", "le", "ne", "prefix"):
        comparisons = {comparator: middle[:10] if comparator == "prefix" else middle}
        expected = _reference(settled, "CreatedAt", comparisons, "asc")
        assert _walk(settled, "CreatedAt", comparisons, "asc", 3) == expected, comparator


def test_a_status_filter_looks_at_in_progress_entities_first(ml, s3, backend):
    for index in range(4):
        make_data_source(ml, f"ds-{index}")
    # every entity is looked at (one step: PENDING -> INPROGRESS) before the filter selects
    page, _ = backend.describe_data_sources(filter_variable="Status", eq="INPROGRESS")
    assert [e.id for e in page] == ["ds-0", "ds-1", "ds-2", "ds-3"]
    page, _ = backend.describe_data_sources(filter_variable="Status", eq="COMPLETED", sort_order="dsc")
    assert [e.id for e in page] == ["ds-3", "ds-2", "ds-1", "ds-0"]
