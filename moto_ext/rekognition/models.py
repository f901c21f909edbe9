"""Rekognition Custom Labels. (skeleton: filled in by the Rekognition issue)"""

from moto.core.base_backend import BackendDict, BaseBackend


class CustomLabelsBackend(BaseBackend):
    pass


rekognition_backends = BackendDict(CustomLabelsBackend, "rekognition")
