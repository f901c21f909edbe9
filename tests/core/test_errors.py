"""core.errors: the HTTP status of each modeled error shape, straight from the botocore model."""

import pytest

import moto_ext  # noqa: F401  (registers the services; puts Lookout for Vision's model on the data path)
from moto_ext.core.errors import error_codes, http_status


@pytest.mark.parametrize(
    "service, code, status",
    [
        # declared httpStatusCode wins
        ("lookoutvision", "ConflictException", 409),
        ("lookoutvision", "ServiceQuotaExceededException", 402),
        ("lookoutvision", "ThrottlingException", 429),
        ("lookoutvision", "AccessDeniedException", 403),
        ("neptunedata", "ThrottlingException", 500),  # declared 500 on a fault shape
        ("neptunedata", "MethodNotAllowedException", 405),
        # no declared status: fault shapes are server errors
        ("rekognition", "InternalServerError", 500),
        ("rekognition", "ThrottlingException", 500),
        ("machinelearning", "InternalServerException", 500),
        # no declared status, no fault: client errors
        ("rekognition", "InvalidParameterException", 400),
        ("rekognition", "ResourceInUseException", 400),
        ("machinelearning", "ResourceNotFoundException", 400),
    ],
)
def test_http_status_of_modeled_error_shapes(service, code, status):
    assert http_status(service, code) == status


@pytest.mark.parametrize(
    "service, code",
    [
        ("rekognition", "NoSuchError"),
        ("rekognition", "Image"),  # a shape, but not an error shape
        ("lookoutvision", "ProjectName"),
        ("lookoutvision", "conflictexception"),  # names are exact
    ],
)
def test_http_status_is_none_for_what_is_not_an_error_shape(service, code):
    assert http_status(service, code) is None


def test_error_codes_list_exactly_the_error_shapes():
    codes = error_codes("lookoutvision")
    assert isinstance(codes, frozenset)
    assert codes == {
        "AccessDeniedException", "ConflictException", "InternalServerException", "ResourceNotFoundException",
        "ServiceQuotaExceededException", "ThrottlingException", "ValidationException",
    }  # fmt: skip
    rekognition = error_codes("rekognition")
    assert {"InternalServerError", "InvalidParameterException", "ResourceInUseException"} <= rekognition
    assert "Image" not in rekognition and "DetectLabelsRequest" not in rekognition


def test_every_error_code_has_a_status_of_its_class():
    for service in ("lookoutvision", "rekognition", "machinelearning", "neptunedata"):
        for code in error_codes(service):
            status = http_status(service, code)
            assert isinstance(status, int) and 400 <= status < 600, (service, code, status)


def test_an_unknown_service_is_an_error_not_a_status():
    from botocore.exceptions import UnknownServiceError

    with pytest.raises(UnknownServiceError):
        http_status("coretest-no-such-service", "AnyError")
