"""Amazon Machine Learning. (skeleton: filled in by the Machine Learning issue)"""

from moto.core.base_backend import BackendDict, BaseBackend


class MachineLearningBackend(BaseBackend):
    pass


machinelearning_backends = BackendDict(MachineLearningBackend, "machinelearning")
