"""One kind of backend dictionary for services whose regions moto cannot list.

moto's ``BackendDict`` knows a service's regions from botocore's endpoint data, at import. The
services here either have none there (Lookout for Vision left botocore, ModelArts is not AWS) or
are reached in regions only the request names (a Neptune cluster request carries its region in
its SigV4 scope alone). ``AnyRegionBackendDict`` takes its known regions from a function called
when an account is first used (not at import), and serves any other region a request names that
``accepts`` allows.

Every request looks its backend up, and moto's lookup takes a lock and scans lists even for an
account that exists: ``ExtBackendDict`` (every service's) answers that case with one dict read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from moto.core.base_backend import AccountSpecificBackend, BackendDict, backend_lock


class _AnyRegionAccount(AccountSpecificBackend):  # type: ignore[type-arg]
    accepts: Callable[[str], bool] = staticmethod(lambda region: True)  # type: ignore[assignment]

    def __getitem__(self, region_name: str) -> Any:
        # every request looks its backend up: one that exists is returned at once (moto's
        # lookup checks region lists under a lock, with the same outcome for an existing key)
        found = dict.get(self, region_name)
        if found is not None:
            return found
        if region_name not in self.regions and self.accepts(region_name):
            self.regions.append(region_name)
        return super().__getitem__(region_name)


class ExtBackendDict(BackendDict):  # type: ignore[type-arg]
    """moto's ``BackendDict`` whose lookup of an account already present costs one dict read."""

    def __getitem__(self, account_id: str) -> Any:
        # an account present is registered with moto already (moto's reset clears both)
        found = dict.get(self, account_id)
        if found is not None:
            return found
        return super().__getitem__(account_id)


class AnyRegionBackendDict(ExtBackendDict):  # type: ignore[type-arg]
    def __init__(
        self,
        backend: Any,
        service_name: str,
        regions: Callable[[], Iterable[str]] = tuple,
        accepts: Callable[[str], bool] = lambda region: True,
    ) -> None:
        super().__init__(backend, service_name, use_boto3_regions=False)
        self._regions = regions
        self._accepts = accepts

    def _create_account_specific_backend(self, account_id: str) -> None:
        with backend_lock:
            if account_id not in self.keys():
                account = _AnyRegionAccount(
                    service_name=self.service_name,
                    account_id=account_id,
                    backend=self.backend,
                    use_boto3_regions=False,
                    additional_regions=list(self._regions()),
                )
                account.accepts = self._accepts  # type: ignore[method-assign]
                self[account_id] = account
        super()._create_account_specific_backend(account_id)  # joins the instances moto resets
