"""The v1 listings read their default order from indexes kept as resources come and go (issue 14):
each gives what sorting every resource would (the search path, which still does, is the reference)."""

import itertools

import pytest

from .conftest import CONFIG

NAMES = ["kappa", "alpha", "delta", "beta", "alpha2", "zeta", "eta"]  # every one has an "a"


def _listing(ma, path, items_key, name_key, **params):
    return [item[name_key] for item in ma.ok("GET", path, params=params)[items_key]]


def _without_durations(answer):
    return {
        key: [{k: v for k, v in item.items() if "duration" not in k} for item in value]
        if isinstance(value, list)
        else value
        for key, value in answer.items()
    }


def _settle(ma, path):
    """Each listing looks at every in-progress job once (immediate progression): a few settle them."""
    for _ in range(4):
        ma.ok("GET", path, params={"per_page": 1})


def _pages_match_the_sorted_reference(ma, path, items_key, name_key, search, **extra):
    for order, per_page in itertools.product(["asc", "desc"], [1, 3, 100]):
        for page in range(1, 9 // per_page + 2):
            params = {"order": order, "per_page": per_page, "page": page, **extra}
            indexed = ma.ok("GET", path, params=params)
            reference = ma.ok("GET", path, params={**params, "search_content": search})  # matches every name
            # (a running job's duration grows between the two answers)
            assert _without_durations(indexed) == _without_durations(reference), params


def test_training_jobs(ma):
    for name in NAMES:
        ma.create_job(name)
    ma.ok("POST", "/training-jobs", json={"job_name": "elsewhere", "workspace_id": "ws-2", "config": CONFIG})
    _settle(ma, "/training-jobs")
    job_id = next(j for j in ma.ok("GET", "/training-jobs")["jobs"] if j["job_name"] == "delta")["job_id"]
    ma.ok("DELETE", f"/training-jobs/{job_id}")
    assert {j["status"] for j in ma.ok("GET", "/training-jobs")["jobs"]} == {10}  # COMPLETED
    _pages_match_the_sorted_reference(ma, "/training-jobs", "jobs", "job_name", "a")
    assert _listing(ma, "/training-jobs", "jobs", "job_name", workspace_id="ws-2") == ["elsewhere"]
    assert _listing(ma, "/training-jobs", "jobs", "job_name") == sorted(set(NAMES) - {"delta"})


def test_visualization_jobs(ma):
    for name in NAMES:
        ma.ok("POST", "/visualization-jobs", json={"job_name": name, "train_url": "/bucket/out/"})
    _settle(ma, "/visualization-jobs")
    _pages_match_the_sorted_reference(ma, "/visualization-jobs", "jobs", "job_name", "a")
    assert _listing(ma, "/visualization-jobs", "jobs", "job_name", per_page=100) == NAMES  # by id


def test_configs(ma):
    for name in NAMES:
        ma.ok("POST", "/training-job-configs", json={"config_name": name, **CONFIG})
    ma.ok("DELETE", "/training-job-configs/beta")
    _pages_match_the_sorted_reference(ma, "/training-job-configs", "configs", "config_name", "a")
    names = _listing(ma, "/training-job-configs", "configs", "config_name", per_page=100)
    assert names == sorted(set(NAMES) - {"beta"}, reverse=True)  # descending by default


def test_builtin_algorithms_follow_their_engine(ma):
    backend = ma.backend
    backend.add_engine(901, "Zeta-Engine", "1.0")
    for index, name in enumerate(NAMES):
        backend.add_builtin_algorithm(7000 + index, name, 901 if index % 2 else 1)
    _pages_match_the_sorted_reference(ma, "/built-in-algorithms", "models", "model_name", "")
    before = _listing(ma, "/built-in-algorithms", "models", "model_name", per_page=100)
    backend.add_engine(901, "AAA-Engine", "1.0")  # renamed: its algorithms move in the order
    after = _listing(ma, "/built-in-algorithms", "models", "model_name", per_page=100)
    assert before != after and sorted(before) == sorted(after)
    _pages_match_the_sorted_reference(ma, "/built-in-algorithms", "models", "model_name", "")


@pytest.mark.parametrize("per_page", [1, 2, 100])
def test_versions_newest_first(ma, per_page):
    job = ma.create_job("versions")
    for _ in range(4):
        ma.ok(
            "POST",
            f"/training-jobs/{job['job_id']}/versions",
            json={"config": {"train_url": "/b/v2/", "pre_version_id": job["version_id"]}},
        )
    every = [v["version_id"] for v in ma.ok("GET", f"/training-jobs/{job['job_id']}/versions")["versions"]]
    assert every == sorted(every, reverse=True) and len(every) == 5
    paged = []
    for page in range(1, 5 // per_page + 2):
        answer = ma.ok("GET", f"/training-jobs/{job['job_id']}/versions", params={"per_page": per_page, "page": page})
        paged += [v["version_id"] for v in answer["versions"]]
    assert paged == every
