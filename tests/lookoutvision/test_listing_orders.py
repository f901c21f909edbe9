"""ListProjects, ListModels, ListModelPackagingJobs and ListDatasetEntries read their pages from
orders kept as resources come and go (issue 14)."""

import pytest

from tests.support import walk_pages

from .helpers import OUTPUT, add_images, make_project, make_trained_model


@pytest.mark.parametrize("size", [1, 3, 100])
def test_projects_come_by_name_as_they_come_and_go(lv, size):
    names = ["m", "b", "x", "a", "k", "c"]
    for name in names:
        lv.create_project(ProjectName=name)
    lv.delete_project(ProjectName="x")
    lv.create_project(ProjectName="d")
    found = [p["ProjectName"] for p in walk_pages(lv.list_projects, "Projects", size)]
    assert found == sorted({*names, "d"} - {"x"})


def test_models_come_by_version_and_a_deleted_one_leaves_at_the_look(moto_ext_mock, lv):
    make_project(lv)
    versions = [make_trained_model(lv) for _ in range(5)]
    lv.delete_model(ProjectName="widgets", ModelVersion=versions[1])  # DELETING: gone at the next look
    for size in (1, 2, 100):
        found = [m["ModelVersion"] for m in walk_pages(lv.list_models, "Models", size, ProjectName="widgets")]
        assert found == [v for v in versions if v != versions[1]]
    lv.create_model(ProjectName="widgets", OutputConfig=OUTPUT)  # TRAINING: a listing looks at it
    assert [m["Status"] for m in lv.list_models(ProjectName="widgets")["Models"]][-1] == "TRAINED"


def test_dataset_entries_filtered_and_not_across_pages(lv):
    make_project(lv)
    add_images(lv, normal=7, anomaly=5, folder="more")
    every = walk_pages(lv.list_dataset_entries, "DatasetEntries", 100, ProjectName="widgets", DatasetType="train")
    for size in (1, 4):
        assert (
            walk_pages(lv.list_dataset_entries, "DatasetEntries", size, ProjectName="widgets", DatasetType="train")
            == every
        )
        anomalies = walk_pages(
            lv.list_dataset_entries,
            "DatasetEntries",
            size,
            ProjectName="widgets",
            DatasetType="train",
            AnomalyClass="anomaly",
            SourceRefContains="more",
        )
        assert anomalies == [e for e in every if "more/anomaly" in e]
        assert len(anomalies) == 5
