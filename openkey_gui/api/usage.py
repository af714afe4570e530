"""What the account's keys cost: the site's request log, its sums, and its per-model totals.

The servers answer "what did this key cost?" in three places, each with its own price in requests:

- ``GET /api/log/self/stat`` — the quota summed under filters (``type=2`` consume, ``token_name``,
  ``start_timestamp`` / ``end_timestamp``): one request per question, the cheapest exact answer.
- ``GET /api/log/self`` — the entries themselves. One API: 0-based ``p``, ten per page, a plain list;
  New API: 1-based ``p`` and ``page_size`` up to 100, ``{page, page_size, total, items}``. New API's
  ``id`` is the entry's position in the answer, not a database id.
- One API ``GET /api/user/dashboard`` (seven days per day and model) and New API ``GET /api/data/self``
  (hourly buckets per model; filled in every five minutes on the real server).

This module reads them; deciding which to ask (the request budget) is the caller's business.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from openkey_gui.api.models import Flavor
from openkey_gui.api.parse import as_bool, as_int, as_str, as_time
from openkey_gui.api.transport import Transport

CONSUME = 2
ONE_API_LOG_PAGE = 10  # One API's ItemsPerPage: its log pages are always ten entries
NEW_API_LOG_PAGE = 100  # the largest page New API serves
DASHBOARD_DAYS = 7  # One API's dashboard: the last seven days by day


@dataclass(frozen=True, slots=True)
class UsageEntry:
    """One request from the site's log (a consume entry)."""

    created_at: datetime | None
    token_name: str
    token_id: int | None  # New API names the token by id too; One API by name only
    model: str
    prompt_tokens: int
    completion_tokens: int
    quota: int
    elapsed_ms: int | None  # One API logs milliseconds, New API whole seconds
    stream: bool
    request_id: str


@dataclass(frozen=True)
class UsagePage:
    """One page of the log; ``total`` is known on New API only (One API pages until one is short)."""

    entries: tuple[UsageEntry, ...]
    page: int
    total: int | None

    @property
    def last(self) -> bool:
        return not self.entries


@dataclass(frozen=True, slots=True)
class ModelUsage:
    """Requests, tokens and quota of one model in one period (a day on One API, an hour on New API);
    the prompt / completion split only where the site gives it (One API)."""

    period_start: datetime | None
    model: str
    requests: int
    tokens: int
    quota: int
    prompt_tokens: int | None = None
    completion_tokens: int | None = None


def parse_usage_entry(raw: Any) -> UsageEntry | None:
    """Either server's entry; None for what is not an entry at all."""
    if not isinstance(raw, dict):
        return None
    elapsed: int | None
    if "elapsed_time" in raw:  # One API: milliseconds
        elapsed = as_int(raw.get("elapsed_time"), -1)
    else:  # New API: seconds
        elapsed = as_int(raw.get("use_time"), -1) * 1000 if "use_time" in raw else -1
    return UsageEntry(
        created_at=as_time(raw.get("created_at")),
        token_name=as_str(raw.get("token_name")),
        token_id=as_int(raw.get("token_id"), -1) if "token_id" in raw else None,
        model=as_str(raw.get("model_name")),
        prompt_tokens=max(as_int(raw.get("prompt_tokens")), 0),
        completion_tokens=max(as_int(raw.get("completion_tokens")), 0),
        quota=as_int(raw.get("quota")),
        elapsed_ms=elapsed if elapsed is not None and elapsed >= 0 else None,
        stream=as_bool(raw.get("is_stream")),
        request_id=as_str(raw.get("request_id")),
    )


def parse_usage_page(data: Any, page: int) -> UsagePage:
    """``data`` of ``/api/log/self`` in either shape."""
    if isinstance(data, dict):
        items, total = data.get("items"), as_int(data.get("total"), -1)
    else:
        items, total = data, -1
    entries = tuple(e for e in (parse_usage_entry(item) for item in (items or [])) if e is not None) \
        if isinstance(items, list) else ()
    return UsagePage(entries=entries, page=page, total=total if total >= 0 else None)


def parse_model_usage(data: Any) -> list[ModelUsage]:
    """One API's dashboard rows (``Day``, ``ModelName``…) or New API's hourly buckets, alike."""
    if not isinstance(data, list):
        return []
    found = []
    for raw in data:
        if not isinstance(raw, dict):
            continue
        if "ModelName" in raw:
            day = as_str(raw.get("Day"))
            try:
                start: datetime | None = datetime.strptime(day, "%Y-%m-%d").replace(tzinfo=timezone.utc)
            except ValueError:
                start = None
            prompt, completion = as_int(raw.get("PromptTokens")), as_int(raw.get("CompletionTokens"))
            found.append(ModelUsage(start, as_str(raw.get("ModelName")), as_int(raw.get("RequestCount")),
                                    prompt + completion, as_int(raw.get("Quota")), prompt, completion))
        else:
            found.append(ModelUsage(as_time(raw.get("created_at")), as_str(raw.get("model_name")),
                                    as_int(raw.get("count")), as_int(raw.get("token_used")), as_int(raw.get("quota"))))
    return found


def _window(token_name: str | None, start: datetime | None, end: datetime | None) -> dict[str, Any]:
    params: dict[str, Any] = {"type": CONSUME}
    if token_name:
        params["token_name"] = token_name
    if start is not None:
        params["start_timestamp"] = int(start.timestamp())
    if end is not None:
        params["end_timestamp"] = int(end.timestamp())
    return params


class UsageReader:
    """The usage routes of the signed-in account, one method per route."""

    def __init__(self, http: Transport, flavor: Callable[[], Flavor]) -> None:
        self._http = http
        self._flavor = flavor

    def page_size(self) -> int:
        """Entries in a full page of :meth:`page`."""
        return ONE_API_LOG_PAGE if self._flavor() is Flavor.ONE_API else NEW_API_LOG_PAGE

    def dashboard_days(self) -> int | None:
        """Days :meth:`by_model` covers whatever is asked (One API's dashboard: seven), or None when it
        answers for the window asked."""
        return DASHBOARD_DAYS if self._flavor() is Flavor.ONE_API else None

    def spent(self, *, token_name: str | None = None, start: datetime | None = None,
              end: datetime | None = None) -> int:
        """Quota spent (consume entries) in the window, by one token or the whole account: one request."""
        data = self._http.call("GET", "/api/log/self/stat", params=_window(token_name, start, end)).get("data")
        return as_int(data.get("quota")) if isinstance(data, dict) else 0

    def page(self, page: int = 0, *, token_name: str | None = None, start: datetime | None = None,
             end: datetime | None = None) -> UsagePage:
        """One page of the newest requests; ``page`` counts from 0 on both servers."""
        params = _window(token_name, start, end)
        if self._flavor() is Flavor.ONE_API:
            params["p"] = page
        else:
            params.update(p=page + 1, page_size=NEW_API_LOG_PAGE)
        return parse_usage_page(self._http.call("GET", "/api/log/self", params=params).get("data"), page)

    def by_model(self, *, start: datetime, end: datetime) -> list[ModelUsage]:
        """Per-model totals: One API's last seven days by day (it takes no window), New API's by hour."""
        if self._flavor() is Flavor.ONE_API:
            data = self._http.call("GET", "/api/user/dashboard").get("data")
        else:
            params = {"start_timestamp": int(start.timestamp()), "end_timestamp": int(end.timestamp())}
            data = self._http.call("GET", "/api/data/self", params=params).get("data")
        return parse_model_usage(data)
