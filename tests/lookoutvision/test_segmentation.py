"""Segmentation models (trained from manifest lines with an ``anomaly-mask-ref``): DetectAnomalies
answers ``Anomalies``, background first, and an ``AnomalyMask`` PNG in the anomaly types' colors."""

import json
import struct
import zlib

import pytest

from .helpers import BUCKET, OUTPUT, PNG, make_project

COLORS = {"scratch": "#2ca02c", "dent": "#1f77b4"}


def segmentation_line(index, label):
    """A JSON line as in the developer guide's "Defining JSON lines for image segmentation"."""
    line = {
        "source-ref": f"s3://{BUCKET}/seg/{label}-{index}.png",
        "anomaly-label": 1,
        "anomaly-label-metadata": {
            "class-name": label,
            "human-annotated": "yes",
            "type": "groundtruth/image-classification",
            "confidence": 1,
        },
    }
    if label == "anomaly":
        color_map = {"0": {"class-name": "BACKGROUND", "hex-color": "#ffffff", "confidence": 0.0}}
        for key, (name, color) in enumerate(COLORS.items(), start=1):
            color_map[str(key)] = {"class-name": name, "hex-color": color, "confidence": 0.0}
        line["anomaly-mask-ref"] = f"s3://{BUCKET}/seg/mask-{index}.png"
        line["anomaly-mask-ref-metadata"] = {
            "internal-color-map": color_map,
            "type": "groundtruth/semantic-segmentation",
            "human-annotated": "yes",
        }
    return json.dumps(line)


def png(width, height, salt):
    header = struct.pack(">II", width, height) + b"\x08\x02\x00\x00\x00"
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + header + b"crc!" + bytes([salt]) * 8


def decode_mask(data):
    """(width, height, palette colors, pixel rows) of a palette PNG."""
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    position, chunks = 8, {}
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        (crc,) = struct.unpack(">I", data[position + 8 + length : position + 12 + length])
        assert crc == zlib.crc32(kind + body) & 0xFFFFFFFF
        chunks[kind] = chunks.get(kind, b"") + body
        position += 12 + length
    width, height, depth, color_type = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert (depth, color_type) == (8, 3)
    palette = chunks[b"PLTE"]
    colors = ["#" + palette[i : i + 3].hex().upper() for i in range(0, len(palette), 3)]
    raw = zlib.decompress(chunks[b"IDAT"])
    rows = [raw[r * (width + 1) + 1 : (r + 1) * (width + 1)] for r in range(height)]
    return width, height, colors, rows


def make_segmentation_model(lv):
    make_project(lv, with_train=False)
    lv.create_dataset(ProjectName="widgets", DatasetType="train")
    lines = [segmentation_line(i, "normal") for i in range(20)] + [segmentation_line(i, "anomaly") for i in range(10)]
    lv.update_dataset_entries(ProjectName="widgets", DatasetType="train", Changes="\n".join(lines).encode())
    lv.describe_dataset(ProjectName="widgets", DatasetType="train")
    lv.create_model(ProjectName="widgets", OutputConfig=OUTPUT)
    assert lv.describe_model(ProjectName="widgets", ModelVersion="1")["ModelDescription"]["Status"] == "TRAINED"
    lv.start_model(ProjectName="widgets", ModelVersion="1", MinInferenceUnits=1)
    assert lv.describe_model(ProjectName="widgets", ModelVersion="1")["ModelDescription"]["Status"] == "HOSTED"


def detect(lv, body):
    return lv.detect_anomalies(ProjectName="widgets", ModelVersion="1", Body=body, ContentType="image/png")[
        "DetectAnomalyResult"
    ]


def test_segmentation_answers_anomalies_and_a_mask(lv):
    make_segmentation_model(lv)
    results = [detect(lv, png(128, 96, salt)) for salt in range(12)]
    assert {r["IsAnomalous"] for r in results} == {True, False}  # a dozen images give both answers
    for result in results:
        anomalies = result["Anomalies"]
        assert anomalies[0]["Name"] == "background"
        assert anomalies[0]["PixelAnomaly"]["Color"] == "#FFFFFF"
        found = {a["Name"]: a["PixelAnomaly"]["Color"] for a in anomalies[1:]}
        assert set(found) <= set(COLORS)
        assert all(found[name] == COLORS[name] for name in found)
        assert bool(found) == result["IsAnomalous"]
        areas = [a["PixelAnomaly"]["TotalPercentageArea"] for a in anomalies]
        assert sum(areas) == pytest.approx(1.0, abs=1e-3)
        width, height, colors, rows = decode_mask(result["AnomalyMask"])
        assert (width, height) == (128, 96)  # the image's size
        assert colors[0] == "#FFFFFF"
        assert sorted(colors[1:]) == sorted(found[name].upper() for name in found)
        painted = {value for row in rows for value in row}
        assert painted == set(range(len(colors)))  # every anomaly type has pixels, the rest is background
    assert detect(lv, png(128, 96, 0)) == results[0]  # deterministic per image


def test_classification_models_answer_no_segmentation(lv):
    make_project(lv)
    lv.create_model(ProjectName="widgets", OutputConfig=OUTPUT)
    lv.describe_model(ProjectName="widgets", ModelVersion="1")
    lv.start_model(ProjectName="widgets", ModelVersion="1", MinInferenceUnits=1)
    lv.describe_model(ProjectName="widgets", ModelVersion="1")
    for salt in range(6):
        result = detect(lv, PNG + bytes([salt]))
        assert "Anomalies" not in result and "AnomalyMask" not in result
