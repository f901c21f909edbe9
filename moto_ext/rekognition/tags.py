"""Tags of Custom Labels resources (projects, model versions, datasets)."""

from __future__ import annotations

import unicodedata

from .exceptions import InvalidParameterException


def check_tags(tags: dict[str, str]) -> None:
    """TagKey/TagValue use \\p{..} classes Python's re cannot read: check them here."""

    def allowed(text: str) -> bool:
        return all(unicodedata.category(ch)[0] in "LZN" or ch in "_.:/=+-@" for ch in text)

    for key, value in tags.items():
        if key.lower().startswith("aws:"):
            raise InvalidParameterException(f"Tag key {key!r}: the aws: prefix is reserved.")
        if not allowed(key) or not allowed(value):
            raise InvalidParameterException(
                f"Tag {key!r}: keys and values may hold letters, digits, spaces and _.:/=+-@ only."
            )
