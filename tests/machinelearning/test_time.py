"""Time rules for Amazon Machine Learning, in each progression mode.

- immediate (default): a botocore waiter returns on its first poll (its default delay is 30 s),
  for a model still waiting for its data source too; a program polling Get* sees PENDING,
  INPROGRESS, COMPLETED in turn;
- manual: a status moves after N looks, and a model looking at its data source counts as one;
- time: statuses are a function of real time whoever calls: a model queued behind its data source
  starts when the data source completes, without anyone reading either.
"""

import time

from .helpers import make_data_source


def _polls(client):
    sent = []
    client.meta.events.register("before-send", lambda request, **_: sent.append(request.url))
    return sent


def test_waiters_return_on_their_first_poll(ml, s3):
    make_data_source(ml, "ds", name="ds")
    ml.create_ml_model(MLModelId="model", MLModelName="model", MLModelType="BINARY", TrainingDataSourceId="ds")
    ml.create_evaluation(EvaluationId="ev", EvaluationName="ev", MLModelId="model", EvaluationDataSourceId="ds")
    sent = _polls(ml)
    started = time.monotonic()
    # the evaluation waits for the model, which waits for the data source: one poll settles all
    ml.get_waiter("evaluation_available").wait(FilterVariable="Name", EQ="ev")
    ml.get_waiter("ml_model_available").wait(FilterVariable="Name", EQ="model")
    ml.get_waiter("data_source_available").wait(FilterVariable="Name", EQ="ds")
    assert time.monotonic() - started < 2
    assert len(sent) == 3
    assert ml.get_evaluation(EvaluationId="ev")["Status"] == "COMPLETED"


def test_a_program_sees_every_intermediate_status(ml, s3):
    make_data_source(ml, "ds")
    ml.create_ml_model(MLModelId="model", MLModelType="BINARY", TrainingDataSourceId="ds")
    seen = [ml.get_ml_model(MLModelId="model")["Status"] for _ in range(6)]
    # the model looks at its data source each time: it starts once the data source is COMPLETED
    assert seen[0] == "PENDING" and seen[-1] == "COMPLETED"
    assert "INPROGRESS" in seen
    assert seen == sorted(seen, key=["PENDING", "INPROGRESS", "COMPLETED"].index)


def test_manual_progression_counts_looks(ml, s3, moto_ext_mock):
    moto_ext_mock.set_progression("machinelearning.data_source", "manual", times=2)
    make_data_source(ml, "ds")
    assert ml.get_data_source(DataSourceId="ds")["Status"] == "PENDING"
    assert ml.get_data_source(DataSourceId="ds")["Status"] == "INPROGRESS"


def test_time_progression_moves_queued_work_without_reads(ml, s3, moto_ext_mock):
    for kind in ("machinelearning.data_source", "machinelearning.ml_model"):
        moto_ext_mock.set_progression(kind, "time", seconds=0.05)
    make_data_source(ml, "ds")
    ml.create_ml_model(MLModelId="model", MLModelType="BINARY", TrainingDataSourceId="ds")
    assert ml.get_ml_model(MLModelId="model")["Status"] == "PENDING"
    time.sleep(0.3)
    # nobody read the data source: the clock moved both, in order
    assert ml.get_ml_model(MLModelId="model")["Status"] == "COMPLETED"
    assert ml.get_data_source(DataSourceId="ds")["Status"] == "COMPLETED"


def test_time_progression_fails_work_whose_input_failed(ml, s3, moto_ext_mock):
    for kind in ("machinelearning.data_source", "machinelearning.ml_model"):
        moto_ext_mock.set_progression(kind, "time", seconds=0.05)
    moto_ext_mock.set_outcome("machinelearning.data_source", "FAILED")
    make_data_source(ml, "ds")
    ml.create_ml_model(MLModelId="model", MLModelType="BINARY", TrainingDataSourceId="ds")
    time.sleep(0.3)
    model = ml.get_ml_model(MLModelId="model")
    assert model["Status"] == "FAILED" and "ds" in model["Message"]
