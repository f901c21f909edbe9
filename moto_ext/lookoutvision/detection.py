"""What DetectAnomalies answers for one image: deterministic per image, shaped as the API says.

API reference, DetectAnomalyResult: a classification model answers IsAnomalous and Confidence;
an image segmentation model also answers ``Anomalies`` (one entry per anomaly type found, the
first always the image background, named ``background``) and ``AnomalyMask``, a PNG image with
one color per anomaly type (the color of each type is its PixelAnomaly's ``Color``). The
developer guide gives the background the color #FFFFFF.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from typing import Any

from .resources import fraction

BACKGROUND = "background"
BACKGROUND_COLOR = "#FFFFFF"
# "Quotas in Amazon Lookout for Vision": images are 64x64 to 4096x4096 pixels
MIN_SIDE, MAX_SIDE = 64, 4096


def answer(body: bytes, anomaly_colors: dict[str, str]) -> dict[str, Any]:
    """The DetectAnomalyResult members (without Source) for an image; ``anomaly_colors`` are the
    anomaly types of a segmentation model (empty: a classification model)."""
    digest = hashlib.sha256(body).digest()
    anomalous = digest[0] % 2 == 1
    result: dict[str, Any] = {"IsAnomalous": anomalous, "Confidence": fraction(digest, 1, 0.5, 1.0)}
    if not anomaly_colors:
        return result
    found: list[tuple[str, str, float]] = []
    if anomalous:
        names = sorted(anomaly_colors)
        count = 1 + digest[3] % len(names)
        start = digest[4] % len(names)
        for offset in range(count):
            name = names[(start + offset) % len(names)]
            found.append((name, anomaly_colors[name], fraction(digest, (5 + 2 * offset) % 30, 0.005, 0.1)))
    background = round(max(0.0, 1.0 - sum(area for _, _, area in found)), 4)
    result["Anomalies"] = [
        {"Name": name, "PixelAnomaly": {"TotalPercentageArea": area, "Color": color}}
        for name, color, area in [(BACKGROUND, BACKGROUND_COLOR, background), *found]
    ]
    width, height = image_size(body)
    result["AnomalyMask"] = mask_png(width, height, [(color, area) for _, color, area in found])
    return result


def image_size(body: bytes) -> tuple[int, int]:
    """The width and height a PNG's header gives, when within the service's limits; else the
    smallest image the service takes (the mock reads no other formats' sizes)."""
    if body[12:16] == b"IHDR" and len(body) >= 24:
        width, height = struct.unpack(">II", body[16:24])
        if MIN_SIDE <= width <= MAX_SIDE and MIN_SIDE <= height <= MAX_SIDE:
            return width, height
    return MIN_SIDE, MIN_SIDE


def _rgb(color: str) -> bytes:
    value = color.lstrip("#")
    try:
        return bytes.fromhex(value) if len(value) == 6 else b"\xff\xff\xff"
    except ValueError:
        return b"\xff\xff\xff"


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def mask_png(width: int, height: int, anomalies: list[tuple[str, float]]) -> bytes:
    """A palette PNG: white, with a band of rows in each anomaly's color, as tall as its share of
    the image's area."""
    palette = b"\xff\xff\xff" + b"".join(_rgb(color) for color, _ in anomalies)
    rows = []
    for index, (_, area) in enumerate(anomalies, start=1):
        rows += [index] * max(1, round(area * height))
    rows = (rows + [0] * height)[:height]
    packer = zlib.compressobj()
    data = b"".join(packer.compress(b"\x00" + bytes([index]) * width) for index in rows) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 3, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"PLTE", palette)
        + _chunk(b"IDAT", data)
        + _chunk(b"IEND", b"")
    )
