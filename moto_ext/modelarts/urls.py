"""Where ModelArts v1 requests are caught, and which operation each path and method is.

``url_bases`` are matched against the whole URL (scheme, host, path) by the ``responses`` mock;
``url_paths`` against the path under ``/v1/{project_id}``.
"""

import re

_CLOUDS = r"(?:otc\.t-systems\.com|myhuaweicloud\.(?:com|cn))"

#: https://modelarts.<region>.otc.t-systems.com, https://modelarts.<region>.myhuaweicloud.com (.cn)
MODELARTS_URL = re.compile(
    rf"^https?://modelarts\.(?P<region>[a-z0-9-]+)\.(?P<cloud>{_CLOUDS})(?::\d+)?(?P<path>/[^?#]*)?$", re.IGNORECASE
)
url_bases = [MODELARTS_URL]

_JOB = r"/training-jobs/(?P<job_id>[^/]+)"
_VERSION = _JOB + r"/versions/(?P<version_id>[^/]+)"
_VISUALIZATION = r"/visualization-jobs/(?P<job_id>[^/]+)"

#: path under /v1/{project_id} -> {HTTP method: operation name}
url_paths: dict[str, dict[str, str]] = {
    r"/training-jobs": {"GET": "ListTrainingJobs", "POST": "CreateTrainingJob"},
    _JOB: {"PUT": "UpdateTrainingJob", "DELETE": "DeleteTrainingJob"},
    _JOB + r"/versions": {"GET": "ListTrainingJobVersions", "POST": "CreateTrainingJobVersion"},
    _VERSION: {"GET": "GetTrainingJobVersion", "DELETE": "DeleteTrainingJobVersion"},
    _VERSION + r"/stop": {"POST": "StopTrainingJobVersion"},
    _VERSION + r"/log/file-names": {"GET": "ListTrainingJobLogFileNames"},
    _VERSION + r"/aom-log": {"GET": "GetTrainingJobLogs"},
    r"/training-job-configs": {"GET": "ListTrainingJobConfigs", "POST": "CreateTrainingJobConfig"},
    r"/training-job-configs/(?P<config_name>[^/]+)": {
        "GET": "GetTrainingJobConfig",
        "PUT": "UpdateTrainingJobConfig",
        "DELETE": "DeleteTrainingJobConfig",
    },
    r"/job/resource-specs": {"GET": "ListJobFlavors"},
    r"/job/ai-engines": {"GET": "ListJobEngines"},
    r"/built-in-algorithms": {"GET": "ListBuiltinAlgorithms"},
    r"/visualization-jobs": {"GET": "ListVisualizationJobs", "POST": "CreateVisualizationJob"},
    _VISUALIZATION: {"GET": "GetVisualizationJob", "PUT": "UpdateVisualizationJob", "DELETE": "DeleteVisualizationJob"},
    _VISUALIZATION + r"/stop": {"POST": "StopVisualizationJob"},
    _VISUALIZATION + r"/restart": {"POST": "RestartVisualizationJob"},
}

# --- server mode (moto_ext/server/bridge.py) ----------------------------------------------------
#: paths on the server's own address that are ModelArts's (when not AWS-signed)
server_paths = re.compile(r"^/v1/[^/]+/")
#: the host requests on the server's own address stand for (its region is the mock's default)
default_host = "modelarts.eu-de.otc.t-systems.com"

_COMPILED = [(re.compile(f"^{pattern}/?$"), methods) for pattern, methods in url_paths.items()]
PROJECT_PATH = re.compile(r"^/v1/(?P<project_id>[^/]+)(?P<rest>/.*)?$")


def route(path: str) -> tuple[dict[str, str], dict[str, str]] | None:
    """({method: operation}, path parameters) for a path under /v1/{project_id}, or None."""
    for pattern, methods in _COMPILED:
        match = pattern.match(path)
        if match:
            return methods, match.groupdict()
    return None


#: every operation, for fault injection and the test that walks them all
OPERATIONS = sorted({name for methods in url_paths.values() for name in methods.values()})

#: (method, readable path under /v1/{project_id}, operation), e.g. for the README's coverage table
ROUTES = [
    (method, re.sub(r"\(\?P<(\w+)>[^)]*\)", r"{\1}", pattern), operation)
    for pattern, methods in url_paths.items()
    for method, operation in methods.items()
]
