"""One kind of backend dictionary for services whose regions moto cannot list.

moto's ``BackendDict`` knows a service's regions from botocore's endpoint data, at import. The
services here either have none there (Lookout for Vision left botocore, ModelArts is not AWS) or
are reached in regions only the request names (a Neptune cluster request carries its region in
its SigV4 scope alone). ``AnyRegionBackendDict`` takes its known regions from a function called
when an account is first used (not at import), and serves any other region a request names that
``accepts`` allows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from moto.core.base_backend import AccountSpecificBackend, BackendDict, backend_lock


class _AnyRegionAccount(AccountSpecificBackend):  # type: ignore[type-arg]
    accepts: Callable[[str], bool] = staticmethod(lambda region: True)  # type: ignore[assignment]

    def __getitem__(self, region_name: str) -> Any:
        if region_name not in self.regions and self.accepts(region_name):
            self.regions.append(region_name)
        return super().__getitem__(region_name)


class AnyRegionBackendDict(BackendDict):  # type: ignore[type-arg]
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
