"""The AWS services the robustness tests walk, and the operations of each that moto_ext answers:
all from the registry and the models, nothing listed by hand."""

from functools import cache

import moto_ext  # noqa: F401  (registers the services)
from moto_ext.core import coverage, registry

#: botocore services of the registry
SERVICES = [service.name for service in registry.services(registry.BOTOCORE)]

#: clients that need an endpoint_url (Neptune's cluster endpoint: any host is caught)
ENDPOINTS = {"neptunedata": "https://my-db.cluster-abc.us-east-1.neptune.amazonaws.com:8182"}


@cache
def owned_operations(service: str) -> frozenset[str]:
    """The operations moto_ext answers (or refuses, typed): not those of moto's own service it extends."""
    return frozenset(operation for operation, answer in coverage.aws_rows(registry.get(service)) if answer != "moto")
