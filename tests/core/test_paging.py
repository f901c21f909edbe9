"""core.paging: opaque tokens bound to the listing that made them, stable pages, bad tokens rejected."""

import base64
import json

import pytest

import moto_ext  # noqa: F401  (registers the services)
from moto_ext.core import lifecycle
from moto_ext.core.paging import AFTER_ALL, Catalog, decode_token, encode_token, paginate, paginate_matching


class InvalidToken(Exception):
    pass


ITEMS = [f"item-{n:02d}" for n in range(25)]


def _page(items=ITEMS, token=None, max_results=None, default_size=10, scope=None):
    return paginate(items, token, max_results, default_size=default_size, invalid=InvalidToken, scope=scope)


def _all_pages(items, max_results, scope=None):
    pages, token = [], None
    while True:
        page, token = _page(items, token, max_results, scope=scope)
        pages.append(page)
        if token is None:
            return pages


def test_walking_every_page_returns_every_item_once_in_order():
    pages = _all_pages(ITEMS, 7)
    assert [len(page) for page in pages] == [7, 7, 7, 4]
    assert [item for page in pages for item in page] == ITEMS


def test_default_size_applies_without_max_results():
    page, token = _page(default_size=10)
    assert page == ITEMS[:10]
    assert token is not None


def test_last_page_has_no_token():
    page, token = _page(max_results=25)
    assert page == ITEMS and token is None
    page, token = _page(max_results=100)
    assert page == ITEMS and token is None


def test_empty_listing_is_one_empty_page():
    assert _page(items=[]) == ([], None)


def test_a_page_that_ends_exactly_at_the_end_has_no_token():
    page, token = _page(max_results=5)
    for _ in range(4):
        page, token = _page(token=token, max_results=5)
    assert page == ITEMS[20:] and token is None


def test_token_round_trips_its_offset_and_scope():
    token = encode_token(12, {"filter": "x"})
    assert decode_token(token, {"filter": "x"}, InvalidToken) == 12
    assert decode_token(encode_token(0), None, InvalidToken) == 0


def test_scope_fingerprint_ignores_key_order():
    token = encode_token(3, {"a": 1, "b": 2})
    assert decode_token(token, {"b": 2, "a": 1}, InvalidToken) == 3


def test_token_is_opaque_text():
    token = encode_token(12, "project-a")
    assert "12" not in token and "project-a" not in token
    assert token.isascii()


def test_token_of_another_listing_is_rejected():
    _, token = _page(max_results=5, scope="project-a")
    with pytest.raises(InvalidToken, match="pagination token is invalid"):
        _page(token=token, max_results=5, scope="project-b")
    with pytest.raises(InvalidToken):
        _page(token=token, max_results=5)  # no scope is a scope too


def _forged(payload):
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode()


@pytest.mark.parametrize(
    "token",
    [
        "not a token",
        "%%%%",
        "bm90IGpzb24=",  # base64 of "not json"
        _forged([1, 2]),
        _forged("o"),
        _forged(7),
        _forged({"o": 5}),
        _forged({"s": encode_token(0)}),
        _forged({"o": -1, "s": json.loads(base64.urlsafe_b64decode(encode_token(0)))["s"]}),
        _forged({"o": "5", "s": json.loads(base64.urlsafe_b64decode(encode_token(0)))["s"]}),
        _forged({"o": 2.5, "s": json.loads(base64.urlsafe_b64decode(encode_token(0)))["s"]}),
        "é",
    ],
)
def test_malformed_tokens_raise_the_service_error(token):
    with pytest.raises(InvalidToken) as error:
        _page(token=token)
    assert error.value.__context__ is None or error.value.__suppress_context__  # no chained traceback


def test_a_well_formed_token_past_the_end_gives_an_empty_last_page():
    assert _page(token=encode_token(99)) == ([], None)


def test_an_empty_token_starts_at_the_beginning():
    page, _ = _page(token="", max_results=3)
    assert page == ITEMS[:3]


def test_pages_are_copies_of_the_items():
    items = list(ITEMS)
    page, _ = _page(items=items, max_results=3)
    page.append("extra")
    assert items == ITEMS


def test_works_on_any_sequence():
    page, token = _page(items=tuple(range(5)), max_results=2)
    assert page == [0, 1] and isinstance(page, list)
    assert _page(items=range(5), token=token, max_results=2)[0] == [2, 3]


# --- Catalog: a dict kept in the orders its listings read ------------------------------------


class Thing:
    def __init__(self, name, colour="red"):
        self.name, self.colour = name, colour
        self.lifecycle = lifecycle.Lifecycle(KIND, "SETTLED")


KIND = lifecycle.LifecycleKind("tests.paging_thing", steps={"MOVING": "SETTLED"})


def _catalog(*names, **options):
    catalog = Catalog({"name": lambda t: t.name, "colour": lambda t: t.colour}, **options)
    for name in names:
        catalog[name] = Thing(name)
    return catalog


def _names(items):
    return [t.name for t in items]


def test_catalog_is_a_dict_that_keeps_insertion_order():
    catalog = _catalog("b", "a", "c")
    assert list(catalog) == ["b", "a", "c"] and len(catalog) == 3 and "a" in catalog
    assert _names(catalog.view()) == ["b", "a", "c"]
    assert _names(catalog.view(descending=True)) == ["c", "a", "b"]
    del catalog["a"]
    assert _names(catalog.view()) == ["b", "c"] and catalog.get("a") is None
    catalog["b"] = Thing("b")  # a new value under a known key keeps its place
    catalog["a"] = Thing("a")
    assert _names(catalog.view()) == ["b", "c", "a"]


def test_views_slice_and_index_like_the_sorted_list():
    catalog = _catalog(*[f"n{i:02d}" for i in range(20)])
    expected = [f"n{i:02d}" for i in range(20)]
    for descending in (False, True):
        view = catalog.view("name", descending=descending)
        reference = sorted(expected, reverse=descending)
        assert len(view) == 20
        assert _names(view[3:9]) == reference[3:9]
        assert _names(view[15:40]) == reference[15:40]
        assert _names(view[::3]) == reference[::3]
        assert view[0].name == reference[0] and view[-1].name == reference[-1]
        with pytest.raises(IndexError):
            view[20]


def test_named_orders_are_kept_from_their_first_use_and_ties_go_by_insertion():
    catalog = _catalog("b", "a")
    assert _names(catalog.view("name")) == ["a", "b"]  # built now
    catalog["c"] = Thing("a")  # same sort value as "a": after it
    catalog["0"] = Thing("0")
    assert _names(catalog.view("name")) == ["0", "a", "a", "b"]
    assert [t.name for t in catalog.having("name", "a")] == ["a", "a"]
    assert list(catalog.having("name", "zz")) == []
    with pytest.raises(KeyError):
        catalog.view("size")


def test_refile_moves_a_value_whose_sort_value_changed():
    catalog = _catalog("a", "b", "c")
    assert _names(catalog.having("colour", "red")) == ["a", "b", "c"]
    catalog["b"].colour = "blue"
    catalog.refile("b")
    assert _names(catalog.having("colour", "red")) == ["a", "c"]
    assert _names(catalog.having("colour", "blue")) == ["b"]
    catalog.refile("missing")  # nothing to do


def test_views_between_sort_values_and_prefixes_of_tuples():
    catalog = Catalog({"pair": lambda t: (t.colour, t.name)})
    for name, colour in [("x", "red"), ("y", "blue"), ("z", "red"), ("w", "green")]:
        catalog[name] = Thing(name, colour)
    assert _names(catalog.view("pair", ("red",), ("red", AFTER_ALL))) == ["x", "z"]
    assert _names(catalog.view("pair", ("green",))) == ["w", "x", "z"]
    assert _names(catalog.view("pair", None, ("green",))) == ["y"]
    assert catalog.position("pair", ("red", "x")) == 2
    assert catalog.position("pair", ("red", "x"), after=True) == 3


def test_listed_says_which_values_the_orders_hold():
    catalog = _catalog("a", "b", listed=lambda t: t.colour != "gone")
    catalog["a"].colour = "gone"
    catalog.refile("a")
    assert _names(catalog.view()) == ["b"] and _names(catalog.view("name")) == ["b"]
    assert "a" in catalog  # still in the dict


def test_ordered_gives_chosen_keys_in_insertion_order():
    catalog = _catalog("b", "a", "c")
    assert _names(catalog.ordered({"c", "b", "missing"})) == ["b", "c"]
    assert _names(catalog.ordered(["b", "c"], descending=True)) == ["c", "b"]


def test_in_progress_finds_the_values_whose_lifecycle_moves():
    catalog = _catalog("a", "b", "c", lifecycles=lambda t: [t.lifecycle])
    assert catalog.in_progress() == []
    catalog["c"].lifecycle.begin("MOVING")
    catalog["a"].lifecycle.begin("MOVING")
    assert _names(catalog.in_progress()) == ["a", "c"]  # in insertion order
    catalog["a"].lifecycle.observe()
    assert _names(catalog.in_progress()) == ["c"]
    del catalog["c"]
    assert catalog.in_progress() == []


@pytest.mark.parametrize("size", [1, 3, 4, 10])
def test_paginate_matching_gives_the_pages_and_tokens_of_paginate_over_the_matches(size):
    def keep(item):
        return item.endswith(("1", "4", "7"))

    matches = [item for item in ITEMS if keep(item)]
    token, reference_token = None, None
    while True:
        page, token = paginate_matching(ITEMS, keep, token, size, default_size=10, invalid=InvalidToken, scope="s")
        expected, reference_token = _page(matches, reference_token, size, scope="s")
        assert (page, token) == (expected, reference_token)
        if token is None:
            break


def test_paginate_with_keep_is_paginate_matching():
    def keep(item):
        return item.endswith("3")

    page, token = paginate(ITEMS, None, 2, default_size=10, invalid=InvalidToken, keep=keep)
    assert page == ["item-03", "item-13"] and token is not None
    assert paginate(ITEMS, token, 2, default_size=10, invalid=InvalidToken, keep=keep) == (["item-23"], None)
