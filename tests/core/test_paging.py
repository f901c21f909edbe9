"""core.paging: opaque tokens bound to the listing that made them, stable pages, bad tokens rejected."""

import base64
import json

import pytest

import moto_ext  # noqa: F401  (registers the services)
from moto_ext.core.paging import decode_token, encode_token, paginate


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
