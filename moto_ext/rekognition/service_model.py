"""What Rekognition's botocore model says that the Custom Labels code reuses: enums, shapes and
the page size of each paginated operation, so none of them is kept by hand."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from moto.core.utils import get_service_model

from moto_ext.core import paging
from moto_ext.core.paging import paginate

from .exceptions import InvalidPaginationTokenException

MODEL = get_service_model("rekognition")


def enum(shape_name: str) -> list[str]:
    return list(MODEL.shape_for(shape_name).enum)


def shape(shape_name: str) -> Any:
    return MODEL.shape_for(shape_name)


def page_size(operation: str) -> int:
    return paging.page_size("rekognition", operation)


def page(
    operation: str,
    items: Sequence[Any],
    next_token: str | None,
    max_results: int | None,
    scope: dict[str, Any],
    keep: Callable[[Any], bool] | None = None,
) -> tuple[list[Any], str | None]:
    """One page of ``items`` (of those ``keep`` accepts, when given)."""
    return paginate(
        items,
        next_token,
        max_results,
        default_size=page_size(operation),
        invalid=InvalidPaginationTokenException,
        scope={"op": operation, **scope},
        keep=keep,
    )
