"""core.jsonbody: a caller's JSON document as a dict, or NotAJsonObject naming the document."""

import pytest

import moto_ext  # noqa: F401  (registers the services)
from moto_ext.core.jsonbody import NotAJsonObject, json_object


@pytest.mark.parametrize(
    "text",
    ['{"a": 1, "b": [true, null]}', b'{"a": 1, "b": [true, null]}', bytearray(b'{"a": 1, "b": [true, null]}')],
)
def test_text_bytes_and_bytearray_give_the_object(text):
    assert json_object(text) == {"a": 1, "b": [True, None]}


def test_utf8_bytes_are_decoded():
    assert json_object('{"name": "café"}'.encode()) == {"name": "café"}


def test_an_empty_object_is_an_object():
    assert json_object("{}") == {}
    assert json_object("  {}\n") == {}


def test_not_an_object_is_a_value_error():
    assert issubclass(NotAJsonObject, ValueError)


@pytest.mark.parametrize("text", ["[1, 2]", '"text"', "3", "null", "true"])
def test_json_that_is_not_an_object_is_rejected_and_named(text):
    with pytest.raises(NotAJsonObject) as error:
        json_object(text, "The policy")
    assert str(error.value) == "The policy is not a JSON object."


@pytest.mark.parametrize("text", ["{", "{'a': 1}", "not json", "", None, b"", '{"a": 1} trailing'])
def test_text_that_is_not_json_is_rejected_and_named(text):
    with pytest.raises(NotAJsonObject) as error:
        json_object(text, "The request body")
    message = str(error.value)
    assert message.startswith("The request body is not valid JSON: ")
    assert message.endswith(".")
    assert error.value.__context__ is None or error.value.__suppress_context__  # no chained traceback


def test_bytes_that_are_not_utf8_are_rejected_and_named():
    with pytest.raises(NotAJsonObject) as error:
        json_object(b'{"a": "\xff"}', "Line 3 of the manifest")
    assert str(error.value) == "Line 3 of the manifest is not UTF-8 text."


def test_default_name_of_the_document():
    with pytest.raises(NotAJsonObject, match="^The document is not a JSON object.$"):
        json_object("[]")


@pytest.mark.parametrize("text", ['{"a": NaN}', '{"a": Infinity}', '{"a": [-Infinity]}'])
def test_non_standard_number_constants_are_not_json(text):
    with pytest.raises(NotAJsonObject):
        json_object(text)
