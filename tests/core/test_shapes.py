"""core.shapes: every way a value breaks a botocore shape (the checks botocore's client leaves out)."""

import base64
import datetime
import io

import pytest
from botocore.model import ShapeResolver

import moto_ext  # noqa: F401  (registers the services)
from moto_ext.core import shapes
from moto_ext.core.shapes import problems

SHAPES = {
    "Thing": {
        "type": "structure",
        "required": ["Name", "Size"],
        "members": {
            "Name": {"shape": "Name"},
            "Size": {"shape": "Size"},
            "Ratio": {"shape": "Ratio"},
            "Big": {"shape": "Big"},
            "Color": {"shape": "Color"},
            "Enabled": {"shape": "Flag"},
            "Tags": {"shape": "Tags"},
            "Labels": {"shape": "Labels"},
            "Blob": {"shape": "Payload"},
            "At": {"shape": "When"},
            "Child": {"shape": "Child"},
            "Free": {"shape": "Free"},
            "Unicode": {"shape": "UnicodeName"},
            "Extras": {"shape": "Extras"},
        },
    },
    "Name": {"type": "string", "min": 1, "max": 10, "pattern": "[a-z0-9-]+"},
    "UnicodeName": {"type": "string", "pattern": "[\\p{L}]+"},  # Java-only syntax
    "Size": {"type": "integer", "min": 1, "max": 100},
    "Ratio": {"type": "double", "min": 0, "max": 1},
    "Big": {"type": "long"},
    "Color": {"type": "string", "enum": ["RED", "GREEN"]},
    "Flag": {"type": "boolean"},
    "Tags": {"type": "map", "key": {"shape": "TagKey"}, "value": {"shape": "TagValue"}, "max": 2},
    "TagKey": {"type": "string", "max": 3},
    "TagValue": {"type": "string", "enum": ["yes", "no"]},
    "Labels": {"type": "list", "member": {"shape": "Name"}, "min": 1, "max": 2},
    "Payload": {"type": "blob", "min": 2, "max": 4},
    "When": {"type": "timestamp"},
    "Child": {"type": "structure", "required": ["Id"], "members": {"Id": {"shape": "Name"}}},
    "Free": {"type": "structure", "members": {}, "document": True},
    "Extras": {"type": "list", "member": {"shape": "Child"}},
}

RESOLVER = ShapeResolver(SHAPES)
THING = RESOLVER.get_shape_by_name("Thing")
VALID = {"Name": "a-1", "Size": 5}


def _problems(**members):
    return problems({**VALID, **members}, THING)


def test_a_conforming_value_has_no_problems():
    full = {
        **VALID,
        "Ratio": 0.5,
        "Big": 2**40,
        "Color": "RED",
        "Enabled": False,
        "Tags": {"a": "yes"},
        "Labels": ["x"],
        "Blob": b"abc",
        "At": datetime.datetime(2026, 1, 1),
        "Child": {"Id": "c"},
        "Free": {"any": [1, {"json": None}]},
        "Extras": [{"Id": "e"}],
    }
    assert problems(full, THING) == []


def test_no_shape_means_no_problems():
    assert problems({"anything": 1}, None) == []


def test_none_values_are_absent_members():
    assert _problems(Ratio=None, Color=None) == []


# --- structures ------------------------------------------------------------------------------------
def test_missing_required_members_are_named_with_their_path():
    assert problems({}, THING) == ["Thing.Name: required member is missing", "Thing.Size: required member is missing"]
    assert problems({"Name": None, "Size": 1}, THING) == ["Thing.Name: required member is missing"]


def test_required_members_of_nested_structures():
    assert _problems(Child={}) == ["Thing.Child.Id: required member is missing"]
    assert _problems(Extras=[{"Id": "a"}, {}]) == ["Thing.Extras[1].Id: required member is missing"]


def test_check_required_false_skips_required_but_not_the_rest():
    assert problems({"Color": "BLUE"}, THING, check_required=False) == ["Thing.Color: 'BLUE' is not one of RED, GREEN"]
    assert problems({"Child": {}}, THING, check_required=False) == []


def test_unknown_members_are_reported_but_response_metadata_is_not():
    assert _problems(Bogus=1) == ["Thing.Bogus: not a member of Thing"]
    assert _problems(ResponseMetadata={"HTTPStatusCode": 200}) == []


def test_a_structure_must_be_a_dict():
    assert _problems(Child=["Id"]) == ["Thing.Child: expected a structure, got list"]


def test_a_document_holds_any_value():
    assert _problems(Free={"x": {"y": [1, 2]}}) == []


def test_the_path_can_be_given():
    assert problems({}, THING, "Request")[0] == "Request.Name: required member is missing"


# --- strings ---------------------------------------------------------------------------------------------
def test_string_length_bounds():
    assert _problems(Name="")[0] == "Thing.Name: has 0 characters, fewer than the minimum 1"
    assert _problems(Name="a" * 11) == ["Thing.Name: has 11 characters, more than the maximum 10"]
    assert _problems(Name="a" * 10) == []


def test_string_length_counts_characters_not_bytes():
    assert _problems(Tags={"ééé": "yes"}) == []  # 3 characters, 6 bytes in UTF-8


def test_pattern_must_match_the_whole_value():
    assert _problems(Name="ab cd") == ["Thing.Name: 'ab cd' does not match the pattern [a-z0-9-]+"]
    assert _problems(Name="ABC") == ["Thing.Name: 'ABC' does not match the pattern [a-z0-9-]+"]
    assert _problems(Name="abc\n") == ["Thing.Name: 'abc\\n' does not match the pattern [a-z0-9-]+"]


def test_a_pattern_python_cannot_read_is_not_checked():
    assert shapes._compiled("[\\p{L}]+") is None
    assert _problems(Unicode="anything at all 123") == []


def test_enum_values():
    assert _problems(Color="GREEN") == []
    assert _problems(Color="green") == ["Thing.Color: 'green' is not one of RED, GREEN"]


def test_a_string_must_be_a_string():
    assert _problems(Name=5) == ["Thing.Name: expected a string, got int"]
    assert _problems(Name=b"abc") == ["Thing.Name: expected a string, got bytes"]


# --- numbers, booleans, timestamps ---------------------------------------------------------------------
def test_integer_range():
    assert _problems(Size=0) == ["Thing.Size: 0 is below the minimum 1"]
    assert _problems(Size=101) == ["Thing.Size: 101 is above the maximum 100"]
    assert _problems(Size=1) == [] and _problems(Size=100) == []


@pytest.mark.parametrize("value", [True, 5.0, "5", [5]])
def test_an_integer_must_be_an_int_and_not_a_bool(value):
    assert _problems(Size=value) == [f"Thing.Size: expected an integer, got {value!r}"]


def test_a_long_is_integral_too():
    assert _problems(Big=1.5) == ["Thing.Big: expected an integer, got 1.5"]


def test_a_double_takes_ints_and_floats_within_range():
    assert _problems(Ratio=1) == [] and _problems(Ratio=0.25) == []
    assert _problems(Ratio=1.5) == ["Thing.Ratio: 1.5 is above the maximum 1"]
    assert _problems(Ratio=-0.1) == ["Thing.Ratio: -0.1 is below the minimum 0"]
    assert _problems(Ratio=False) == ["Thing.Ratio: expected a number, got False"]
    assert _problems(Ratio="0.5") == ["Thing.Ratio: expected a number, got '0.5'"]


@pytest.mark.parametrize("value", [0, 1, "true", [True]])
def test_a_boolean_must_be_a_bool(value):
    assert _problems(Enabled=value) == [f"Thing.Enabled: expected a boolean, got {value!r}"]


@pytest.mark.parametrize("value", [datetime.datetime(2026, 1, 1), 1700000000, 1700000000.5, "2026-01-01T00:00:00Z"])
def test_timestamps_take_datetimes_numbers_and_text(value):
    assert _problems(At=value) == []


@pytest.mark.parametrize("value", [True, [2026], {"y": 2026}])
def test_other_timestamps_are_rejected(value):
    assert _problems(At=value) == [f"Thing.At: expected a timestamp, got {type(value).__name__}"]


# --- blobs ---------------------------------------------------------------------------------------------
def test_blob_length_in_bytes():
    assert _problems(Blob=b"a") == ["Thing.Blob: has 1 bytes, fewer than the minimum 2"]
    assert _problems(Blob=bytearray(b"abcde")) == ["Thing.Blob: has 5 bytes, more than the maximum 4"]


def test_a_base64_string_blob_is_measured_decoded():
    encoded = base64.b64encode(b"abcd").decode()  # 8 characters, 4 bytes
    assert _problems(Blob=encoded) == []
    assert _problems(Blob=base64.b64encode(b"abcdef").decode()) == ["Thing.Blob: has 6 bytes, more than the maximum 4"]


def test_a_string_blob_that_is_not_base64_is_measured_as_text():
    assert _problems(Blob="abc") == []  # not valid base64: three bytes of text
    assert _problems(Blob="a b c d e") == ["Thing.Blob: has 9 bytes, more than the maximum 4"]


def test_a_streaming_blob_is_not_read():
    stream = io.BytesIO(b"much longer than four bytes")
    assert _problems(Blob=stream) == []
    assert stream.tell() == 0


def test_a_blob_must_be_bytes():
    assert _problems(Blob=12) == ["Thing.Blob: expected bytes, got int"]


# --- lists and maps ------------------------------------------------------------------------------------
def test_list_length_and_items():
    assert _problems(Labels=[]) == ["Thing.Labels: has 0 items, fewer than the minimum 1"]
    assert _problems(Labels=["a", "b", "c"]) == ["Thing.Labels: has 3 items, more than the maximum 2"]
    assert _problems(Labels=("a", "B")) == ["Thing.Labels[1]: 'B' does not match the pattern [a-z0-9-]+"]
    assert _problems(Labels="ab") == ["Thing.Labels: expected a list, got str"]


def test_map_length_keys_and_values():
    assert _problems(Tags={"a": "yes", "b": "no", "c": "yes"}) == ["Thing.Tags: has 3 entries, more than the maximum 2"]
    assert _problems(Tags={"long": "yes"}) == ["Thing.Tags key 'long': has 4 characters, more than the maximum 3"]
    assert _problems(Tags={"a": "maybe"}) == ["Thing.Tags['a']: 'maybe' is not one of yes, no"]
    assert _problems(Tags=[("a", "yes")]) == ["Thing.Tags: expected a map, got list"]


# --- reporting ---------------------------------------------------------------------------------------
def test_every_problem_is_reported_not_only_the_first():
    found = problems({"Name": "BAD NAME!", "Size": 0, "Color": "x", "Bogus": 1}, THING)
    assert len(found) == 4
    assert [problem.split(":")[0] for problem in found] == ["Thing.Name", "Thing.Size", "Thing.Color", "Thing.Bogus"]


def test_problems_are_capped():
    found = problems({**VALID, "Extras": [{} for _ in range(50)]}, THING)
    assert len(found) == shapes._MAX_PROBLEMS == 20
    assert found[0] == "Thing.Extras[0].Id: required member is missing"


def test_a_real_model_shape():
    from moto.core.utils import get_service_model

    shape = get_service_model("lookoutvision").operation_model("CreateProject").input_shape
    assert problems({"ProjectName": "good-name_1"}, shape) == []
    found = problems({"ProjectName": "no spaces!"}, shape)
    assert len(found) == 1 and found[0].startswith("CreateProjectRequest.ProjectName: 'no spaces!' does not match")
    assert problems({}, shape) == ["CreateProjectRequest.ProjectName: required member is missing"]
