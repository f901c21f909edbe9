"""The rules a training configuration follows (a job's, a version's, a saved configuration's),
and those of names and descriptions."""

import re
from collections.abc import Mapping
from typing import Any

from .catalogue import BuiltinAlgorithm, Engine, Flavor
from .exceptions import EngineNotFound, FlavorNotFound, InvalidParam, InvalidParameterValue, ParameterError

NAME_PATTERN = re.compile(r"^[0-9A-Za-z_-]+$")
DATA_INPUT_FIELDS = ("data_url", "dataset_id", "dataset_version_id", "data_source")
RESOURCE_FIELDS = ("spec_id", "pool_id")


def check_name(name: str, max_length: int = 64) -> None:
    if not (1 <= len(name) <= max_length) or not NAME_PATTERN.match(name):
        raise ParameterError(f"Illegal name: {name}")


def check_description(text: str, field_name: str = "job_desc") -> None:
    if len(text) > 256:
        raise ParameterError(f"Parameter error: {field_name} must contain 0 to 256 characters.")


def replace_groups(base: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """``base`` updated by ``changes``; a data input or a resource named in ``changes`` replaces
    the inherited group (data inputs, resource) as a whole."""
    config = dict(base)
    for group in (DATA_INPUT_FIELDS, RESOURCE_FIELDS):
        if any(name in changes for name in group):
            for name in group:
                config.pop(name, None)
    config.update(changes)
    return config


def find_flavor(flavors: dict[int, Flavor], spec_id: int) -> Flavor:
    flavor = flavors.get(spec_id)
    if flavor is None:
        raise FlavorNotFound(f"Flavor ({spec_id}) not found.")
    return flavor


def find_engine(engines: dict[int, Engine], engine_id: int) -> Engine:
    engine = engines.get(engine_id)
    if engine is None:
        raise EngineNotFound(f"Engine ({engine_id}) not found.")
    return engine


def resolve_config(
    config: dict[str, Any],
    flavors: dict[int, Flavor],
    engines: dict[int, Engine],
    algorithms: Mapping[int, BuiltinAlgorithm],
) -> tuple[Flavor | None, Engine | None]:
    """Check how a complete config's fields fit together; return its flavor and engine."""
    workers = config.get("worker_server_num")
    if workers is None:
        raise InvalidParam("Invalid parameter: worker_server_num is required.")
    if workers < 1:
        raise InvalidParameterValue("Invalid parameter values: worker_server_num must be at least 1.")
    resources = [name for name in RESOURCE_FIELDS if name in config]
    if len(resources) != 1:
        raise InvalidParameterValue(
            "Invalid parameter values: set exactly one of spec_id (public resource pool) and pool_id (dedicated pool)."
        )
    flavor = None
    if "spec_id" in config:
        flavor = find_flavor(flavors, config["spec_id"])
        if workers > flavor.max_num:
            raise InvalidParameterValue(
                f"Invalid parameter values: worker_server_num {workers} exceeds the maximum {flavor.max_num} of {flavor.spec_code}."
            )
    if ("dataset_id" in config) != ("dataset_version_id" in config):
        raise InvalidParameterValue("Invalid parameter values: dataset_id and dataset_version_id are set together.")
    inputs = [name for name in ("data_url", "dataset_id", "data_source") if config.get(name) not in (None, [], "")]
    if len(inputs) != 1:
        raise InvalidParameterValue(
            "Invalid parameter values: set exactly one data input: data_url, dataset_id with dataset_version_id, or data_source."
        )
    for index, source in enumerate(config.get("data_source", [])):
        kind = source.get("type")
        if kind not in ("obs", "dataset"):
            raise InvalidParam(f"Invalid parameter: data_source[{index}].type must be obs or dataset.")
        needed = ("data_url",) if kind == "obs" else ("dataset_id", "dataset_version")
        missing = [name for name in needed if not source.get(name)]
        if missing:
            raise InvalidParam(f"Invalid parameter: data_source[{index}].{missing[0]} is required for type {kind}.")
    for index, volume in enumerate(config.get("volumes", [])):
        if len(volume) != 1:
            raise InvalidParameterValue(
                f"Invalid parameter values: volumes[{index}] has exactly one of nfs and host_path."
            )
    if ("app_url" in config) != ("boot_file_url" in config):
        raise InvalidParameterValue("Invalid parameter values: app_url and boot_file_url are set together.")
    engine = None
    if "model_id" in config:
        algorithm = algorithms.get(config["model_id"])
        if algorithm is None:
            raise InvalidParameterValue(
                f"Invalid parameter values: built-in algorithm (model_id: {config['model_id']}) not found."
            )
        engine = find_engine(engines, config.get("engine_id", algorithm.engine_id))
    elif "user_image_url" in config:
        if not config.get("user_command"):
            raise InvalidParameterValue("Invalid parameter values: user_command is required with user_image_url.")
        if "engine_id" in config:
            engine = find_engine(engines, config["engine_id"])
    else:
        if "app_url" not in config:
            raise InvalidParameterValue(
                "Invalid parameter values: app_url and boot_file_url are required unless model_id or user_image_url is set."
            )
        engine = find_engine(engines, config.get("engine_id", 1))
    return flavor, engine
