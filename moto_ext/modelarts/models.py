"""ModelArts v1. (skeleton: filled in by the ModelArts issue)"""

from moto.core.base_backend import BackendDict, BaseBackend

DEFAULT_PROJECT_ID = "0" * 32
DEFAULT_REGION = "eu-de"


class ModelArtsBackend(BaseBackend):
    pass


modelarts_backends = BackendDict(ModelArtsBackend, "modelarts", use_boto3_regions=False, additional_regions=[DEFAULT_REGION])
