"""core.groundtruth: Ground Truth manifest lines and their label attributes."""

import json

import pytest

import moto_ext  # noqa: F401  (registers the services)
from moto_ext.core.groundtruth import Line, ManifestError, label_attributes, lines

FIRST = {"source-ref": "s3://bucket/a.jpg", "anomaly": 0, "anomaly-metadata": {"class-name": "normal"}}
SECOND = {"source-ref": "s3://bucket/b.jpg", "anomaly": 1, "anomaly-metadata": {"class-name": "anomaly"}}


def _manifest(*records, separator="\n"):
    return separator.join(json.dumps(record) for record in records)


def test_lines_give_number_text_and_record():
    found = lines(_manifest(FIRST, SECOND))
    assert found == [Line(1, json.dumps(FIRST), FIRST), Line(2, json.dumps(SECOND), SECOND)]
    assert [line.source_ref for line in found] == ["s3://bucket/a.jpg", "s3://bucket/b.jpg"]


def test_bytes_are_read_as_utf8():
    record = {"source-ref": "s3://bucket/é.jpg"}
    assert lines(json.dumps(record, ensure_ascii=False).encode("utf-8"))[0].record == record


def test_blank_lines_are_skipped_but_counted():
    blob = "\n" + json.dumps(FIRST) + "\n   \n\r\n" + json.dumps(SECOND) + "\n\n"
    assert [line.number for line in lines(blob)] == [2, 5]


def test_crlf_and_surrounding_spaces_are_stripped():
    found = lines("  " + _manifest(FIRST, SECOND, separator="  \r\n\t"))
    assert [line.text for line in found] == [json.dumps(FIRST), json.dumps(SECOND)]


def test_an_empty_manifest_has_no_lines():
    assert lines("") == []
    assert lines(b"\n\n") == []


def test_a_line_is_frozen():
    with pytest.raises(AttributeError):
        lines(json.dumps(FIRST))[0].number = 3  # type: ignore[misc]


def test_bytes_that_are_not_utf8_are_a_manifest_error():
    with pytest.raises(ManifestError, match="^The training manifest is not UTF-8 text.$"):
        lines(b'{"source-ref": "\xff"}', "training manifest")


def test_manifest_error_is_a_value_error():
    assert issubclass(ManifestError, ValueError)


@pytest.mark.parametrize(
    "bad, expected",
    [
        ("{not json", r"^Line 2 of the manifest is not valid JSON: "),
        ("[1, 2]", r"^Line 2 of the manifest is not a JSON object\.$"),
        ('{"label": 1}', r"^Line 2 of the manifest has no source-ref\.$"),
        ('{"source-ref": ""}', r"^Line 2 of the manifest has no source-ref\.$"),
        ('{"source-ref": 7}', r"^Line 2 of the manifest has no source-ref\.$"),
        ('{"source-ref": null}', r"^Line 2 of the manifest has no source-ref\.$"),
    ],
)
def test_the_first_bad_line_is_named(bad, expected):
    blob = json.dumps(FIRST) + "\n" + bad + "\n" + "{also bad"
    with pytest.raises(ManifestError, match=expected) as error:
        lines(blob)
    assert error.value.__context__ is None or error.value.__suppress_context__  # no chained traceback


def test_what_names_the_manifest_in_line_errors():
    with pytest.raises(ManifestError, match="^Line 1 of the test manifest is not a JSON object.$"):
        lines("[]", "test manifest")


def test_max_length_counts_the_stripped_line():
    text = json.dumps(FIRST)
    assert len(lines("   " + text + "   ", max_length=len(text))) == 1
    with pytest.raises(ManifestError, match=f"^Line 2 of the manifest is longer than {len(text) - 1} characters.$"):
        lines("\n" + text, max_length=len(text) - 1)


def test_max_length_is_checked_before_parsing():
    with pytest.raises(ManifestError, match="longer than 5 characters"):
        lines("{not json at all}", max_length=5)


def test_s3_only_rejects_other_locations():
    assert len(lines(json.dumps(FIRST), s3_only=True)) == 1
    for ref in ("https://bucket.s3.amazonaws.com/a.jpg", "/local/a.jpg", "S3://bucket/a.jpg"):
        blob = json.dumps({"source-ref": ref})
        assert lines(blob)[0].source_ref == ref
        with pytest.raises(ManifestError, match=r"^Line 1 of the manifest has no source-ref with an s3:// location\.$"):
            lines(blob, s3_only=True)


def test_label_attributes_pairs_each_attribute_with_its_metadata():
    record = {
        "source-ref": "s3://bucket/a.jpg",
        "anomaly": 1,
        "anomaly-metadata": {"class-name": "anomaly"},
        "boxes": {"annotations": []},
        "boxes-metadata": {"objects": []},
    }
    assert list(label_attributes(record)) == [
        ("anomaly", 1, {"class-name": "anomaly"}),
        ("boxes", {"annotations": []}, {"objects": []}),
    ]


def test_label_attributes_skip_what_is_not_a_label():
    record = {
        "source-ref": "s3://bucket/a.jpg",
        "source-ref-metadata": {"x": 1},  # metadata of the source itself is not a label
        "no-metadata": 1,
        "bad": 0,
        "bad-metadata": "not an object",
        "orphan-metadata": {"class-name": "x"},
    }
    assert list(label_attributes(record)) == []
