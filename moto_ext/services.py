"""The registry's entries: one ``Service`` per folder of moto_ext. Adding a service is adding its
folder and one entry here (see the README, "Adding a service")."""

from moto_ext.core.registry import RESPONSES, Redirect, Service

SERVICES = (
    Service(
        name="lookoutvision",
        package="moto_ext.lookoutvision",
        title="Amazon Lookout for Vision (`lookoutvision`)",
    ),
    Service(
        name="rekognition",
        package="moto_ext.rekognition",
        title="Amazon Rekognition (`rekognition`): Custom Labels by moto_ext, the rest by moto",
        extends_moto=True,
    ),
    Service(
        name="machinelearning",
        package="moto_ext.machinelearning",
        title="Amazon Machine Learning (`machinelearning`)",
        # botocore sends Predict to the host its PredictEndpoint names
        redirects=(Redirect("before-send.machine-learning.Predict", "machinelearning.{region}.amazonaws.com"),),
    ),
    Service(
        name="neptunedata",
        package="moto_ext.neptunedata",
        title="Neptune Data API (`neptunedata`)",
        # botocore sends every call to the cluster endpoint the client names
        redirects=(Redirect("before-send.neptunedata", "neptune-db.{region}.amazonaws.com"),),
        # HTTP clients (graph-notebook ...) talk to a cluster or instance endpoint, on any port
        http_urls=(r"https?://[^/?#]+\.neptune\.amazonaws\.com(?::\d+)?(?:[/?].*)?$",),
        # a cluster with IAM authentication off takes unsigned requests ("when IAM database
        # authentication is enabled, each request must be signed", user guide, iam-auth): the HTTP
        # API's roots, from the neptunedata model's request URIs plus the user guide's /openCypher,
        # /pg and /rdf spellings
        unsigned_paths=(
            r"^/(?:loader|ml|system|status|gremlin|opencypher|openCypher|sparql|pg|propertygraph|rdf|storage)(?:/.*)?$",
        ),
    ),
    Service(
        name="modelarts",
        package="moto_ext.modelarts",
        title="ModelArts v1 (REST, `responses`)",
        transport=RESPONSES,
        # ModelArts keys its state by project id; the defaults are the mock's sample project
        default_account="0" * 32,
        default_region="eu-de",
        on_start="responses:reset_settings",
        on_stop="responses:reset_settings",
        controls=(("access-keys", "register_access_key"),),
    ),
    Service(
        name="huaweiiam",
        package="moto_ext.huaweiiam",
        title="Huawei Cloud / OTC IAM tokens (REST, `responses`)",
        transport=RESPONSES,
        # one identity store for every region: the sample project's global "region"
        default_account="0" * 32,
        default_region="iam",
        controls=(("access-keys", "register_access_key"),),
    ),
)
