"""Drafts to wire bodies: what each flavour's create and full-update endpoints expect (contract §2.1)."""

from __future__ import annotations

import ipaddress
import math
from datetime import datetime
from typing import Any

from openkey_gui.api.models import Flavor, TokenDraft

# Which wire fields carry each TokenDraft field, per flavour.
WIRE_FIELDS: dict[Flavor, dict[str, tuple[str, ...]]] = {
    Flavor.ONE_API: {
        "name": ("name",),
        "expires_at": ("expired_time",),
        "remain_quota": ("remain_quota",),
        "unlimited": ("unlimited_quota", "remain_quota"),
        "models": ("models",),
        "allow_ips": ("subnet",),
        "group": (),
    },
    Flavor.NEW_API: {
        "name": ("name",),
        "expires_at": ("expired_time",),
        "remain_quota": ("remain_quota",),
        "unlimited": ("unlimited_quota", "remain_quota"),
        "models": ("model_limits_enabled", "model_limits"),
        "allow_ips": ("allow_ips",),
        "group": ("group",),
    },
}

# Server-owned fields never echoed back in a full update.
_NOT_SENT_BACK = frozenset({"key", "DeletedAt", "status"})


def token_body(draft: TokenDraft, flavor: Flavor) -> dict[str, Any]:
    """The create body for ``draft`` in ``flavor``'s field names."""
    body: dict[str, Any] = {
        "name": draft.name,
        "expired_time": unix_or_never(draft.expires_at),
        "remain_quota": 0 if draft.unlimited else int(draft.remain_quota),
        "unlimited_quota": bool(draft.unlimited),
    }
    if flavor is Flavor.ONE_API:
        body["models"] = ",".join(draft.models)
        body["subnet"] = ",".join(as_cidr(entry) for entry in draft.allow_ips)
    else:
        body["model_limits_enabled"] = bool(draft.models)
        body["model_limits"] = ",".join(draft.models)
        body["allow_ips"] = "\n".join(draft.allow_ips)
        body["group"] = draft.group
    return body


def update_body(raw: dict[str, Any], draft: TokenDraft, changed: set[str] | frozenset[str], flavor: Flavor,
                token_id: int) -> dict[str, Any]:
    """A full update: the server's own row with only the ``changed`` draft fields replaced.

    Servers overwrite every field of a full update (missing ones become zero or null), so everything
    the user did not change goes back exactly as the server sent it.
    """
    wire = token_body(draft, flavor)
    body = {k: v for k, v in raw.items() if k not in _NOT_SENT_BACK}
    for field_name in changed:
        for wire_name in WIRE_FIELDS[flavor][field_name]:
            body[wire_name] = wire[wire_name]
    body["id"] = token_id
    return body


def unix_or_never(moment: datetime | None) -> int:
    """Servers take whole unix seconds, -1 for never; rounding up keeps a chosen minute from expiring early."""
    if moment is None:
        return -1
    return math.ceil(moment.timestamp())


def as_cidr(entry: str) -> str:
    """One API takes only CIDR ranges ("无效的网段" otherwise); a bare address means just that address."""
    return str(ipaddress.ip_network(entry.strip(), strict=False))
