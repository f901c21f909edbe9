"""The catalogue a project reads: resource specifications (flavors), AI engines, built-in algorithms.

The defaults are test data shaped like the real catalogue (ids and versions are the mock's own);
each backend gets its own copy, which tests extend through the backend's ``add_*`` controls.
"""

import time
from dataclasses import asdict, dataclass, field
from typing import Any


def now_ms() -> int:
    return int(time.time() * 1000)


@dataclass
class Flavor:
    spec_id: int
    spec_code: str
    core: str
    cpu: str
    gpu_num: int = 0
    gpu_type: str = ""
    max_num: int = 1
    unit_num: int = 1
    storage: str = ""
    interface_type: int = 1
    no_resource: bool = False
    job_types: tuple[str, ...] = ("train", "inference")

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("job_types")
        return data


@dataclass
class Engine:
    engine_id: int
    engine_name: str
    engine_version: str
    engine_type: int
    job_types: tuple[str, ...] = ("train", "inference")

    def to_dict(self) -> dict[str, Any]:
        return {
            "engine_type": self.engine_type,
            "engine_id": self.engine_id,
            "engine_name": self.engine_name,
            "engine_version": self.engine_version,
        }


@dataclass
class BuiltinAlgorithm:
    model_id: int
    model_name: str
    engine_id: int
    model_usage: int = 1  # 1 image classification, 2 object detection, 3 image semantic segmentation
    model_precision: str = ""
    model_size: int = 0
    model_train_dataset: str = ""
    model_dataset_format: str = ""
    model_description_url: str = ""
    parameter: str = "[]"  # a JSON-encoded list, as the service sends it
    create_time: int = field(default_factory=now_ms)

    def to_dict(self, engines: dict[int, Engine]) -> dict[str, Any]:
        """The algorithm with its engine's name and version (looked up now: engines can be added)."""
        data = asdict(self)
        engine = engines.get(self.engine_id)
        data["engine_name"] = engine.engine_name if engine else ""
        data["engine_version"] = engine.engine_version if engine else ""
        return data


DEFAULT_FLAVORS = [
    Flavor(2, "modelarts.vm.cpu.2u", core="2", cpu="8", max_num=2),
    Flavor(3, "modelarts.vm.cpu.8u", core="8", cpu="32", max_num=5),
    Flavor(4, "modelarts.vm.gpu.p100", core="8", cpu="64", gpu_num=1, gpu_type="P100", max_num=5, job_types=("train",)),
    Flavor(5, "modelarts.vm.gpu.v100", core="8", cpu="64", gpu_num=1, gpu_type="V100", max_num=5, job_types=("train",)),
]
DEFAULT_ENGINES = [
    Engine(1, "TensorFlow", "TF-1.4.0-python2.7", 1),
    Engine(2, "TensorFlow", "TF-1.8.0-python3.6", 1),
    Engine(3, "MXNet", "MXNet-1.2.1-python3.6", 2),
    Engine(4, "Caffe", "Caffe-1.0.0-python2.7", 3),
    Engine(5, "Spark_MLlib", "Spark-2.3.2-python3.6", 5),
    Engine(6, "Scikit_Learn", "Scikit_Learn-0.18.1-python3.6", 6),
    Engine(7, "XGBoost-Sklearn", "XGBoost-0.80-Sklearn-0.18.1-python3.6", 9),
    Engine(8, "PyTorch", "PyTorch-1.0.0-python3.6", 10),
    Engine(9, "MindSpore-GPU", "MindSpore-1.2.0-python3.7", 17),
]
DEFAULT_ALGORITHMS = [
    BuiltinAlgorithm(
        1,
        "ResNet_v1_50",
        engine_id=2,
        model_usage=1,
        model_precision="75.2%(top1), 92.2%(top5)",
        model_size=102276861,
        model_train_dataset="ImageNet",
        model_dataset_format="TFRecord",
        parameter='[{"label": "batch_size", "value": "4", "required": true}, {"label": "lr", "value": "0.01", "required": true}]',
    ),
    BuiltinAlgorithm(
        2,
        "YOLOv3_Darknet53",
        engine_id=3,
        model_usage=2,
        model_precision="81.7%(mAP)",
        model_size=248007430,
        model_train_dataset="PASCAL VOC2007",
        model_dataset_format="shape=(416,416,3)",
        parameter='[{"label": "lr", "value": "0.0001", "required": true}]',
    ),
]


def default_catalogue() -> tuple[dict[int, Flavor], dict[int, Engine], dict[int, BuiltinAlgorithm]]:
    """A fresh copy of the default flavors, engines and algorithms, by id."""
    return (
        {flavor.spec_id: Flavor(**asdict(flavor)) for flavor in DEFAULT_FLAVORS},
        {engine.engine_id: Engine(**asdict(engine)) for engine in DEFAULT_ENGINES},
        {algorithm.model_id: BuiltinAlgorithm(**asdict(algorithm)) for algorithm in DEFAULT_ALGORITHMS},
    )
