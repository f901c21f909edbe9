"""Tags: which keys and values Amazon ML accepts (AddTags, DeleteTags API reference)."""

import unicodedata
from collections.abc import Iterable
from typing import Any

from .exceptions import InvalidTagException


def _check_tag_text(text: str, what: str, max_length: int) -> None:
    if len(text) > max_length:
        raise InvalidTagException(f"The tag {what} {text!r} is longer than {max_length} characters.")
    for char in text:
        if char in "_.:/=+-@" or unicodedata.category(char)[0] in "LZN":
            continue
        raise InvalidTagException(f"The tag {what} {text!r} contains {char!r}, which tags do not allow.")


def check_tags(tags: Iterable[dict[str, Any]] = (), keys: Iterable[str] = ()) -> None:
    """InvalidTagException for a tag the service refuses (checked before the request's shape)."""
    tags = list(tags)
    for key in [tag.get("Key") for tag in tags] + list(keys):
        if key is None or key == "":
            raise InvalidTagException("A tag key must not be empty.")
        if key.lower().startswith("aws:"):
            raise InvalidTagException(f"The tag key {key!r} uses the reserved prefix aws:.")
        _check_tag_text(key, "key", 128)
    for tag in tags:
        if tag.get("Value") is not None:
            _check_tag_text(tag["Value"], "value", 256)
