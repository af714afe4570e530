"""Realistic, deterministic token rows for the demo account.

The mix is chosen to exercise what a client gets wrong on real sites: tokens stored as "enabled"
that are already expired or spent (the servers flip status only on the next use), keys about to
expire, Chinese names near the byte limit, allow-lists, unlimited tokens. The same ``seed`` always
gives the same rows, so a screenshot or a failing test can be reproduced.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from typing import Any

from openkey_gui.demo.flavors import ONE_API, flavor_rules, generate_new_api_key, generate_one_api_key

DAY = 86_400
HISTORY_DAYS = 400
ONE_API_NAME_LIMIT = 30

NAMES = (
    "production", "staging-bot", "cursor", "翻译助手", "客服机器人", "laptop", "ci-runner",
    "dev", "测试", "家用电脑", "obsidian", "lobe-chat", "nextchat", "cherry-studio", "backup",
    "n8n-workflow", "zapier", "raycast", "vscode-continue", "周报生成器", "open-webui", "research",
    "batch-jobs", "mobile-app", "沉浸式翻译", "dify", "langchain-dev", "coze-bot", "wechat-bot",
    "discord-bot", "slack-bot", "data-pipeline", "eval-harness", "sandbox", "prototype",
    "team-shared", "alice", "bob-macbook", "阅读助手", "代码审查", "ios-shortcut",
    "home-assistant", "grafana-alerts", "summarizer", "embedding-indexer", "rag-service",
    "customer-support", "毕业论文", "marketing-copy", "claude-code",
)  # fmt: skip
SUBNETS = ("10.0.0.0/8", "192.168.1.0/24", "203.0.113.7/32", "172.16.0.0/12,192.168.0.0/16", "198.51.100.0/24")
ALLOW_IPS = ("203.0.113.7", "10.0.0.0/8\n192.168.1.20", "198.51.100.4\n198.51.100.5", "172.16.0.0/12")
GROUPS = ("", "", "", "default", "default", "vip")

# Rows that must exist in every demo of ten tokens or more, so each UI state can be seen.
SPECIAL_KINDS = (
    "expires_within_24h",
    "expires_within_3d",
    "lazy_expired",  # stored 1, expiry passed
    "lazy_exhausted",  # stored 1, remain 0, limited
    "disabled",
    "expired",
    "exhausted",
)
# Two more, chosen after the rows are made (from a second generator, so the rows above stay as they were):
# a healthy key limited to one model and one limited to an address this machine is not, so that a key
# test meets each refusal the relays give (demo.relay).
LIMITED_MODEL_INDEX = 0
ONLY_ELSEWHERE_IP = "203.0.113.7"


def seed_tokens(
    flavor: str,
    count: int,
    *,
    seed: int = 0,
    user_id: int = 1,
    now: int,
    quota_per_unit: int = 500_000,
    models: Sequence[str] = (),
) -> list[dict[str, Any]]:
    """``count`` rows in the wire shape of ``flavor``, ids 1..count, older ids created earlier."""
    fields = flavor_rules(flavor).token_fields
    rng = random.Random(seed)
    created = sorted(now - rng.randint(60, HISTORY_DAYS * DAY) for _ in range(count))
    special = _special_slots(rng, count)
    rows = []
    for index, created_time in enumerate(created):
        row = _common_row(rng, created_time, now, quota_per_unit, special.get(index))
        row["id"] = index + 1
        row["user_id"] = user_id
        if flavor == ONE_API:
            row["key"] = generate_one_api_key(rng)
            _add_one_api_fields(rng, row, models)
        else:
            row["key"] = generate_new_api_key(rng)
            _add_new_api_fields(rng, row, models)
        rows.append({name: row[name] for name in fields})  # the servers' field order
    if count >= len(SPECIAL_KINDS) + 3:
        _add_limited_keys(random.Random(seed + 1), rows, flavor, now, models)
    return rows


def _add_limited_keys(rng: random.Random, rows: list[dict[str, Any]], flavor: str, now: int,
                      models: Sequence[str]) -> None:
    """Limit one healthy unlimited-model key to a single model and another to a foreign address."""
    healthy = [row for row in rows if row["status"] == 1 and row["expired_time"] == -1
               and (row["unlimited_quota"] or row["remain_quota"] > 0) and not _has_limits(row, flavor)]
    if len(healthy) < 2:
        return
    model_row, ip_row = rng.sample(healthy, 2)
    if models:
        model = models[LIMITED_MODEL_INDEX]
        if flavor == ONE_API:
            model_row["models"] = model
        else:
            model_row["model_limits_enabled"], model_row["model_limits"] = True, model
    if flavor == ONE_API:
        ip_row["subnet"] = ONLY_ELSEWHERE_IP + "/32"
    else:
        ip_row["allow_ips"] = ONLY_ELSEWHERE_IP


def _has_limits(row: dict[str, Any], flavor: str) -> bool:
    if flavor == ONE_API:
        return bool(row.get("models") or row.get("subnet"))
    return bool(row.get("model_limits_enabled") or row.get("allow_ips"))


def _special_slots(rng: random.Random, count: int) -> dict[int, str]:
    if count < 10:
        return {}
    slots = rng.sample(range(count), len(SPECIAL_KINDS))
    return dict(zip(slots, SPECIAL_KINDS, strict=True))


def _common_row(rng: random.Random, created: int, now: int, quota_per_unit: int, kind: str | None) -> dict[str, Any]:
    unlimited = kind not in ("lazy_exhausted", "exhausted") and rng.random() < 0.2
    exhausted = kind in ("lazy_exhausted", "exhausted") or (not unlimited and rng.random() < 0.08)
    granted = _dollars(rng, quota_per_unit)
    if unlimited:
        remain = 0
        used = _dollars(rng, quota_per_unit) if rng.random() < 0.9 else 0
    elif exhausted:
        remain, used = 0, granted
    else:
        used = _round_cents(granted * rng.random() ** 2, quota_per_unit) if rng.random() < 0.85 else 0
        remain = granted - used
    expired_time = _expiry(rng, created, now, kind)
    return {
        "name": _name(rng),
        "status": _status(rng, kind, expired_time, now, remain, unlimited),
        "created_time": created,
        "accessed_time": _accessed(rng, created, now, used),
        "expired_time": expired_time,
        "remain_quota": remain,
        "unlimited_quota": unlimited,
        "used_quota": used,
    }


def _dollars(rng: random.Random, quota_per_unit: int) -> int:
    """$0.50 to $500, log-uniform: most tokens are small, a few are large."""
    dollars = math.exp(rng.uniform(math.log(0.5), math.log(500)))
    return _round_cents(dollars * quota_per_unit, quota_per_unit)


def _round_cents(quota: float, quota_per_unit: int) -> int:
    cent = max(quota_per_unit // 100, 1)
    return max(round(quota / cent) * cent, cent)


def _name(rng: random.Random) -> str:
    base = rng.choice(NAMES)
    roll = rng.random()
    if roll < 0.45:
        name = base
    elif roll < 0.75:
        name = f"{base}-{rng.randint(2, 9)}"
    else:
        name = f"{base}-{rng.randint(1, 99):02d}"
    while len(name.encode("utf-8")) > ONE_API_NAME_LIMIT:
        name = name[:-1]
    return name


def _expiry(rng: random.Random, created: int, now: int, kind: str | None) -> int:
    if kind == "expires_within_24h":
        return now + rng.randint(3_600, 20 * 3_600)
    if kind == "expires_within_3d":
        return now + rng.randint(30 * 3_600, 70 * 3_600)
    if kind in ("lazy_expired", "expired"):
        return _past_expiry(rng, created, now)
    roll = rng.random()
    if roll < 0.7 or kind is not None:
        return -1
    if roll < 0.85:
        return now + rng.randint(DAY, 180 * DAY)
    return _past_expiry(rng, created, now)


def _past_expiry(rng: random.Random, created: int, now: int) -> int:
    return rng.randint(min(created + 1, now - 1), now - 1)


def _status(rng: random.Random, kind: str | None, expired_time: int, now: int, remain: int, unlimited: bool) -> int:
    """Stored status: 3 / 4 only sometimes, because servers set them lazily on the next relay call."""
    forced = {"disabled": 2, "expired": 3, "exhausted": 4, "lazy_expired": 1, "lazy_exhausted": 1}
    if kind in forced:
        return forced[kind]
    if kind is not None:
        return 1
    if expired_time != -1 and expired_time <= now and rng.random() < 0.6:
        return 3
    if not unlimited and remain <= 0 and rng.random() < 0.6:
        return 4
    return 2 if rng.random() < 0.08 else 1


def _accessed(rng: random.Random, created: int, now: int, used: int) -> int:
    if used == 0:
        return created
    # Skewed towards recent use: most live keys were used in the last days.
    return created + int((now - created) * (1 - rng.random() ** 3))


def _add_one_api_fields(rng: random.Random, row: dict[str, Any], models: Sequence[str]) -> None:
    roll = rng.random()
    if roll < 0.15 and models:
        row["models"] = ",".join(rng.sample(list(models), rng.randint(1, min(3, len(models)))))
    else:
        row["models"] = None if roll < 0.6 else ""
    roll = rng.random()
    row["subnet"] = rng.choice(SUBNETS) if roll < 0.1 else (None if roll < 0.55 else "")


def _add_new_api_fields(rng: random.Random, row: dict[str, Any], models: Sequence[str]) -> None:
    limited = rng.random() < 0.15 and bool(models)
    row["model_limits_enabled"] = limited
    row["model_limits"] = ",".join(rng.sample(list(models), rng.randint(1, min(3, len(models))))) if limited else ""
    roll = rng.random()
    row["allow_ips"] = rng.choice(ALLOW_IPS) if roll < 0.1 else (None if roll < 0.25 else "")
    row["group"] = rng.choice(GROUPS)
    row["cross_group_retry"] = False
    row["DeletedAt"] = None
