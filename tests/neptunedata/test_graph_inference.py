"""Neptune ML's last step: Gremlin inference queries against an inference endpoint, answered from
the graph and the predictions a test sets."""

import pytest
from gremlin_python.structure.io import graphsonV3d0

from tests.support import error_of

from .helpers import completed_training

MOVIES = (
    "~id,~label,title,genre,rating:Double\n"
    "movie_1,movie,Alien,Horror,4.0\nmovie_2,movie,Heat,Crime,3.0\nmovie_3,movie,Up,,\n"
    "user_1,user,ann,,\nuser_2,user,bob,,\n"
)
RATED = "~id,~from,~to,~label\nr1,user_1,movie_1,rated\n"
ROLE = "arn:aws:iam::123456789012:role/sagemaker-role"


@pytest.fixture
def endpoint(neptune, s3):
    s3.put_object(Bucket="neptune-ml-data", Key="movies/v.csv", Body=MOVIES.encode())
    s3.put_object(Bucket="neptune-ml-data", Key="movies/e.csv", Body=RATED.encode())
    neptune.start_loader_job(
        source="s3://neptune-ml-data/movies/", format="csv", s3BucketRegion="us-east-1", iamRoleArn=ROLE
    )
    neptune.create_ml_endpoint(id="movies-ep", mlModelTrainingJobId=completed_training(neptune))
    assert neptune.get_ml_endpoint(id="movies-ep")["status"] == "InService"
    return "movies-ep"


def gremlin(neptune, query):
    data = neptune.execute_gremlin_query(gremlinQuery=query)["result"]["data"]
    return graphsonV3d0.GraphSONReader().to_object(data)


def source(endpoint, *options):
    return f'g.with("Neptune#ml.endpoint", "{endpoint}").with("Neptune#ml.iamRoleArn", "{ROLE}")' + "".join(options)


def test_node_classification_answers_vertex_properties(neptune, endpoint):
    query = source(endpoint) + '.V("movie_1", "movie_3").properties("genre").with("Neptune#ml.classification")'
    answer = neptune.execute_gremlin_query(gremlinQuery=query)["result"]["data"]["@value"]
    assert [item["@type"] for item in answer] == ["g:VertexProperty", "g:VertexProperty"]
    # stand-ins: the vertex's own class, else the most common class of the graph
    assert [(vp.label, vp.value) for vp in gremlin(neptune, query)] == [("genre", "Horror"), ("genre", "Horror")]


def test_predictions_set_by_the_test_with_limit_threshold_and_value(neptune, endpoint, moto_ext_mock):
    backend = moto_ext_mock.backend("neptunedata", region="us-east-1")
    backend.set_ml_predictions(endpoint, {"movie_3": [("Comedy", 0.8), ("Drama", 0.6), ("Crime", 0.2)]})
    query = source(endpoint, '.with("Neptune#ml.limit", 3).with("Neptune#ml.threshold", 0.5D)')
    query += '.V("movie_3").properties("genre").with("Neptune#ml.classification").value()'
    assert gremlin(neptune, query) == ["Comedy", "Drama"]


def test_regression_and_link_prediction(neptune, endpoint, moto_ext_mock):
    regression = source(endpoint) + '.V("movie_3").properties("rating").with("Neptune#ml.regression").value()'
    assert gremlin(neptune, regression) == [3.5]  # the mean rating of the graph

    links = source(endpoint, '.with("Neptune#ml.limit", 2)')
    links += '.V("user_1").out("rated").with("Neptune#ml.prediction").hasLabel("movie").id()'
    assert gremlin(neptune, links) == ["movie_2", "movie_3"]  # the movies user_1 has not rated
    moto_ext_mock.backend("neptunedata", region="us-east-1").set_ml_predictions(endpoint, {"user_1": ["movie_3"]})
    assert gremlin(neptune, links) == ["movie_3"]


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ('.V("movie_1").properties("genre").with("Neptune#ml.classification").fold()', "UnsupportedOperationException"),
        (
            '.with("Neptune#ml.limit", 500).V("movie_1").properties("genre").with("Neptune#ml.classification")',
            "BadRequestException",
        ),
    ],
)
def test_forms_not_served_are_typed_errors(neptune, endpoint, query, code):
    failure = error_of(pytest.raises(Exception, neptune.execute_gremlin_query, gremlinQuery=source(endpoint) + query))
    assert failure.code == code


def test_an_unknown_endpoint_is_a_bad_request(neptune, endpoint):
    query = source("nope") + '.V("movie_1").properties("genre").with("Neptune#ml.classification")'
    failure = error_of(pytest.raises(Exception, neptune.execute_gremlin_query, gremlinQuery=query))
    assert failure.code == "BadRequestException" and "nope" in failure.response["detailedMessage"]
