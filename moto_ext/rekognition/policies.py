"""Project policies: IAM-syntax resource policies that let another account copy a model version.

Only what CopyProjectVersion needs is evaluated: Allow/Deny statements on ``Principal``,
``Action`` and ``Resource``, with IAM's ``*``/``?`` wildcards; an explicit Deny wins.

The guide's "Creating a project policy document": ``Action``, ``Resource``, ``Principal`` and
``Effect`` are required in every statement, and ``NotAction``, ``NotResource`` and
``NotPrincipal`` must not be present. A principal is matched as IAM matches resource-policy
principals: an account (``111111111111`` or ``arn:aws:iam::111111111111:root``) stands for every
principal of that account; a role ARN for that role's sessions only; a user ARN for that user.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from fnmatch import fnmatchcase
from typing import TYPE_CHECKING, Any

from moto.moto_api._internal import mock_random

from moto_ext.core.jsonbody import NotAJsonObject, json_object

if TYPE_CHECKING:
    from .projects import Project

COPY_ACTION = "rekognition:CopyProjectVersion"


REQUIRED = ("Effect", "Principal", "Action", "Resource")
PROHIBITED = ("NotPrincipal", "NotAction", "NotResource")


class MalformedPolicy(ValueError):
    pass


@dataclass(frozen=True)
class Caller:
    """Who makes a request: its account, and its IAM role or user ARN (None: the account itself)."""

    account_id: str
    role_arn: str | None = None
    user_arn: str | None = None


class ProjectPolicy:
    def __init__(self, project: Project, name: str, document: str) -> None:
        self.project = project
        self.name = name
        self.document = document
        self.created = self.updated = datetime.now(timezone.utc)
        self.revision = mock_random.uuid4().hex

    def revise(self, document: str) -> None:
        self.document = document
        self.updated = datetime.now(timezone.utc)
        self.revision = mock_random.uuid4().hex

    def to_dict(self) -> dict[str, Any]:
        return {
            "ProjectArn": self.project.arn,
            "PolicyName": self.name,
            "PolicyRevisionId": self.revision,
            "PolicyDocument": self.document,
            "CreationTimestamp": self.created,
            "LastUpdatedTimestamp": self.updated,
        }


def parse(document: str) -> list[dict[str, Any]]:
    """The statements of a policy document; MalformedPolicy when it is not an IAM policy."""
    try:
        policy = json_object(document, "The policy document")
    except NotAJsonObject as error:
        raise MalformedPolicy(str(error)) from None
    statements = policy.get("Statement")
    if isinstance(statements, dict):
        statements = [statements]
    if not isinstance(statements, list) or not statements:
        raise MalformedPolicy("The policy document has no Statement.")
    for statement in statements:
        if not isinstance(statement, dict):
            raise MalformedPolicy("A policy statement must be a JSON object.")
        for name in PROHIBITED:
            if name in statement:
                raise MalformedPolicy(f"{name} is not allowed in a project policy.")
        for name in REQUIRED:
            if name not in statement:
                raise MalformedPolicy(f"A project policy statement needs {name}.")
        if statement["Effect"] not in ("Allow", "Deny"):
            raise MalformedPolicy("A policy statement needs an Effect of Allow or Deny.")
    return statements


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _principal_matches(principal: Any, caller: Caller, partition: str) -> bool:
    if principal == "*":
        return True
    if not isinstance(principal, dict):
        return False
    account = caller.account_id
    for candidate in _as_list(principal.get("AWS")):
        if candidate in ("*", account, f"arn:{partition}:iam::{account}:root"):
            return True
        if candidate is not None and candidate in (caller.role_arn, caller.user_arn):
            return True
    return False


def _any_matches(patterns: Any, value: str, case_sensitive: bool = True) -> bool:
    for pattern in _as_list(patterns):
        if not isinstance(pattern, str):
            continue
        if case_sensitive and fnmatchcase(value, pattern):
            return True
        if not case_sensitive and fnmatchcase(value.lower(), pattern.lower()):
            return True
    return False


def allows_copy(documents: list[str], caller: Caller, partition: str, version_arn: str) -> bool:
    """Whether the documents let ``caller`` copy the version ``version_arn``."""
    allowed = False
    for document in documents:
        for statement in parse(document):
            if not _principal_matches(statement.get("Principal"), caller, partition):
                continue
            if not _any_matches(statement.get("Action"), COPY_ACTION, case_sensitive=False):
                continue
            if not _any_matches(statement["Resource"], version_arn):
                continue
            if statement["Effect"] == "Deny":
                return False
            allowed = True
    return allowed
