"""The demo's request log: 30 days of consume entries, and the log, stat and dashboard routes over it.

The real servers write one log entry per relay call (type 2, "consume") with the model, prompt and
completion tokens, the quota it cost and how long it took; the usage routes read them back:
``GET /api/log/self`` (One API: 0-based ``p``, pages of 10, a plain list; New API: 1-based ``p`` and
``page_size`` ≤ 100, ``{page, page_size, total, items}``), ``GET /api/log/self/stat`` (the quota under the
same filters; New API adds ``rpm`` / ``tpm``), One API's ``GET /api/user/dashboard`` (seven days per model)
and New API's ``GET /api/data/self`` (hourly buckets per model). Shapes follow the ``usage/`` recordings.

The entries are made on first use, deterministically from the seed, so that start-up stays fast: for
every token used lately, a share of its ``used_quota`` spread over the last 30 days and several models,
each entry's quota an exact part of it. A token's entries never add up to more than its ``used_quota``.
"""

from __future__ import annotations

import bisect
import json
import random
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from openkey_gui.demo.flavors import NEW_API_V1, OA_PAGE_SIZE, ONE_API
from openkey_gui.demo.new_api import NewApi
from openkey_gui.demo.wire import Reply, Request, ok, query_int

if TYPE_CHECKING:
    from openkey_gui.demo.routes import DemoApi

DAY = 86_400
HISTORY_DAYS = 30
CONSUME = 2
MAX_ENTRIES_PER_TOKEN = 80
# Model ratio and completion ratio (as the recorded New API reports them in ``other``).
RATIOS = {"gpt-4o": (1.25, 4.0), "gpt-4o-mini": (0.075, 4.0), "deepseek-chat": (0.135, 1.0),
          "claude-3-7-sonnet-20250219": (1.5, 5.0), "text-embedding-3-small": (0.01, 1.0)}


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One consume entry, flavour-neutral; the routes print it in their server's shape."""

    created_at: int
    token_id: int
    token_name: str
    model: str
    prompt_tokens: int
    completion_tokens: int
    quota: int
    elapsed_ms: int
    stream: bool
    request_id: str


class UsageLog:
    """Every consume entry of the demo user, oldest first, made from the token rows on first use."""

    def __init__(self, rows: Callable[[], list[dict[str, Any]]], *, seed: int, models: Iterable[str],
                 now: Callable[[], float] = time.time) -> None:
        self._rows = rows
        self._seed = seed
        self._models = tuple(m for m in models if m in RATIOS) or tuple(RATIOS)
        self._now = now
        self._entries: list[LogEntry] | None = None
        self._times: list[int] = []
        self._lock = threading.Lock()

    def entries(self) -> list[LogEntry]:
        with self._lock:
            if self._entries is None:
                self._entries = sorted(self._generate(), key=lambda e: (e.created_at, e.request_id))
                self._times = [e.created_at for e in self._entries]
            return self._entries

    def record(self, entry: LogEntry) -> None:
        """A relay call the demo served just now (the chat route's one-token answers)."""
        self.entries()
        with self._lock:
            assert self._entries is not None
            self._entries.append(entry)
            self._times.append(entry.created_at)

    def select(self, *, start: int = 0, end: int = 0, token_name: str = "", model: str = "",
               kind: int = 0) -> list[LogEntry]:
        """Newest first, as both servers order them; ``kind`` other than 0 / 2 matches nothing here."""
        entries = self.entries()
        if kind not in (0, CONSUME):
            return []
        low = bisect.bisect_left(self._times, start) if start else 0
        high = bisect.bisect_right(self._times, end) if end else len(entries)
        picked = [e for e in entries[low:high]
                  if (not token_name or e.token_name == token_name) and (not model or e.model == model)]
        picked.reverse()
        return picked

    # -- making the history --------------------------------------------------------------------------

    def _generate(self) -> list[LogEntry]:
        rng = random.Random(self._seed * 7919 + 17)
        now = int(self._now())
        made: list[LogEntry] = []
        for row in sorted(self._rows(), key=lambda r: r["id"]):
            used, accessed = int(row.get("used_quota") or 0), int(row.get("accessed_time") or 0)
            if used <= 0 or accessed < now - HISTORY_DAYS * DAY:
                continue
            spent = max(1, round(used * rng.uniform(0.002, 0.05)))  # the last 30 days of a long-used key
            made.extend(self._spread(rng, row, spent, now))
        return made

    def _spread(self, rng: random.Random, row: dict[str, Any], spent: int, now: int) -> list[LogEntry]:
        """Requests priced as the servers price them, ``(prompt + completion × ratio) × model ratio``, until
        ``spent`` is used up or the token has its most entries; never more than ``spent`` in all."""
        limited = [m for m in str(row.get("models") or row.get("model_limits") or "").split(",") if m in RATIOS]
        models = limited or list(rng.sample(self._models, k=min(3, len(self._models))))
        first = max(int(row.get("created_time") or 0), now - HISTORY_DAYS * DAY)
        entries: list[LogEntry] = []
        left = spent
        while left > 0 and len(entries) < MAX_ENTRIES_PER_TOKEN:
            model = rng.choice(models)
            model_ratio, completion_ratio = RATIOS[model]
            prompt, completion = rng.randint(20, 6_000), rng.randint(1, 2_500)
            quota = max(1, round((prompt + completion * completion_ratio) * model_ratio))
            if quota > left:  # the last request of the history: a smaller one
                quota = left
                weighted = quota / model_ratio
                prompt = max(1, int(weighted / 2))
                completion = max(1, int((weighted - prompt) / completion_ratio))
            left -= quota
            created = rng.randint(first, now - 60) if now - 60 > first else now - 60
            entries.append(LogEntry(
                created_at=created, token_id=int(row["id"]), token_name=str(row["name"]), model=model,
                prompt_tokens=prompt, completion_tokens=completion, quota=quota,
                elapsed_ms=rng.randint(300, 30_000), stream=rng.random() < 0.6,
                request_id=f"demo{row['id']:06d}{len(entries):04d}{created}",
            ))
        return entries


# --- the routes ------------------------------------------------------------------------------------


def _filters(request: Request) -> dict[str, Any]:
    return {
        "start": query_int(request.arg("start_timestamp")),
        "end": query_int(request.arg("end_timestamp")),
        "token_name": request.arg("token_name"),
        "model": request.arg("model_name"),
        "kind": query_int(request.arg("type")),
    }


def one_api_entry(entry: LogEntry, username: str, user_id: int) -> dict[str, Any]:
    ratio, completion_ratio = RATIOS.get(entry.model, (1.0, 1.0))
    return {
        "id": 0, "user_id": user_id, "created_at": entry.created_at, "type": CONSUME,
        "content": f"倍率：{ratio * 2:.2f} × 1.00 × {completion_ratio:.2f}", "username": username,
        "token_name": entry.token_name, "model_name": entry.model, "quota": entry.quota,
        "prompt_tokens": entry.prompt_tokens, "completion_tokens": entry.completion_tokens, "channel": 1,
        "request_id": entry.request_id, "elapsed_time": entry.elapsed_ms, "is_stream": entry.stream,
        "system_prompt_reset": False,
    }  # fmt: skip


def new_api_entry(entry: LogEntry, position: int, username: str, user_id: int) -> dict[str, Any]:
    ratio, completion_ratio = RATIOS.get(entry.model, (1.0, 1.0))
    other = {
        "billing_source": "wallet", "cache_ratio": 0.5, "cache_tokens": 0, "completion_ratio": completion_ratio,
        "frt": entry.elapsed_ms // 3 if entry.stream else -1000, "group_ratio": 1, "model_price": -1,
        "model_ratio": ratio, "request_conversion": ["OpenAI Compatible"], "request_path": "/v1/chat/completions",
        "user_group_ratio": -1,
    }  # fmt: skip
    return {
        "id": position, "user_id": user_id, "created_at": entry.created_at, "type": CONSUME, "content": "",
        "username": username, "token_name": entry.token_name, "model_name": entry.model, "quota": entry.quota,
        "prompt_tokens": entry.prompt_tokens, "completion_tokens": entry.completion_tokens,
        "use_time": entry.elapsed_ms // 1000, "is_stream": entry.stream, "channel": 1, "channel_name": "",
        "token_id": entry.token_id, "group": "default", "ip": "", "request_id": entry.request_id,
        "other": json.dumps(other, separators=(",", ":")),
    }  # fmt: skip


def get_logs(api: DemoApi, request: Request) -> Reply:
    user = api.state.user
    picked = api.usage.select(**_filters(request))
    if api.flavor.name == ONE_API:
        page = max(query_int(request.arg("p")), 0)
        chunk = picked[page * OA_PAGE_SIZE : (page + 1) * OA_PAGE_SIZE]
        return ok([one_api_entry(e, user["username"], user["id"]) for e in chunk])
    page, size = NewApi.page_query(request)
    start = (page - 1) * size
    items = [new_api_entry(e, start + i + 1, user["username"], user["id"])
             for i, e in enumerate(picked[start : start + size])]
    return ok({"page": page, "page_size": size, "total": len(picked), "items": items})


def get_log_stat(api: DemoApi, request: Request) -> Reply:
    picked = api.usage.select(**_filters(request))
    quota = sum(e.quota for e in picked)
    if api.flavor.name == ONE_API:
        return ok({"quota": quota})
    recent = [e for e in picked if e.created_at >= int(time.time()) - 60]
    return ok({"quota": quota, "rpm": len(recent), "tpm": sum(e.prompt_tokens + e.completion_tokens for e in recent)})


def get_dashboard(api: DemoApi, request: Request) -> Reply:
    """One API: the last seven days per day and model (``u65_user_dashboard``)."""
    since = int(time.time()) - 6 * DAY
    since -= since % DAY
    buckets: dict[tuple[str, str], list[int]] = {}
    for entry in api.usage.select(start=since):
        day = datetime.fromtimestamp(entry.created_at, tz=timezone.utc).strftime("%Y-%m-%d")
        bucket = buckets.setdefault((day, entry.model), [0, 0, 0, 0])
        bucket[0] += 1
        bucket[1] += entry.quota
        bucket[2] += entry.prompt_tokens
        bucket[3] += entry.completion_tokens
    return ok([{"Day": day, "ModelName": model, "RequestCount": b[0], "Quota": b[1], "PromptTokens": b[2],
                "CompletionTokens": b[3]} for (day, model), b in sorted(buckets.items())])


def get_data_self(api: DemoApi, request: Request) -> Reply:
    """New API: per-model hourly buckets in the window (``u87`` / ``u94``; v1.0 adds four fields)."""
    filters = _filters(request)
    user = api.state.user
    buckets: dict[tuple[int, str], list[int]] = {}
    for entry in api.usage.select(start=filters["start"], end=filters["end"]):
        hour = entry.created_at - entry.created_at % 3600
        bucket = buckets.setdefault((hour, entry.model), [0, 0, 0])
        bucket[0] += entry.prompt_tokens + entry.completion_tokens
        bucket[1] += 1
        bucket[2] += entry.quota
    data = []
    for number, ((hour, model), (used, count, quota)) in enumerate(sorted(buckets.items()), start=1):
        item: dict[str, Any] = {"id": number, "user_id": user["id"], "username": user["username"],
                                "model_name": model, "created_at": hour}
        if api.flavor.name == NEW_API_V1:
            item.update(id=0, use_group="", token_id=0, channel_id=0, node_name="")
        item.update(token_used=used, count=count, quota=quota)
        data.append(item)
    return ok(data)
