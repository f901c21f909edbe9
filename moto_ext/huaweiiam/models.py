"""IAM's state: the tokens it issued, the access keys tests registered, the projects tokens named.

One identity store serves every region and cloud: ``huaweiiam_backends[DEFAULT_PROJECT_ID][GLOBAL]``
(``iam_backend()``), reset with every other moto backend.
"""

import hashlib
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from moto.core.base_backend import BaseBackend

from moto_ext.core import server_context
from moto_ext.core.backends import ExtBackendDict

from . import signing
from .exceptions import IamError

#: the sample project: each region's main project (named after the region) has this id
DEFAULT_PROJECT_ID = "0" * 32
DEFAULT_REGION = "eu-de"
REGION_PATTERN = re.compile(r"^[a-z]{2,}(?:-[a-z0-9]+)+$")
GLOBAL = "iam"  # the one "region" of the identity store ("global" is taken by moto for partitions)

#: what a project-scoped token's catalog lists besides IAM: (type, name, host prefix, path)
CATALOG_SERVICES = [
    ("modelartsv1", "modelartsv1", "modelarts", "/v1/{project_id}"),
    ("modelarts", "modelarts", "modelarts", "/v1/{project_id}"),
]


def _isotime(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _hex_id(*parts: str) -> str:
    return hashlib.md5("/".join(parts).encode()).hexdigest()


def _default_domain() -> dict[str, Any]:
    return {"id": _hex_id("domain", "default"), "name": "default"}


@dataclass
class Token:
    token_id: str
    user: dict[str, Any]
    methods: list[str]
    issued_at: datetime
    expires_at: datetime
    project: dict[str, Any] | None
    region: str
    host_suffix: str

    @property
    def expired(self) -> bool:
        return datetime.now(timezone.utc) >= self.expires_at

    def catalog(self) -> list[dict[str, Any]]:
        # Behind the moto_ext server the catalog points back at the server, so keystoneauth and
        # otcextensions clients reach the services there without an endpoint override.
        base = server_context.public_url()
        entries = [("identity", "iam", f"{base}/v3" if base else f"https://iam.{self.region}.{self.host_suffix}/v3")]
        if self.project:
            for kind, name, host, path in CATALOG_SERVICES:
                service_base = base or f"https://{host}.{self.region}.{self.host_suffix}"
                entries.append((kind, name, service_base + path.format(project_id=self.project["id"])))
        return [
            {
                "id": hashlib.md5(f"{kind}{self.region}".encode()).hexdigest(),
                "type": kind,
                "name": name,
                "endpoints": [
                    {
                        "id": hashlib.md5(f"{kind}{url}".encode()).hexdigest(),
                        "interface": "public",
                        "region": self.region,
                        "region_id": self.region,
                        "url": url,
                    }
                ],
            }
            for kind, name, url in entries
        ]

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "methods": self.methods,
            "expires_at": _isotime(self.expires_at),
            "issued_at": _isotime(self.issued_at),
            "user": self.user,
            "catalog": self.catalog(),
            "roles": [{"id": hashlib.md5(b"te_admin").hexdigest(), "name": "te_admin"}],
        }
        if self.project:
            data["project"] = self.project
        else:
            data["domain"] = self.user["domain"]
        return {"token": data}


class HuaweiIamBackend(BaseBackend):
    """Tokens the mocked IAM issued, access keys tests registered, the projects tokens named."""

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.tokens: dict[str, Token] = {}
        #: access key -> secret key of the AK/SK pairs signed requests may use
        self.access_keys: dict[str, str] = {}
        self.projects: dict[str, dict[str, Any]] = {}
        self.passwords: dict[tuple[str, str], str] = {}

    # --- test-time controls ---------------------------------------------------------------
    def register_user(self, name: str, password: str, domain_name: str) -> None:
        """From now on this user must give this password (any password is accepted otherwise)."""
        self.passwords[(domain_name, name)] = password

    def register_access_key(self, access_key: str, secret_key: str) -> None:
        """Accept requests signed (SDK-HMAC-SHA256) with this AK/SK pair."""
        self.access_keys[access_key] = secret_key

    def register_project(self, name: str, project_id: str | None = None, domain: dict[str, Any] | None = None) -> str:
        project_id = project_id or self.project_id_for(name)
        self.projects[project_id] = {"id": project_id, "name": name, "domain": domain or _default_domain()}
        return project_id

    def expire(self, token_id: str) -> None:
        self.tokens[token_id].expires_at = datetime.now(timezone.utc) - timedelta(seconds=1)

    # --- tokens ----------------------------------------------------------------------------
    def project_id_for(self, name: str) -> str:
        """The id of a project by name: a region's main project (named after the region) is
        DEFAULT_PROJECT_ID, so ``m.backend("modelarts", region=...)`` finds it; others derive one."""
        for project_id, project in self.projects.items():
            if project["name"] == name:
                return project_id
        if "_" not in name and REGION_PATTERN.match(name):
            return DEFAULT_PROJECT_ID
        return _hex_id("project", name)

    def issue_token(
        self,
        user_name: str,
        domain_name: str,
        project_id: str | None,
        project_name: str | None,
        region: str,
        host_suffix: str,
        methods: list[str],
        expires_in: int = 24 * 3600,
        user_id: str | None = None,
    ) -> Token:
        domain = {"id": _hex_id("domain", domain_name), "name": domain_name}
        user = {
            "id": user_id or _hex_id("user", domain_name, user_name),
            "name": user_name,
            "domain": domain,
            "password_expires_at": "",
        }
        project = None
        if project_id or project_name:
            project_id = project_id or self.project_id_for(project_name or "")
            known = self.projects.get(project_id)
            name = project_name or (known["name"] if known else region)
            project = {"id": project_id, "name": name, "domain": domain}
            self.projects.setdefault(project_id, project)
            region = name.split("_", 1)[0] if REGION_PATTERN.match(name.split("_", 1)[0]) else region
        issued = datetime.now(timezone.utc)
        token = Token(
            token_id="MIIT" + secrets.token_urlsafe(96),
            user=user,
            methods=methods,
            issued_at=issued,
            expires_at=issued + timedelta(seconds=expires_in),
            project=project,
            region=region,
            host_suffix=host_suffix,
        )
        self.tokens[token.token_id] = token
        return token

    def authenticate_password(
        self,
        *,
        user_name: str,
        domain_name: str,
        password: str,
        user_id: str | None,
        methods: list[str],
        project_id: str | None,
        project_name: str | None,
        region: str | None,
        host_suffix: str,
    ) -> Token:
        """POST /v3/auth/tokens with the password method."""
        expected = self.passwords.get((domain_name, user_name))
        if expected is not None and expected != password:
            raise IamError("Unauthorized", "The username or password is wrong.")
        return self.issue_token(
            user_name,
            domain_name,
            project_id,
            project_name,
            _token_region(region, project_name),
            host_suffix,
            methods,
            user_id=user_id,
        )

    def authenticate_token(
        self,
        *,
        token_id: str | None,
        methods: list[str],
        project_id: str | None,
        project_name: str | None,
        region: str | None,
        host_suffix: str,
    ) -> Token:
        """POST /v3/auth/tokens with the token method: a new token for the same user."""
        source = self.valid_token(token_id or "")
        if source is None:
            raise IamError("Unauthorized", "The token is invalid or has expired.")
        user = source.user
        return self.issue_token(
            user["name"],
            user["domain"]["name"],
            project_id,
            project_name,
            _token_region(region, project_name),
            host_suffix,
            methods,
            user_id=user["id"],
        )

    def signature_error(self, method: str, url: str, headers: Mapping[str, str], body: bytes) -> str | None:
        """Why an SDK-HMAC-SHA256 signed request is refused (unknown key, wrong signature ...), or None."""
        try:
            signing.verify(method, url, headers, body, self.access_keys)
        except signing.SignatureError as error:
            return str(error)
        return None

    def valid_token(self, token_id: str) -> Token | None:
        token = self.tokens.get(token_id)
        return token if token is not None and not token.expired else None

    def revoke(self, token_id: str) -> None:
        self.tokens.pop(token_id, None)

    # --- projects --------------------------------------------------------------------------
    def projects_named(self, name: str | None) -> list[dict[str, Any]]:
        """Projects for an AK/SK-signed lookup (huaweicloudsdkcore asks ``?name=<region>``)."""
        known = list(self.projects.values())
        if name and all(p["name"] != name for p in known):
            known.append({"id": self.project_id_for(name), "name": name, "domain": _default_domain()})
        return [
            dict(p, enabled=True, is_domain=False, domain_id=p["domain"]["id"])
            for p in known
            if name is None or p["name"] == name
        ]

    def list_projects(self, token: Token, name: str | None = None) -> list[dict[str, Any]]:
        projects = [p for p in self.projects.values() if p["domain"]["id"] == token.user["domain"]["id"]]
        if token.project and all(p["id"] != token.project["id"] for p in projects):
            projects.append(token.project)
        return [
            dict(p, enabled=True, is_domain=False, parent_id=p["domain"]["id"], domain_id=p["domain"]["id"])
            for p in projects
            if name is None or p["name"] == name
        ]


def _token_region(region: str | None, project_name: str | None) -> str:
    """The host's region, else the one a project name starts with (``eu-de_team``), else the default."""
    region_name = region or (project_name or "").split("_", 1)[0] or DEFAULT_REGION
    return region_name if REGION_PATTERN.match(region_name) else DEFAULT_REGION


huaweiiam_backends = ExtBackendDict(HuaweiIamBackend, "huaweiiam", use_boto3_regions=False, additional_regions=[GLOBAL])


def iam_backend() -> HuaweiIamBackend:
    return huaweiiam_backends[DEFAULT_PROJECT_ID][GLOBAL]
