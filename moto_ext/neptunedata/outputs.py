"""The files Neptune ML jobs write under their output folder (``<location>/<id>``, see ml.MLJob).

What the user guide documents, and what the mock writes in its place:

- A data-processing job writes ``model-hpo-configuration.json`` to its output location: the
  hyperparameter ranges model training starts from, which users download, edit and upload
  again ("Customizing model hyperparameter configurations in Neptune ML").
- A model-training job runs a SageMaker tuning job whose best model's artifacts are a
  ``model.tar.gz`` (SageMaker's ``ModelArtifacts`` convention); Neptune ML serves endpoints from it.
- A model-transform job computes the model artifacts needed for deployment ("transform script").

[choice] The contents are small stand-ins, not trained models: the hyperparameter file has the
documented layout; each ``model.tar.gz`` is a real gzip tar holding one ``model-info.json`` that
says which job made it. A training job copies the hyperparameter configuration it trains with
(the processing job's file, as the user may have edited it) into its folder as it starts: its
preparation step is done while the tuning job runs. Everything else is written as the job
completes, so a failed or stopped job leaves only what it had written, and ``clean=true`` on a
cancel removes that.
"""

from __future__ import annotations

import io
import json
import tarfile
import time

HPO_CONFIGURATION = "model-hpo-configuration.json"
MODEL_ARCHIVE = "output/model.tar.gz"


def _json(document: object) -> bytes:
    return json.dumps(document, indent=2).encode()


def hpo_configuration(model_type: str | None) -> bytes:
    """The hyperparameter configuration a data-processing job leaves for model training."""
    model = "kge" if model_type == "kge" else "rgcn"
    return _json(
        {
            "models": [
                {
                    "model": model,
                    "task_type": "link_predict" if model == "kge" else "node_class",
                    "eval_metric": {"metric": "mrr" if model == "kge" else "acc"},
                    "eval_frequency": {"type": "evaluate_every_epoch", "value": 1},
                    "1-tier-param": [
                        {"param": "num-hidden", "range": [16, 128], "type": "int", "inc_strategy": "power2"},
                        {
                            "param": "num-epochs",
                            "range": [3, 30],
                            "inc_strategy": "linear",
                            "inc_val": 1,
                            "type": "int",
                        },
                        {"param": "lr", "range": [0.001, 0.01], "type": "float", "inc_strategy": "log"},
                    ],
                    "2-tier-param": [
                        {"param": "dropout", "range": [0.0, 0.5], "inc_strategy": "linear", "type": "float"}
                    ],
                    "3-tier-param": [
                        {"param": "batch-size", "range": [128, 4096], "inc_strategy": "power2", "type": "int"}
                    ],
                    "fixed-param": [{"param": "num-bases", "type": "int", "default": 0}],
                }
            ]
        }
    )


def model_archive(job_kind: str, job_id: str) -> bytes:
    """A ``model.tar.gz`` holding ``model-info.json`` (the stand-in for trained model artifacts)."""
    info = _json({"producedBy": job_kind, "jobId": job_id, "createdAt": int(time.time()), "note": "moto_ext stand-in"})
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        entry = tarfile.TarInfo("model-info.json")
        entry.size = len(info)
        entry.mtime = int(time.time())
        archive.addfile(entry, io.BytesIO(info))
    return buffer.getvalue()
