"""The regions Neptune is offered in, as botocore's endpoints data lists them."""

from __future__ import annotations

from functools import cache

import botocore.loaders
import botocore.regions


@cache
def neptune_regions() -> tuple[str, ...]:
    """The regions botocore lists for Neptune (the ``neptune`` model's endpoint prefix), in every partition.

    Read from botocore's data without a Session: a Session fails on an AWS_PROFILE that names a
    missing profile, which must not break a mock.
    """
    loader = botocore.loaders.create_loader()
    resolver = botocore.regions.EndpointResolver(loader.load_data("endpoints"))
    prefix = loader.load_service_model("neptune", "service-2")["metadata"].get("endpointPrefix", "neptune")
    return tuple(
        region
        for partition in resolver.get_available_partitions()
        for region in resolver.get_available_endpoints(prefix, partition)
    )
