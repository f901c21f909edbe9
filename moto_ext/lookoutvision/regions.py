"""The regions Lookout for Vision was offered in, as botocore 1.40.60's endpoints data listed them.

botocore 1.40.61 dropped the service and its entry in ``endpoints.json``; moto_ext ships that entry
beside the service model (``data/lookoutvision/2020-11-20/endpoints.json``), and core's patches
merge it into the endpoints data botocore loads, so ``get_available_regions`` lists them again.
"""

from __future__ import annotations

import json
import os
from functools import cache

ENDPOINTS_FILE = os.path.join(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data", "lookoutvision", "2020-11-20", "endpoints.json"
)


@cache
def regions() -> list[str]:
    """The regions the service had (the endpoints of the shipped entry)."""
    with open(ENDPOINTS_FILE, encoding="utf-8") as file:
        shipped = json.load(file)
    return sorted(
        region
        for partition in shipped["partitions"]
        for service in partition["services"].values()
        for region in service["endpoints"]
    )
