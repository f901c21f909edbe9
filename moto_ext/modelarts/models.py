"""ModelArts v1 training: the rules of the service, one backend per project and region.

Backend methods take typed arguments (responses.py reads the request into them) and return the
resources of jobs.py and catalogue.py, which render themselves; what a method raises is a
``ModelArtsError`` from exceptions.py, and every check runs before anything changes.

State lives in moto's registry: ``modelarts_backends[project_id][region]``, reset with every other
moto backend. Tokens and access keys are IAM's: the ``huaweiiam`` service, reached through the
registry (``iam()``).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from moto.core.base_backend import BaseBackend

from moto_ext.core import registry
from moto_ext.core.backends import AnyRegionBackendDict
from moto_ext.core.paging import AFTER_ALL, Catalog

from .catalogue import BuiltinAlgorithm, Engine, Flavor, default_catalogue
from .configs import check_description, check_name, find_engine, replace_groups, resolve_config
from .exceptions import (
    DuplicateName,
    FlavorNotFound,
    InvalidArgument,
    InvalidParam,
    InvalidParameterValue,
    JobStatusNotAllowed,
    QuotaInsufficient,
    TrainingJobNotFound,
)
from .jobs import (
    DELETABLE,
    KILLING,
    RUNNING,
    TERMINAL,
    LogExcerpt,
    TrainingJob,
    TrainingJobConfig,
    TrainingVersion,
    VisualizationJob,
)
from .listing import JobListing, job_listing, page_of, sort_items

#: the mock's sample project (IAM gives each region's main project this id)
DEFAULT_PROJECT_ID = "0" * 32
DEFAULT_REGION = "eu-de"
REGION_PATTERN = re.compile(r"^[a-z]{2,}(?:-[a-z0-9]+)+$")
#: Open Telekom Cloud and Huawei Cloud regions; any other region-shaped name works too
REGIONS = [
    "eu-de",
    "eu-nl",
    "eu-ch2",
    "cn-north-1",
    "cn-north-4",
    "cn-north-9",
    "cn-east-2",
    "cn-east-3",
    "cn-south-1",
    "cn-southwest-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "af-south-1",
    "la-north-2",
    "la-south-2",
    "sa-brazil-1",
    "na-mexico-1",
    "me-east-1",
    "tr-west-1",
]
VISUALIZATION_TYPES = {"tensorboard": "TensorBoard", "mindinsight": "MindInsight"}

#: test-time switch (``m.backend("modelarts").set_authentication(False)``); back on when the mock ends
AUTH_SETTINGS: dict[str, bool] = {"enabled": True}


def iam() -> Any:
    """The IAM service's backend: the tokens and access keys requests authenticate with."""
    return registry.get("huaweiiam").backend()


@dataclass
class Quotas:
    # [UNVERIFIED] no page gives the default training-job quota; 200 is large enough not to surprise
    training_jobs: int = 200
    visualization_jobs: int = 200


class ModelArtsBackend(BaseBackend):
    """One project in one region. ``account_id`` is the project id."""

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.project_id = account_id
        # by id, kept in the default sort orders of their listings (and by name, for the duplicate
        # check); a listing looks at the in-progress ones (``lifecycles``)
        self.jobs: Catalog[int, TrainingJob] = Catalog(
            {"name": lambda job: job.name, "job_name": lambda job: (job.workspace_id, job.name, job.job_id)},
            lifecycles=lambda job: [version.lifecycle for version in job.versions.values()],
        )
        self.configs: Catalog[str, TrainingJobConfig] = Catalog({"config_name": lambda config: config.name})
        self.sample_configs: Catalog[str, TrainingJobConfig] = Catalog({"config_name": lambda config: config.name})
        self.visualization_jobs: Catalog[int, VisualizationJob] = Catalog(
            {"name": lambda job: job.name, "job_id": lambda job: job.job_id},
            lifecycles=lambda job: [job.lifecycle],
        )
        self.flavors, self.engines, algorithms = default_catalogue()
        # kept in the listing's default order (engine name and version, then id)
        self.algorithms: Catalog[int, BuiltinAlgorithm] = Catalog({"engine": self._engine_order})
        self.algorithms.update(algorithms)
        self.quotas = Quotas()

    # --- test-time controls ---------------------------------------------------------------
    def add_flavor(self, spec_id: int, spec_code: str, **attributes: Any) -> Flavor:
        """Extend the resource-spec catalogue (core, cpu, gpu_num, gpu_type, max_num, job_types ...)."""
        attributes.setdefault("core", "2")
        attributes.setdefault("cpu", "8")
        flavor = Flavor(spec_id, spec_code, **attributes)
        self.flavors[spec_id] = flavor
        return flavor

    def add_engine(
        self, engine_id: int, engine_name: str, engine_version: str, engine_type: int = 1, **attributes: Any
    ) -> Engine:
        engine = Engine(engine_id, engine_name, engine_version, engine_type, **attributes)
        self.engines[engine_id] = engine
        for algorithm in [a for a in self.algorithms.values() if a.engine_id == engine_id]:
            self.algorithms.refile(algorithm.model_id)  # its place in the engine order
        return engine

    def add_builtin_algorithm(
        self, model_id: int, model_name: str, engine_id: int, **attributes: Any
    ) -> BuiltinAlgorithm:
        algorithm = BuiltinAlgorithm(model_id, model_name, engine_id, **attributes)
        self.algorithms[model_id] = algorithm
        return algorithm

    def add_sample_config(self, config_name: str, config_desc: str = "", **fields: Any) -> TrainingJobConfig:
        """A sample configuration (``config_type=sample``), checked like a created one."""
        from .parsing import CONFIG_SCHEMA, check_object  # a sample's fields are a request's

        fields = check_object(fields, CONFIG_SCHEMA)
        flavor, engine = self._resolve_config(fields)
        sample = TrainingJobConfig(config_name, config_desc, fields, flavor, engine)
        self.sample_configs[config_name] = sample
        return sample

    def set_quota(self, training_jobs: int | None = None, visualization_jobs: int | None = None) -> None:
        if training_jobs is not None:
            self.quotas.training_jobs = training_jobs
        if visualization_jobs is not None:
            self.quotas.visualization_jobs = visualization_jobs

    def add_log_lines(self, job_id: int, version_id: int, lines: list[str], log_file: str = "job.0") -> None:
        """Lines the training code "printed", returned by the aom-log endpoint once the job runs."""
        self._version(job_id, version_id).extra_log_lines.setdefault(log_file, []).extend(lines)

    def register_access_key(self, access_key: str, secret_key: str) -> None:
        """Accept requests signed (SDK-HMAC-SHA256) with this AK/SK pair."""
        iam().register_access_key(access_key, secret_key)

    def issue_token(self, expires_in: int = 24 * 3600, user_name: str = "moto-user") -> str:
        """A token scoped to this backend's project, as IAM would issue (for plain ``requests`` tests)."""
        token = iam().issue_token(
            user_name=user_name,
            domain_name=f"{user_name}-domain",
            project_id=self.project_id,
            project_name=self.region_name,
            region=self.region_name,
            host_suffix="otc.t-systems.com",
            methods=["password"],
            expires_in=expires_in,
        )
        return token.token_id

    def expire_token(self, token_id: str) -> None:
        iam().expire(token_id)

    def set_authentication(self, enabled: bool) -> None:
        """Switch credential checks on ModelArts requests on or off (back on when the mock ends)."""
        AUTH_SETTINGS["enabled"] = enabled

    # --- lookups --------------------------------------------------------------------------
    def _job(self, job_id: int) -> TrainingJob:
        job = self.jobs.get(job_id)
        if job is None:
            raise TrainingJobNotFound(f"Training job (ID: {job_id}) not found.")
        return job

    def _version(self, job_id: int, version_id: int) -> TrainingVersion:
        version = self._job(job_id).versions.get(version_id)
        if version is None:
            # [UNVERIFIED] no code for a missing version; the job's not-found code, naming the version
            raise TrainingJobNotFound(f"Training job (ID: {job_id}) version (ID: {version_id}) not found.")
        return version

    def _resolve_config(self, config: dict[str, Any]) -> tuple[Flavor | None, Engine | None]:
        return resolve_config(config, self.flavors, self.engines, self.algorithms)

    # --- training jobs --------------------------------------------------------------------
    def create_training_job(
        self,
        job_name: str,
        config: dict[str, Any],
        job_desc: str = "",
        workspace_id: str = "0",
        create_version: bool = True,
    ) -> tuple[TrainingJob, TrainingVersion | None]:
        check_name(job_name)
        check_description(job_desc)
        flavor, engine = self._resolve_config(config)
        if self.jobs.having("name", job_name):
            raise DuplicateName(f"Job name:{job_name} is existed")
        if len(self.jobs) >= self.quotas.training_jobs:
            raise QuotaInsufficient(
                f"Quota insufficient: the project may hold {self.quotas.training_jobs} training jobs."
            )
        job = TrainingJob(job_name, job_desc, workspace_id)
        version = job.add_version(config, job_desc, flavor, engine) if create_version else None
        self.jobs[job.job_id] = job
        return job, version

    def list_training_jobs(
        self,
        status: int | None = None,
        per_page: int = 10,
        page: int = 1,
        sort_by: str | None = None,
        descending: bool = False,
        search_content: str = "",
        workspace_id: str = "0",
    ) -> JobListing:
        keys: dict[str, Callable[[TrainingJob], Any]] = {
            "job_name": lambda j: (j.name, j.job_id),
            "job_desc": lambda j: (j.description, j.job_id),
            "status": lambda j: (j.status, j.job_id),
            "duration": lambda j: (j.duration, j.job_id),
            "version_count": lambda j: (len(j.versions), j.job_id),
            "create_time": lambda j: (j.create_time, j.job_id),
        }
        return job_listing(
            self.jobs,
            keys,
            self.quotas.training_jobs,
            status=status,
            per_page=per_page,
            page=page,
            sort_by=sort_by,
            descending=descending,
            search_content=search_content,
            keep=lambda j: j.workspace_id == workspace_id,
            default_run=((workspace_id,), (workspace_id, AFTER_ALL)),  # the workspace's jobs
        )

    def update_training_job(self, job_id: int, job_desc: str) -> None:
        job = self._job(job_id)
        check_description(job_desc)
        job.description = job_desc

    def delete_training_job(self, job_id: int) -> None:
        job = self._job(job_id)
        for version in job.versions.values():
            if version.status not in DELETABLE:
                raise JobStatusNotAllowed(f"This job can't be delete. job status: {version.status}")
        del self.jobs[job_id]

    # --- versions -------------------------------------------------------------------------
    def create_training_job_version(
        self, job_id: int, config: dict[str, Any], job_desc: str | None = None
    ) -> TrainingVersion:
        """``config`` names ``pre_version_id`` and what changes from that version's settings."""
        job = self._job(job_id)
        description = job.description if job_desc is None else job_desc
        check_description(description)
        previous = self._version(job_id, config["pre_version_id"])
        # [UNVERIFIED] a new version starts from its pre-version's settings
        merged = replace_groups(previous.config, config)
        pre_version_id = merged.pop("pre_version_id")
        flavor, engine = self._resolve_config(merged)
        version = job.add_version(merged, description, flavor, engine, pre_version_id)
        self.jobs.refile(job_id)  # a listing looks at the new version
        return version

    def list_training_job_versions(
        self, job_id: int, per_page: int = 10, page: int = 0
    ) -> tuple[TrainingJob, list[TrainingVersion]]:
        """The job and its versions, newest first; page 0 means every version."""
        job = self._job(job_id)
        for version in job.versions.in_progress():  # settled versions do not move on a look
            version.observe()
        versions = job.versions.view(descending=True)
        return job, (list(versions) if page == 0 else page_of(versions, per_page, page))

    def get_training_job_version(self, job_id: int, version_id: int) -> TrainingVersion:
        version = self._version(job_id, version_id)
        version.observe()
        return version

    def delete_training_job_version(self, job_id: int, version_id: int) -> None:
        job = self._job(job_id)
        version = self._version(job_id, version_id)
        if version.status not in DELETABLE:
            raise JobStatusNotAllowed(f"This job can't be delete. job status: {version.status}")
        del job.versions[version_id]
        self.jobs.refile(job_id)

    def stop_training_job_version(self, job_id: int, version_id: int) -> None:
        """[choice] A stop (like a delete) acts on the status the program last saw: its check reads
        the status without taking a step, so a program that polled until RUNNING can stop the
        version in ``immediate`` mode too (``time`` mode has already moved it: lifecycle.tick)."""
        version = self._version(job_id, version_id)
        if version.status != RUNNING:
            raise JobStatusNotAllowed(f"This job can't be stop. job status: {version.status}")
        version.lifecycle.begin(KILLING)

    def list_training_job_log_file_names(self, job_id: int, version_id: int) -> list[str]:
        version = self._version(job_id, version_id)
        version.observe()  # a program polling for the logs to appear looks at the version
        return version.log_files

    def get_training_job_logs(
        self,
        job_id: int,
        version_id: int,
        log_file: str,
        base_line: int | None = None,
        lines: int = 50,
        descending: bool = True,
    ) -> LogExcerpt:
        """``lines`` lines of a log file: the last ones, or those after (desc) or before (asc) ``base_line``."""
        version = self._version(job_id, version_id)
        version.observe()
        content = version.log_lines(log_file)
        total = len(content)
        if base_line is None:
            end = total
            start = max(end - lines, 0)
        else:
            if base_line > total:
                raise InvalidArgument(f"Invalid Argument: base_line must be an integer in [0, {total}].")
            start, end = (
                (base_line, min(base_line + lines, total))
                if descending
                else (max(base_line - 1 - lines, 0), max(base_line - 1, 0))
            )
        return LogExcerpt(content[start:end], start, end)

    # --- catalogue reads -------------------------------------------------------------------
    def list_job_flavors(self, job_type: str | None = None, engine_id: int | None = None) -> list[Flavor]:
        if engine_id is not None:
            find_engine(self.engines, engine_id)
        flavors = sorted(self.flavors.values(), key=lambda f: f.spec_id)
        return [f for f in flavors if not job_type or job_type in f.job_types]

    def list_job_engines(self, job_type: str | None = None) -> list[Engine]:
        engines = sorted(self.engines.values(), key=lambda e: e.engine_id)
        return [e for e in engines if not job_type or job_type in e.job_types]

    def _engine_order(self, algorithm: BuiltinAlgorithm) -> tuple[str, str, int]:
        found = self.engines.get(algorithm.engine_id)
        return (found.engine_name, found.engine_version, algorithm.model_id) if found else ("", "", algorithm.model_id)

    def list_builtin_algorithms(
        self,
        per_page: int = 10,
        page: int = 1,
        sort_by: str | None = None,
        descending: bool = True,
        search_content: str = "",
    ) -> tuple[int, list[BuiltinAlgorithm]]:
        # "Querying a Built-in Algorithm": sortBy engine (the default) and the model's fields
        keys: dict[str, Callable[[BuiltinAlgorithm], Any]] = {
            "engine": self._engine_order,
            "model_name": lambda a: (a.model_name, a.model_id),
            "model_precision": lambda a: (a.model_precision, a.model_id),
            "model_usage": lambda a: (a.model_usage, a.model_id),
            "model_size": lambda a: (a.model_size, a.model_id),
            "create_time": lambda a: (a.create_time, a.model_id),
            "parameter": lambda a: (a.parameter, a.model_id),
        }
        sort_items([], keys, sort_by, "engine", descending)
        if not search_content and (sort_by or "engine") == "engine":
            ordered = self.algorithms.view("engine", descending=descending)  # kept in this order
            return len(ordered), page_of(ordered, per_page, page)
        search = search_content.lower()
        algorithms = [a for a in self.algorithms.values() if search in a.model_name.lower()]
        algorithms = sort_items(algorithms, keys, sort_by, "engine", descending)
        return len(algorithms), page_of(algorithms, per_page, page)

    # --- training-job configurations -------------------------------------------------------
    def _config(self, name: str) -> TrainingJobConfig:
        config = self.configs.get(name)
        if config is None:
            # [UNVERIFIED] no code for a missing configuration: "invalid parameter values"
            raise InvalidParameterValue(f"Invalid parameter values: training job config {name} does not exist.")
        return config

    def create_training_job_config(
        self, config_name: str, config: dict[str, Any], config_desc: str = ""
    ) -> TrainingJobConfig:
        check_name(config_name)
        check_description(config_desc, "config_desc")
        flavor, engine = self._resolve_config(config)
        if config_name in self.configs:
            raise DuplicateName(f"Config name:{config_name} is existed")
        created = TrainingJobConfig(config_name, config_desc, config, flavor, engine)
        self.configs[config_name] = created
        return created

    def list_training_job_configs(
        self,
        per_page: int = 10,
        page: int = 1,
        sort_by: str | None = None,
        descending: bool = True,
        search_content: str = "",
        config_type: str | None = None,
    ) -> tuple[int, list[TrainingJobConfig]]:
        kind = config_type or "custom"
        keys: dict[str, Callable[[TrainingJobConfig], Any]] = {
            "config_name": lambda c: (c.name,),
            "config_desc": lambda c: (c.description, c.name),
            "create_time": lambda c: (c.create_time, c.sequence),
        }
        if kind == "sample":
            keys.pop("create_time")  # the service does not sort samples by creation time
        source = self.configs if kind == "custom" else self.sample_configs
        sort_items([], keys, sort_by, "config_name", descending)
        if not search_content and (sort_by or "config_name") == "config_name":
            named = source.view("config_name", descending=descending)  # kept in this order
            return len(named), page_of(named, per_page, page)
        search = search_content.lower()
        configs = [c for c in source.values() if search in c.name.lower()]
        configs = sort_items(configs, keys, sort_by, "config_name", descending)
        return len(configs), page_of(configs, per_page, page)

    def get_training_job_config(self, name: str, config_type: str | None = None) -> TrainingJobConfig:
        if config_type == "sample" and name in self.sample_configs:
            return self.sample_configs[name]
        return self._config(name)

    def update_training_job_config(self, name: str, changes: dict[str, Any], config_desc: str | None = None) -> None:
        existing = self._config(name)
        description = existing.description if config_desc is None else config_desc
        check_description(description, "config_desc")
        # [UNVERIFIED] fields left out keep their values (otcextensions sends only what changed)
        config = replace_groups(existing.config, changes)
        flavor, engine = self._resolve_config(config)
        existing.description, existing.config, existing.flavor, existing.engine = description, config, flavor, engine

    def delete_training_job_config(self, name: str) -> None:
        self._config(name)
        del self.configs[name]

    # --- visualization jobs ----------------------------------------------------------------
    def _visualization_job(self, job_id: int) -> VisualizationJob:
        job = self.visualization_jobs.get(job_id)
        if job is None:
            # [UNVERIFIED] visualization jobs share the training job table and its not-found code
            raise TrainingJobNotFound(f"Visualization job (ID: {job_id}) not found.")
        return job

    def create_visualization_job(
        self,
        job_name: str,
        train_url: str,
        job_desc: str = "",
        job_type: str = "tensorboard",
        flavor_code: str | None = None,
        schedule: dict[str, Any] | None = None,
    ) -> VisualizationJob:
        check_name(job_name, max_length=20)
        check_description(job_desc)
        if job_type.lower() not in VISUALIZATION_TYPES:
            raise InvalidParam(f"Invalid parameter: job_type must be TensorBoard or MindInsight, not {job_type}.")
        flavor_code = flavor_code or self._default_visualization_flavor()
        if flavor_code not in {f.spec_code for f in self.flavors.values()}:
            raise FlavorNotFound(f"Flavor ({flavor_code}) not found.")
        if schedule is not None and (
            schedule["type"] != "stop" or schedule["time_unit"] != "HOURS" or not 0 <= schedule["duration"] <= 24
        ):
            raise InvalidParameterValue(
                "Invalid parameter values: schedule is {type: stop, time_unit: HOURS, duration: 0-24}."
            )
        if self.visualization_jobs.having("name", job_name):
            raise DuplicateName(f"Job name:{job_name} is existed")
        if len(self.visualization_jobs) >= self.quotas.visualization_jobs:
            raise QuotaInsufficient(
                f"Quota insufficient: the project may hold {self.quotas.visualization_jobs} visualization jobs."
            )
        job = VisualizationJob(
            job_name,
            job_desc,
            train_url,
            VISUALIZATION_TYPES[job_type.lower()],
            flavor_code,
            schedule,
            service_root=f"https://modelarts.{self.region_name}.otc.t-systems.com/visualization/{self.project_id}/",
        )
        self.visualization_jobs[job.job_id] = job
        return job

    def _default_visualization_flavor(self) -> str:
        cpu = [f for f in sorted(self.flavors.values(), key=lambda f: f.spec_id) if not f.gpu_num]
        return cpu[0].spec_code if cpu else ""

    def list_visualization_jobs(
        self,
        status: int | None = None,
        per_page: int = 10,
        page: int = 1,
        sort_by: str | None = None,
        descending: bool = False,
        search_content: str = "",
    ) -> JobListing:
        # "Querying a Visualization Job List": sortBy job_id (the default), job_name, job_desc,
        # create_time, status; [choice] duration too, as the v1 SDK reference lists it
        keys: dict[str, Callable[[VisualizationJob], Any]] = {
            "job_id": lambda j: (j.job_id,),
            "job_name": lambda j: (j.name, j.job_id),
            "job_desc": lambda j: (j.description, j.job_id),
            "status": lambda j: (j.status, j.job_id),
            "duration": lambda j: (j.duration, j.job_id),
            "create_time": lambda j: (j.create_time, j.job_id),
        }
        return job_listing(
            self.visualization_jobs,
            keys,
            self.quotas.visualization_jobs,
            status=status,
            per_page=per_page,
            page=page,
            sort_by=sort_by,
            descending=descending,
            search_content=search_content,
            default_sort="job_id",
        )

    def get_visualization_job(self, job_id: int) -> VisualizationJob:
        job = self._visualization_job(job_id)
        job.observe()
        return job

    def update_visualization_job(self, job_id: int, job_desc: str) -> None:
        job = self._visualization_job(job_id)
        check_description(job_desc)
        job.description = job_desc

    def delete_visualization_job(self, job_id: int) -> None:
        job = self._visualization_job(job_id)
        if job.status not in DELETABLE:
            raise JobStatusNotAllowed(f"This job can't be delete. job status: {job.status}")
        del self.visualization_jobs[job_id]

    def stop_visualization_job(self, job_id: int) -> None:
        job = self._visualization_job(job_id)
        if job.status != RUNNING:
            raise JobStatusNotAllowed(f"This job can't be stop. job status: {job.status}")
        job.lifecycle.begin(KILLING)

    def restart_visualization_job(self, job_id: int) -> None:
        job = self._visualization_job(job_id)
        # [UNVERIFIED] a job that has ended (completed, failed, stopped) may be restarted
        if job.status not in TERMINAL:
            raise JobStatusNotAllowed(f"This job can't be restart. job status: {job.status}")
        job.restart()


modelarts_backends = AnyRegionBackendDict(
    ModelArtsBackend, "modelarts", regions=lambda: REGIONS, accepts=lambda region: bool(REGION_PATTERN.match(region))
)
