"""Trusted documents: the hub's own GraphQL documents, sent by hash.

The hub's own clients (the explorer) send the documents listed in `trusted_documents.json` by
their SHA-256, as Apollo's automatic persisted queries do
(`extensions.persistedQuery = {version: 1, sha256Hash}`, no `query`). A hash the hub does not
know gets the error `PersistedQueryNotFound` and the client sends the text with its hash; the
hub checks that the text has that hash and runs it. Texts sent that way are not remembered: the
registry is the committed list, so nobody can add to it.

With `UCCN_API_TRUSTED_DOCUMENTS_ONLY=true` (meant for production), anonymous callers may run
only the registered documents (by hash or by their exact text); token holders keep arbitrary
queries, within the same limits.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from services.policy import Role, Viewer

MANIFEST = Path(__file__).resolve().parent / "trusted_documents.json"
APQ_VERSION = 1
_SHA256 = re.compile(r"^[0-9a-f]{64}$")

NOT_FOUND = "PersistedQueryNotFound"
NOT_FOUND_CODE = "PERSISTED_QUERY_NOT_FOUND"
REQUIRED_CODE = "PERSISTED_QUERY_REQUIRED"


class DocumentRefused(Exception):
    """The request names a document the hub will not run: unknown hash, a text that does not
    match its hash, or (trusted documents only) an anonymous caller's unregistered text."""

    def __init__(self, message: str, *, code: str, status: int | None) -> None:
        super().__init__(message)
        self.code = code
        # None: a GraphQL request error, whose status follows the response's media type.
        self.status = status


def document_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class TrustedDocuments:
    """The registered documents by hash, and whether anonymous callers are held to them."""

    by_hash: Mapping[str, str]
    anonymous_trusted_only: bool = False

    @classmethod
    def load(cls, *, anonymous_trusted_only: bool, path: Path = MANIFEST) -> TrustedDocuments:
        """The manifest: `{name: {"sha256Hash": …, "query": …}}`; a hash that is not its text's
        is a broken manifest, refused at start."""
        manifest: dict[str, dict[str, str]] = json.loads(path.read_text(encoding="utf-8"))
        by_hash: dict[str, str] = {}
        for name, entry in manifest.items():
            if document_hash(entry["query"]) != entry["sha256Hash"]:
                raise ValueError(f"{path}: {name}'s sha256Hash is not the hash of its query")
            by_hash[entry["sha256Hash"]] = entry["query"]
        return cls(by_hash, anonymous_trusted_only)

    def resolve(self, parameters: dict[str, Any], viewer: Viewer) -> dict[str, Any]:
        """The request's parameters with the text of a document sent by hash; refused as the
        module docstring says. Parameters of the wrong type are left for the caller's checks."""
        extensions = parameters.get("extensions")
        persisted = extensions.get("persistedQuery") if isinstance(extensions, dict) else None
        if persisted is not None:
            wanted = _hash_of(persisted)
            query = parameters.get("query")
            if query is None:
                text = self.by_hash.get(wanted)
                if text is None:
                    raise DocumentRefused(NOT_FOUND, code=NOT_FOUND_CODE, status=None)
                parameters = {**parameters, "query": text}
            elif isinstance(query, str) and document_hash(query) != wanted:
                raise DocumentRefused(
                    "provided sha does not match query", code="BAD_REQUEST", status=400
                )
        query = parameters.get("query")
        if (
            self.anonymous_trusted_only
            and viewer.role is Role.ANONYMOUS
            and isinstance(query, str)
            and document_hash(query) not in self.by_hash
        ):
            raise DocumentRefused(
                "Anonymous callers may run only the hub's registered documents here: send a "
                "bearer token (`uccn token create`) to run other queries.",
                code=REQUIRED_CODE,
                status=403,
            )
        return parameters


def _hash_of(persisted: object) -> str:
    if (
        not isinstance(persisted, dict)
        or persisted.get("version") != APQ_VERSION
        or not isinstance(persisted.get("sha256Hash"), str)
        or not _SHA256.match(persisted["sha256Hash"])
    ):
        raise DocumentRefused(
            "extensions.persistedQuery must be {version: 1, sha256Hash: 64 lowercase hex digits}",
            code="BAD_REQUEST",
            status=400,
        )
    return str(persisted["sha256Hash"])
