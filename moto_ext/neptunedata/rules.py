"""What Neptune ML checks in a request beyond the model's shapes (the model has no patterns or
ranges for these members): ids, IAM role ARNs, instance types, S3 locations, enumerations."""

from __future__ import annotations

import re
from collections.abc import Collection

from .exceptions import BadRequestException, InvalidParameterException

ID_CHARACTERS = re.compile(r"[A-Za-z0-9-]+")
ROLE_ARN = re.compile(r"arn:aws(-[a-z]+)*:iam::\d{12}:role/[\w+=,.@/-]{1,512}")
INSTANCE_TYPE = re.compile(r"ml\.[a-z0-9]+\.[a-z0-9]+")
S3_URI = re.compile(r"s3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:/(.*))?")
# modelType of data processing: heterogeneous graph or knowledge graph; custom models declare "custom"
MODEL_TYPES = {"heterogeneous", "kge", "custom"}
# CreateMLEndpoint modelName (API reference)
MODEL_NAMES = {"rgcn", "kge", "transe", "distmult", "rotate"}
INVALID_S3 = "Invalid S3 URL or incorrect S3 permissions. Please check your S3 configuration."


def check_id(resource_id: str) -> None:
    if not 1 <= len(resource_id) <= 48:
        raise InvalidParameterException("Invalid ID provided. ID can be 1-48 alphanumeric characters.")
    if not ID_CHARACTERS.fullmatch(resource_id):
        raise InvalidParameterException("Invalid ID provided. Must contain only letters, digits, or hyphens.")


def check_role_arn(value: str | None, name: str) -> None:
    if value is not None and not ROLE_ARN.fullmatch(value):
        raise InvalidParameterException(
            f"Invalid {name} provided: {value!r}. It must be the ARN of an IAM role "
            "(arn:aws:iam::<account id>:role/<role name>)."
        )


def check_roles(neptune_iam_role_arn: str | None, sagemaker_iam_role_arn: str | None = None) -> None:
    check_role_arn(neptune_iam_role_arn, "neptuneIamRoleArn")
    check_role_arn(sagemaker_iam_role_arn, "sagemakerIamRoleArn")


def check_instance_type(value: str | None) -> None:
    if value is not None and not INSTANCE_TYPE.fullmatch(value):
        raise InvalidParameterException("Invalid ML instance type.")


def check_at_least(name: str, value: int | None, low: int) -> None:
    if value is not None and value < low:
        raise InvalidParameterException(f"Invalid value for {name}: {value}. It must be at least {low}.")


def check_one_of(name: str, value: str | None, allowed: Collection[str]) -> None:
    if value is not None and value not in allowed:
        raise InvalidParameterException(f"Invalid {name}: {value}. Valid values are {', '.join(sorted(allowed))}.")


def parse_s3_uri(uri: str) -> tuple[str, str]:
    """(bucket, key without a trailing "/") of an S3 location Neptune ML accepts."""
    match = S3_URI.fullmatch(uri)
    if not match:
        raise BadRequestException(INVALID_S3)
    return match.group(1), (match.group(2) or "").rstrip("/")
