"""Relay's Node interface: opaque global ids (`base64("City:chiang-mai")`) and their decoding."""

from __future__ import annotations

import base64
import binascii

import strawberry

from graph.model import EXPORTED_LABELS


def to_global_id(label: str, key: str) -> strawberry.ID:
    return strawberry.ID(base64.urlsafe_b64encode(f"{label}:{key}".encode()).decode())


def from_global_id(global_id: str) -> tuple[str, str] | None:
    """(label, key) or None when the id is not one of ours."""
    try:
        text = base64.urlsafe_b64decode(global_id.encode()).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    label, sep, key = text.partition(":")
    if not sep or not key or label not in EXPORTED_LABELS:
        return None
    return label, key


@strawberry.interface(description="An object with an opaque global id, fetchable by node(id:).")
class Node:
    key: strawberry.Private[str]
    label: strawberry.Private[str]

    @strawberry.field(description="Opaque global id.")
    def id(self) -> strawberry.ID:
        return to_global_id(self.label, self.key)
