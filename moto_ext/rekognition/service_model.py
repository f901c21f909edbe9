"""What Rekognition's botocore model says that the Custom Labels code reuses: enums, shapes and
the page size of each paginated operation, so none of them is kept by hand."""

from __future__ import annotations

from functools import cache
from typing import Any

import botocore.loaders
from moto.core.utils import get_service_model

MODEL = get_service_model("rekognition")


def enum(shape_name: str) -> list[str]:
    return list(MODEL.shape_for(shape_name).enum)


def shape(shape_name: str) -> Any:
    return MODEL.shape_for(shape_name)


@cache
def page_size(operation: str) -> int:
    """The default page of a paginated operation: the largest page its limit member allows."""
    paginators = botocore.loaders.create_loader().load_service_model("rekognition", "paginators-1")
    limit_key = paginators["pagination"][operation]["limit_key"]
    return int(MODEL.operation_model(operation).input_shape.members[limit_key].metadata["max"])
