"""Time rules for ModelArts training versions and visualization jobs, in each progression mode.

- immediate (default): every look at a version (its details, the version list, the job list, its
  logs) moves it one step, so a program polling in order to stop a RUNNING version sees RUNNING;
  a stop or delete acts on the status the program last saw (its check takes no step);
- manual: a status moves after N looks; a stop's or delete's check is not one;
- time: a status is a function of the clock, whoever calls and whatever they call: a stop, a delete
  and a filtered list see where the clock says, with nobody reading the version before.
"""

import types

import pytest

from moto_ext.core import lifecycle

KIND = "modelarts.training_version"
VISUALIZATION = "modelarts.visualization_job"
INIT, WAITING, RUNNING, KILLING, COMPLETED, KILLED = 1, 7, 8, 9, 10, 12


def version_path(job):
    return f"/training-jobs/{job['job_id']}/versions/{job['version_id']}"


@pytest.fixture
def clock(monkeypatch):
    """The lifecycle engine's clock, moved by the test (``clock.now += seconds``)."""
    fake = types.SimpleNamespace(now=1000.0)
    fake.monotonic = lambda: fake.now
    monkeypatch.setattr(lifecycle, "time", fake)
    return fake


# --- immediate -------------------------------------------------------------------------------------
def test_immediate_a_program_polls_until_running_and_stops_the_version(ma):
    job = ma.create_job("poll-then-stop")
    assert job["status"] == INIT
    seen: list[int] = []
    while not seen or seen[-1] != RUNNING:
        seen.append(ma.status(job))
    assert seen == [WAITING, RUNNING]
    assert ma.ok("POST", version_path(job) + "/stop") == {"is_success": True}
    assert [ma.status(job) for _ in range(2)] == [KILLED, KILLED]


def test_immediate_polling_the_job_list_sees_every_status_until_the_end(ma):
    job = ma.create_job("poll-the-list")
    seen: list[int] = []
    while not seen or seen[-1] not in (COMPLETED, KILLED):
        [listed] = ma.ok("GET", "/training-jobs")["jobs"]
        seen.append(listed["status"])
    assert seen == [WAITING, RUNNING, COMPLETED]
    ma.ok("DELETE", f"/training-jobs/{job['job_id']}")
    assert ma.ok("GET", "/training-jobs")["jobs"] == []


def test_immediate_checks_of_stop_and_delete_take_no_step(ma):
    job = ma.create_job("checked")
    ma.fails("POST", version_path(job) + "/stop", 400, "ModelArts.0105")  # INIT: not stoppable
    ma.fails("DELETE", f"/training-jobs/{job['job_id']}", 400, "ModelArts.0105")
    assert ma.backend.jobs[job["job_id"]].versions[job["version_id"]].lifecycle.status == INIT


def test_immediate_a_program_polling_for_logs_gets_them(ma):
    job = ma.create_job("logs")
    path = version_path(job) + "/log/file-names"
    polls = [ma.ok("GET", path)["log_file_list"] for _ in range(2)]
    assert polls == [[], ["job.0"]]  # the second look finds the version running
    log = ma.ok("GET", version_path(job) + "/aom-log", params={"log_file": "job.0"})
    assert "training end with return code: 0" in log["content"]  # this look completed it


# --- manual ----------------------------------------------------------------------------------------
def test_manual_moves_after_n_looks_and_stop_is_not_a_look(ma, moto_ext_mock):
    moto_ext_mock.set_progression(KIND, "manual", times=2)
    job = ma.create_job("manual")
    assert [ma.status(job) for _ in range(3)] == [INIT, WAITING, WAITING]
    # were the stop's check a look, it would be the second at WAITING and see RUNNING
    body = ma.fails("POST", version_path(job) + "/stop", 400, "ModelArts.0105")
    assert body["error_message"] == f"This job can't be stop. job status: {WAITING}"
    assert ma.status(job) == RUNNING
    ma.ok("POST", version_path(job) + "/stop")
    assert [ma.status(job) for _ in range(2)] == [KILLING, KILLED]


def test_manual_the_job_list_counts_as_a_look_at_the_latest_version(ma, moto_ext_mock):
    moto_ext_mock.set_progression(KIND, "manual", times=2)
    job = ma.create_job("listed")
    statuses = [ma.ok("GET", "/training-jobs")["jobs"][0]["status"] for _ in range(2)]
    assert statuses == [INIT, WAITING]
    assert ma.status(job) == WAITING


# --- time ------------------------------------------------------------------------------------------
def test_time_stop_sees_running_without_anyone_reading(ma, moto_ext_mock, clock):
    moto_ext_mock.set_progression(KIND, "time", seconds=10)
    job = ma.create_job("timed-stop")
    clock.now += 25  # INIT -> WAITING at 10 s, -> RUNNING at 20 s
    assert ma.ok("POST", version_path(job) + "/stop") == {"is_success": True}
    clock.now += 5
    assert ma.status(job) == KILLING
    clock.now += 5  # KILLING began at 25 s: KILLED at 35 s
    assert ma.status(job) == KILLED


def test_time_reads_do_not_speed_it_up(ma, moto_ext_mock, clock):
    moto_ext_mock.set_progression(KIND, "time", seconds=10)
    job = ma.create_job("timed-reads")
    assert [ma.status(job) for _ in range(5)] == [INIT] * 5
    clock.now += 10
    assert ma.status(job) == WAITING


def test_time_delete_and_filtered_lists_follow_the_clock(ma, moto_ext_mock, clock):
    moto_ext_mock.set_progression(KIND, "time", seconds=10)
    job = ma.create_job("timed-delete")
    ma.fails("DELETE", f"/training-jobs/{job['job_id']}", 400, "ModelArts.0105")
    clock.now += 30  # completed at 30 s; nobody looked at it
    assert [j["job_name"] for j in ma.ok("GET", "/training-jobs", params={"status": COMPLETED})["jobs"]] == [
        "timed-delete"
    ]
    ma.ok("DELETE", f"/training-jobs/{job['job_id']}")
    assert ma.ok("GET", "/training-jobs")["job_total_count"] == 0


def test_time_a_visualization_job_serves_once_the_clock_says(ma, moto_ext_mock, clock):
    moto_ext_mock.set_progression(VISUALIZATION, "time", seconds=10)
    job = ma.ok("POST", "/visualization-jobs", json={"job_name": "timed-vis", "train_url": "/b/out/"})
    ma.fails("POST", f"/visualization-jobs/{job['job_id']}/stop", 400, "ModelArts.0105")
    clock.now += 20
    ma.ok("POST", f"/visualization-jobs/{job['job_id']}/stop")
    clock.now += 10
    assert ma.ok("GET", f"/visualization-jobs/{job['job_id']}")["status"] == KILLED
