"""Neptune Data API. (skeleton: filled in by the Neptune issue)"""

from moto.core.base_backend import BackendDict, BaseBackend


class NeptuneDataBackend(BaseBackend):
    pass


neptunedata_backends = BackendDict(NeptuneDataBackend, "neptunedata", use_boto3_regions=False, additional_regions=["us-east-1"])
