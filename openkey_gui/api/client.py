"""``OpenKeyClient``: the token-page operations of a One API / New API site, as plain Python calls.

It knows nothing of Qt or the keyring so that a script can use it as well as the app. One instance is
one site and one signed-in user. Calls may come from several worker threads; the underlying
``requests.Session`` is shared (its cookie jar and connection pool are thread-safe) and the only mutable
client state, the cache of revealed keys, is guarded by a lock.
"""

from __future__ import annotations

import ipaddress
import logging
import math
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from openkey_gui.api.errors import (
    ApiError,
    AuthError,
    CaptchaRequired,
    NetworkError,
    RateLimitError,
    ServerError,
    TwoFactorRequired,
    ValidationError,
)
from openkey_gui.api.models import Account, Flavor, SiteStatus, Token, TokenDraft, with_prefix
from openkey_gui.api.parse import (
    as_int,
    as_str,
    parse_account,
    parse_model_names,
    parse_status,
    parse_token,
    parse_token_page,
    require_object,
)
from openkey_gui.api.transport import ConnectFailed, Transport
from openkey_gui.api.urls import normalize_site_url
from openkey_gui.api.validation import check_draft

NEW_API_PAGE_SIZE = 100  # the largest page New API serves (contract §2.3)
REVEAL_BATCH_SIZE = 100  # the most ids /api/token/batch/keys takes (contract §2.6)
_MAX_PAGES = 5_000  # a server that ignores paging must not keep us looping forever

log = logging.getLogger(__name__)


class OpenKeyClient:
    """Signs in to one site and manages the signed-in user's tokens."""

    def __init__(self, base_url: str, timeout: float = 15.0) -> None:
        self.base_url = normalize_site_url(base_url)
        self._http = Transport(self.base_url, timeout)
        self._status: SiteStatus | None = None
        self._user_id: int | None = None
        self._keys: dict[int, str] = {}
        self._keys_lock = threading.Lock()

    # -- site -------------------------------------------------------------------------------------

    @property
    def request_count(self) -> int:
        """HTTP requests sent so far (each retry of a GET is not counted separately)."""
        return self._http.request_count

    @property
    def flavor(self) -> Flavor:
        return self.status().flavor

    @property
    def user_id(self) -> int | None:
        return self._user_id

    def status(self, *, refresh: bool = False) -> SiteStatus:
        """The site's public settings; cached, since paging and validation depend on its flavour."""
        if self._status is None or refresh:
            envelope = self._http.call("GET", "/api/status")
            self._status = parse_status(envelope.get("data"))
        return self._status

    # -- sign-in ----------------------------------------------------------------------------------

    def login(self, username: str, password: str, totp: str | None = None) -> Account:
        """Password sign-in; raises ``TwoFactorRequired`` when a code is needed and none was given."""
        if not username.strip() or not password:
            raise ValidationError("Enter your user name (or e-mail) and password.", field="username")
        self._http.reset_auth()
        self._user_id = None
        site = self.status(refresh=True)
        if site.flavor is Flavor.NEW_API and site.turnstile_check:
            raise _captcha_error(self._http.host)
        data = self._sign_in_step("/api/user/login", {"username": username.strip(), "password": password})
        if isinstance(data, dict) and data.get("require_2fa"):
            if not totp:
                raise TwoFactorRequired(
                    "This account uses two-step verification. Enter the 6-digit code from your "
                    "authenticator app, or a backup code."
                )
            body: dict[str, Any] = {"code": totp.strip()}
            if data.get("flow_token"):
                body["flow_token"] = data["flow_token"]
            data = self._sign_in_step("/api/user/login/2fa", body)
        self._adopt_login_data(data)
        return self.account()

    def use_access_token(self, token: str, user_id: int | None = None) -> Account:
        """Sign in with the site's "system access token" (no password, works with captchas and OAuth)."""
        value = token.strip()
        if value.lower().startswith("bearer "):
            value = value[7:].strip()
        if not value:
            raise ValidationError("Paste the system access token from the site.", field="access_token")
        if value.startswith("sk-"):
            raise ValidationError(
                "That is an API key (sk-…), not the system access token. The access token is on the "
                "site's personal settings page, under “system access token”.",
                field="access_token",
            )
        self._http.reset_auth()
        self._user_id = None
        self._http.set_header("Authorization", f"Bearer {value}")
        if user_id is not None:
            self._set_user_id(user_id)
        try:
            return self.account()
        except AuthError as exc:
            if user_id is None and "New-Api-User" in (exc.server_message or ""):
                raise AuthError(
                    "This site also needs your numeric user ID with the access token. It is shown on "
                    "the site's personal settings page.",
                    status_code=exc.status_code,
                    server_message=exc.server_message,
                ) from None
            raise

    def account(self) -> Account:
        envelope = self._http.call("GET", "/api/user/self")
        account = parse_account(envelope.get("data"))
        if self._user_id is None:
            self._set_user_id(account.id)
        return account

    def logout(self) -> None:
        """End the server session (best effort) and forget every credential and key in memory."""
        try:
            self._http.call("GET", "/api/user/logout")
        except ApiError:
            pass  # the local sign-out must happen even if the site is unreachable
        finally:
            self._http.reset_auth()
            self._user_id = None
            with self._keys_lock:
                self._keys.clear()

    def close(self) -> None:
        self._http.close()

    # -- tokens -----------------------------------------------------------------------------------

    def list_tokens(self) -> list[Token]:
        """Every token of the account, newest first, with keys revealed earlier filled in."""
        tokens = self._list_one_api() if self.flavor is Flavor.ONE_API else self._list_new_api()
        unique = {token.id: token for token in tokens}
        return [self._with_cached_key(t) for t in sorted(unique.values(), key=lambda t: t.id, reverse=True)]

    def get_token(self, token_id: int) -> Token:
        return self._with_cached_key(parse_token(self._get_token_raw(token_id)))

    def create_token(self, draft: TokenDraft) -> Token:
        """Create a token and return it with its full key (New API needs a list and a reveal for that).

        A create is the one call that must never happen twice by accident: a second POST makes a second
        token, and the user pays for two keys they did not ask for. So the ids of the tokens that already
        carry this name are noted first (a cheap query), and when the answer to the POST is lost (timeout,
        broken connection, gateway error) the list is checked for a token of that name that was not there
        before and was created after the request started. Found: it is returned as if the answer had
        arrived. Not found: the error says that nothing was created. Still unknown (the check failed, or
        the server may yet act on a late request): the attempt is remembered, and the next create of the
        same name on this site, by this client or a new one after a re-sign-in, checks again before it
        sends anything.
        """
        site = self.status()
        check_draft(draft, site.flavor, site.quota_per_unit)
        body = self._token_body(draft)
        scope = self._create_scope()
        earlier = _UNSETTLED.get(scope, draft.name)
        if earlier is not None:  # an earlier create of this name ended unknown: it may have landed since
            try:  # (and while that request may still be running on the server, keep looking)
                found = self._poll_created(earlier, earlier.started_mono + self._settle_seconds())
            except ApiError as exc:
                raise _annotated(exc, f"The earlier attempt to create “{draft.name}” is still unconfirmed, "
                                      "so nothing new was sent.") from None
            _UNSETTLED.discard(earlier)
            if found is not None:
                log.info("create: an earlier unconfirmed create turned out to have worked (token %d)", found.id)
                return self._finish_create(found)
        before = self._name_snapshot(draft.name)
        attempt = _CreateAttempt(scope=scope, name=draft.name, started=time.time(),
                                 started_mono=time.monotonic(), before=before)
        try:
            envelope = self._http.call("POST", "/api/token/", json_body=body)
        except ConnectFailed as exc:  # the request never reached the server: nothing to reconcile
            raise _annotated(exc, f"The token “{draft.name}” was not created; it is safe to try again.") from None
        except RateLimitError as exc:  # turned away at the door: the server did not act on it
            raise _annotated(exc, f"The token “{draft.name}” was not created.") from None
        except (NetworkError, ServerError) as exc:
            return self._settle_create(attempt, exc)
        data = envelope.get("data")
        if isinstance(data, dict) and as_int(data.get("id"), -1) >= 0:
            token = parse_token(data)
        else:
            token = self._find_created(draft, before)
        return self._finish_create(token)

    def update_token(self, token_id: int, **changes: Any) -> Token:
        """Change the named ``TokenDraft`` fields; everything else is sent back exactly as the server had it.

        Servers overwrite every field of a full update (missing ones become zero or null), so the
        current token is fetched first and only the named fields are replaced in it.
        """
        raw = self._get_token_raw(token_id)
        current = parse_token(raw)
        draft = current.to_draft().replace(**changes)
        site = self.status()
        check_draft(draft, site.flavor, site.quota_per_unit, require_future_expiry="expires_at" in changes)
        wire = self._token_body(draft)
        body = {k: v for k, v in raw.items() if k not in {"key", "DeletedAt", "status"}}
        for field_name in changes:
            for wire_name in _WIRE_FIELDS[site.flavor][field_name]:
                body[wire_name] = wire[wire_name]
        body["id"] = token_id
        envelope = self._http.call("PUT", "/api/token/", json_body=body)
        data = envelope.get("data")
        if isinstance(data, dict):
            return self._with_cached_key(parse_token(data))
        return self.get_token(token_id)

    def set_token_enabled(self, token_id: int, enabled: bool) -> None:
        self._http.call(
            "PUT",
            "/api/token/",
            params={"status_only": "true"},
            json_body={"id": token_id, "status": 1 if enabled else 2},
        )

    def delete_token(self, token_id: int) -> None:
        self._http.call("DELETE", f"/api/token/{int(token_id)}")
        with self._keys_lock:
            self._keys.pop(token_id, None)

    def reveal_key(self, token_id: int) -> str:
        """The full ``sk-…`` key; New API masks keys in lists and rate-limits reveals, so keys are cached."""
        cached = self._cached_key(token_id)
        if cached:
            return cached
        key = ""
        if self.flavor is Flavor.NEW_API:
            try:
                envelope = self._http.call("POST", f"/api/token/{int(token_id)}/key", raw_404=True)
                data = envelope.get("data")
                key = as_str(data.get("key")) if isinstance(data, dict) else ""
            except ApiError as exc:
                if exc.status_code != 404:
                    raise
        if not key:  # One API, or a New API from before key masking: the token itself has the key
            token = parse_token(self._get_token_raw(token_id))
            if token.key_is_masked:
                raise ServerError("The server did not reveal this token's key.")
            key = token.key
        if not key:
            raise ServerError("The server sent an empty key.")
        full = with_prefix(key)
        self._remember_key(token_id, full)
        return full

    def reveal_keys(self, token_ids: Iterable[int]) -> dict[int, str]:
        """Full keys for many tokens with as few (rate-limited) calls as possible."""
        wanted = list(dict.fromkeys(int(i) for i in token_ids))
        found = {i: k for i in wanted if (k := self._cached_key(i))}
        missing = [i for i in wanted if i not in found]
        if missing and self.flavor is Flavor.NEW_API:
            try:
                for start in range(0, len(missing), REVEAL_BATCH_SIZE):
                    chunk = missing[start : start + REVEAL_BATCH_SIZE]
                    envelope = self._http.call(
                        "POST", "/api/token/batch/keys", json_body={"ids": chunk}, raw_404=True
                    )
                    data = envelope.get("data")
                    keys = data.get("keys") if isinstance(data, dict) else None
                    if isinstance(keys, dict):
                        for raw_id, key in keys.items():
                            token_id = as_int(raw_id, -1)
                            if token_id in chunk and isinstance(key, str) and key:
                                found[token_id] = with_prefix(key)
                                self._remember_key(token_id, found[token_id])
            except ApiError as exc:
                if exc.status_code != 404:
                    raise
        for token_id in [i for i in wanted if i not in found]:
            found[token_id] = self.reveal_key(token_id)
        return found

    def available_models(self) -> list[str]:
        paths = ["/api/user/available_models", "/api/user/models"]
        if self.flavor is Flavor.NEW_API:
            paths.reverse()
        for path in paths:
            try:
                envelope = self._http.call("GET", path, raw_404=True)
            except ApiError as exc:
                if exc.status_code == 404:
                    continue
                raise
            return parse_model_names(envelope.get("data"))
        return []

    # -- internals --------------------------------------------------------------------------------

    def _sign_in_step(self, path: str, body: dict[str, Any]) -> Any:
        try:
            return self._http.call("POST", path, json_body=body).get("data")
        except (AuthError, NetworkError):
            raise
        except ApiError as exc:
            message = exc.server_message or str(exc)
            if "turnstile" in message.lower():
                raise _captcha_error(self._http.host) from None
            raise AuthError(
                f"Sign-in refused: {message}", status_code=exc.status_code, server_message=exc.server_message
            ) from None

    def _adopt_login_data(self, data: Any) -> None:
        """Remember who signed in; New API after 2026-07 answers with a bearer token instead of a cookie."""
        info = require_object(data, "sign-in answer")
        if isinstance(info.get("access_token"), str) and info["access_token"]:
            self._http.set_header("Authorization", f"Bearer {info['access_token']}")
            info = info.get("user") if isinstance(info.get("user"), dict) else info
        user_id = as_int(info.get("id"), -1)
        if user_id >= 0:
            self._set_user_id(user_id)

    def _set_user_id(self, user_id: int) -> None:
        """New API (2024-07 … 2026-07) wants the user id on every call; the others ignore the header."""
        self._user_id = int(user_id)
        self._http.set_header("New-Api-User", str(self._user_id))

    def _list_one_api(self) -> list[Token]:
        """One API's empty-keyword search returns every token in one answer; pages of 10 are the fallback."""
        try:
            envelope = self._http.call("GET", "/api/token/search", params={"keyword": ""})
            data = envelope.get("data")
            if isinstance(data, list):
                return parse_token_page(data)[0]
        except (AuthError, NetworkError):
            raise
        except ApiError:
            pass
        return self._list_plain_pages(first_page=0, params={})

    def _list_new_api(self) -> list[Token]:
        """New API pages of 100; ``p=0`` works for both its 0-based (old) and 1-based (new) paging.

        The first page tells the total, so the others are known up front and fetched a few at a time
        (see ``_fetch_pages``): on a 10,000-token account that is 100 requests, and in sequence each
        would wait a full round trip plus the server's work before the next one starts.
        """
        size = NEW_API_PAGE_SIZE
        params = {"size": size, "page_size": size}
        envelope = self._http.call("GET", "/api/token/", params={"p": 0, **params})
        data = envelope.get("data")
        tokens, total = parse_token_page(data)
        if not isinstance(data, dict):  # plain list: old 0-based paging
            return self._list_plain_pages(first_page=0, params=params, first=tokens)
        pages = min(math.ceil((total or 0) / size), _MAX_PAGES)
        seen = {t.id: t for t in tokens}
        for more in self._fetch_pages(range(2, pages + 1), params):
            if not more:  # the total was stale (tokens deleted meanwhile): the list ends here
                break
            for token in more:  # a token created meanwhile shifts the pages: keep the first copy
                seen.setdefault(token.id, token)
        return list(seen.values())

    def _list_plain_pages(
        self, *, first_page: int, params: dict[str, Any], first: list[Token] | None = None
    ) -> list[Token]:
        """Walk plain-list pages until a short or repeated page; the page size is whatever the first was.

        Without a total the end is only known when it is reached, so pages are fetched in growing
        batches (1, 2, then 4 at a time): a short list costs no extra request, a long one overlaps its
        round trips, and at most three requests past the end are wasted.
        """
        page = first_page
        if first is None:
            first = parse_token_page(self._http.call("GET", "/api/token/", params={"p": page, **params})
                                     .get("data"))[0]
        seen = {t.id: t for t in first}
        page_len = len(first)
        last = first
        batch = 1
        while page_len and len(last) >= page_len and page - first_page < _MAX_PAGES:
            wanted = range(page + 1, min(page + batch, first_page + _MAX_PAGES) + 1)
            batch = min(batch * 2, 4)  # 4: the most requests _fetch_pages has in flight
            for last in self._fetch_pages(wanted, params):
                page += 1
                fresh = [t for t in last if t.id not in seen]
                if not fresh:
                    return list(seen.values())
                seen.update((t.id, t) for t in fresh)
                if len(last) < page_len:
                    break  # a short page is the last one; the loop condition sees it too
        return list(seen.values())

    def _fetch_page(self, page: int, params: dict[str, Any]) -> list[Token]:
        """One page of the token list, parsed on the calling (worker) thread."""
        envelope = self._http.call("GET", "/api/token/", params={"p": page, **params})
        return parse_token_page(envelope.get("data"))[0]

    def _fetch_pages(self, pages: range, params: dict[str, Any], *, workers: int = 4) -> list[list[Token]]:
        """Fetch ``pages`` with at most ``workers`` requests in flight; results in page order.

        Why threads: each page is mostly waiting (round trip, server time), and ``requests.Session`` is
        safe to share for plain GETs (its pool holds up to 8 connections, its cookie jar is locked).
        The result ends at the first empty page, and no page after it is started. The first failure
        (lowest page among those that failed together) propagates; pages not yet started are never
        sent, and answers still in flight are dropped rather than waited for, so an error is reported
        as soon as it is known.
        """
        if len(pages) <= 1 or workers <= 1:
            return [self._fetch_page(page, params) for page in pages]
        # Imported here: only long listings need threads, and start-up should not pay for the import.
        from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait

        results: dict[int, list[Token]] = {}
        end: int | None = None  # the first page that came back empty
        upcoming = iter(pages)
        in_flight: dict[Future[list[Token]], int] = {}
        pool = ThreadPoolExecutor(max_workers=min(workers, len(pages)), thread_name_prefix="openkey-pages")
        try:
            while True:
                while end is None and len(in_flight) < workers:
                    page = next(upcoming, None)
                    if page is None:
                        break
                    in_flight[pool.submit(self._fetch_page, page, params)] = page
                if not in_flight:
                    break
                done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                for future in sorted(done, key=in_flight.__getitem__):
                    page = in_flight.pop(future)
                    results[page] = future.result()  # raises the page's ApiError
                    if not results[page] and (end is None or page < end):
                        end = page
        finally:
            pool.shutdown(wait=False, cancel_futures=True)
        ordered: list[list[Token]] = []
        for page in pages:
            if page not in results or (end is not None and page > end):
                break
            ordered.append(results[page])
        return ordered

    def _find_created(self, draft: TokenDraft, before: frozenset[int] | None = None) -> Token:
        """New API's create answer has no id: the token of that name that was not there before is the new one.

        ``before`` holds the ids that carried the name just before the POST; without it (the snapshot
        failed) the newest token of that name is taken, which is right unless another device made one of
        the same name in the same second.
        """
        def fresh(tokens: Iterable[Token]) -> list[Token]:
            return [t for t in tokens if t.name == draft.name and (before is None or t.id not in before)]

        candidates = fresh(self._recent_with_name(draft.name))
        if not candidates:
            candidates = fresh(self.list_tokens())
        if not candidates:
            raise ServerError(
                "The site said the token was created, but it is not in the list. Refresh to check."
            )
        return max(candidates, key=lambda t: t.id)

    def _get_token_raw(self, token_id: int) -> dict[str, Any]:
        envelope = self._http.call("GET", f"/api/token/{int(token_id)}")
        return require_object(envelope.get("data"), "token")

    def _token_body(self, draft: TokenDraft) -> dict[str, Any]:
        body: dict[str, Any] = {
            "name": draft.name,
            "expired_time": _unix_or_never(draft.expires_at),
            "remain_quota": 0 if draft.unlimited else int(draft.remain_quota),
            "unlimited_quota": bool(draft.unlimited),
        }
        if self.flavor is Flavor.ONE_API:
            body["models"] = ",".join(draft.models)
            body["subnet"] = ",".join(_as_cidr(entry) for entry in draft.allow_ips)
        else:
            body["model_limits_enabled"] = bool(draft.models)
            body["model_limits"] = ",".join(draft.models)
            body["allow_ips"] = "\n".join(draft.allow_ips)
            body["group"] = draft.group
        return body

    def _cached_key(self, token_id: int) -> str | None:
        with self._keys_lock:
            return self._keys.get(token_id)

    def _remember_key(self, token_id: int, key: str) -> None:
        with self._keys_lock:
            self._keys[token_id] = with_prefix(key)

    def _with_cached_key(self, token: Token) -> Token:
        if not token.key_is_masked:
            self._remember_key(token.id, token.key)
            return token
        cached = self._cached_key(token.id)
        return token.with_key(cached) if cached else token


    # -- create reconciliation: private helpers of create_token ------------------------------------

    def _create_scope(self) -> tuple[str, int | None]:
        """Whose tokens a create touches: unconfirmed creates are remembered per site and user."""
        return (self.base_url, self._user_id)

    def _recent_with_name(self, name: str) -> list[Token]:
        """Tokens called ``name`` among the newest ones, as cheaply as the flavour allows.

        One API: its search (names starting with the text, every match in one answer). New API: the first
        page of the list, newest first; its search is rate-limited to 10 a minute, so it is not used.
        """
        if self.flavor is Flavor.ONE_API:
            try:
                data = self._http.call("GET", "/api/token/search", params={"keyword": name}).get("data")
                if isinstance(data, list):
                    return [t for t in parse_token_page(data)[0] if t.name == name]
            except (AuthError, NetworkError):
                raise
            except ApiError:
                pass  # a server without search: its first page (newest first) serves as well
            params: dict[str, Any] = {"p": 0}
        else:
            params = {"p": 0, "size": _RECENT_PAGE_SIZE, "page_size": _RECENT_PAGE_SIZE}
        data = self._http.call("GET", "/api/token/", params=params).get("data")
        return [t for t in parse_token_page(data)[0] if t.name == name]

    def _name_snapshot(self, name: str) -> frozenset[int]:
        """Ids that already carry ``name``, so that a later check can tell our token from older ones.

        Taken before the POST; if it cannot be taken, nothing is sent: a create whose answer might then
        be lost could not be told apart from an older token of the same name.
        """
        try:
            return frozenset(t.id for t in self._recent_with_name(name))
        except AuthError as exc:  # the sign-in comes first; "try again" would only fail the same way
            raise _annotated(exc, f"The token “{name}” was not created.") from None
        except ApiError as exc:
            raise _annotated(exc, f"The token “{name}” was not created; it is safe to try again.") from None

    def _created_by(self, attempt: _CreateAttempt) -> Token | None:
        """The token ``attempt`` made, if the list shows one: right name, new id, created after it started."""
        earliest = attempt.started - _CLOCK_SKEW_SECONDS
        candidates = [
            t for t in self._recent_with_name(attempt.name)
            if (attempt.before is None or t.id not in attempt.before)
            and (t.created_at.timestamp() >= earliest if t.created_at is not None else attempt.before is not None)
        ]
        return min(candidates, key=lambda t: t.id) if candidates else None

    def _settle_create(self, attempt: _CreateAttempt, error: ApiError) -> Token:
        """After a create whose answer was lost: return the token if the list shows it, else say what is known.

        A lost answer (``NetworkError``) may belong to a request the server is still working on, so the list
        is checked a few times over a short window before "not created" is said; a server that answered
        with an error (5xx, a proxy's page) is done with the request, and one check is enough.
        """
        still_running = isinstance(error, NetworkError)
        _UNSETTLED.add(attempt)
        deadline = attempt.started_mono + (self._settle_seconds() if still_running else 0.0)
        reason = _first_sentence(error.message)
        try:
            found = self._poll_created(attempt, deadline)
        except AuthError as exc:
            raise AuthError(
                f"{exc.message} Whether the token “{attempt.name}” was created is not known yet: after you "
                "sign in, the list is checked before anything is sent again.",
                status_code=exc.status_code, server_message=exc.server_message,
            ) from None
        except ApiError:
            raise NetworkError(
                f"{reason}. Whether the token “{attempt.name}” was created could not be checked. Refresh the "
                "list before creating it again (a new attempt checks first, so it will not make a second one).",
                status_code=error.status_code, server_message=error.server_message,
            ) from None
        if found is not None:
            _UNSETTLED.discard(attempt)
            log.info("create: the answer was lost (%s) but the list shows the new token %d",
                     type(error).__name__, found.id)
            return self._finish_create(found)
        if not still_running:
            _UNSETTLED.discard(attempt)
            raise _annotated(error, f"The token “{attempt.name}” was not created; it is safe to try again.")
        # Kept in _UNSETTLED: should the server still act on the request, the next attempt finds its token.
        raise NetworkError(
            f"{reason}. The token “{attempt.name}” has not appeared in the list, so it was not created; "
            "it is safe to try again (a new attempt checks the list once more first).",
            status_code=error.status_code, server_message=error.server_message,
        )

    def _poll_created(self, attempt: _CreateAttempt, deadline: float) -> Token | None:
        """``_created_by``, asked again with growing pauses until found or ``deadline`` (monotonic) passes."""
        pause = 0.2
        while True:
            found = self._created_by(attempt)
            remaining = deadline - time.monotonic()
            if found is not None or remaining <= 0:
                return found
            time.sleep(min(pause, remaining))
            pause = min(pause * 1.5, 1.0)

    def _settle_seconds(self) -> float:
        """How long after the POST started a late create is still looked for: the timeout, then some more."""
        timeout = float(self._http.timeout)
        return timeout + min(max(timeout, _SETTLE_MIN_SECONDS), _SETTLE_MAX_EXTRA_SECONDS)

    def _finish_create(self, token: Token) -> Token:
        if token.key_is_masked:
            token = token.with_key(self.reveal_key(token.id))
        self._remember_key(token.id, token.key)
        return token

# Which wire fields carry each TokenDraft field, per flavour (contract §2.1).
_WIRE_FIELDS: dict[Flavor, dict[str, tuple[str, ...]]] = {
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


def _unix_or_never(moment: datetime | None) -> int:
    """Servers take whole unix seconds, -1 for never; rounding up keeps a chosen minute from expiring early."""
    if moment is None:
        return -1
    return math.ceil(moment.timestamp())


def _as_cidr(entry: str) -> str:
    """One API takes only CIDR ranges ("无效的网段" otherwise); a bare address means just that address."""
    return str(ipaddress.ip_network(entry.strip(), strict=False))


def _captcha_error(host: str) -> CaptchaRequired:
    return CaptchaRequired(
        f"{host} asks for a captcha (Turnstile) on password sign-in, which only a browser can show. "
        "Sign in with the system access token instead: open the site in your browser, go to personal "
        "settings and generate a system access token, then paste it here with your user ID."
    )


# -- create reconciliation ----------------------------------------------------------------------------

_RECENT_PAGE_SIZE = 50  # New API: how many of the newest tokens a create's before/after check reads
_CLOCK_SKEW_SECONDS = 300.0  # the server's created_time may run this far behind our clock
_SETTLE_MIN_SECONDS = 3.0
_SETTLE_MAX_EXTRA_SECONDS = 15.0
_UNSETTLED_TTL_SECONDS = 3600.0


@dataclass(frozen=True)
class _CreateAttempt:
    """One POST of a create: what is needed to recognise its token in a later list."""

    scope: tuple[str, int | None]
    name: str
    started: float  # wall clock, compared with the server's created_time
    started_mono: float
    before: frozenset[int] | None


class _UnsettledCreates:
    """Creates whose outcome is still unknown, per (site, user) and name.

    Module-wide rather than per client: after a session expires the app signs in with a new client, and
    that one must still check before it repeats a create the old one could not confirm.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: dict[tuple[tuple[str, int | None], str], _CreateAttempt] = {}

    def add(self, attempt: _CreateAttempt) -> None:
        with self._lock:
            self._prune()
            self._items[(attempt.scope, attempt.name)] = attempt

    def get(self, scope: tuple[str, int | None], name: str) -> _CreateAttempt | None:
        with self._lock:
            self._prune()
            return self._items.get((scope, name))

    def discard(self, attempt: _CreateAttempt) -> None:
        with self._lock:
            if self._items.get((attempt.scope, attempt.name)) is attempt:
                del self._items[(attempt.scope, attempt.name)]

    def _prune(self) -> None:
        oldest = time.monotonic() - _UNSETTLED_TTL_SECONDS
        for key in [k for k, a in self._items.items() if a.started_mono < oldest]:
            del self._items[key]


_UNSETTLED = _UnsettledCreates()


def _first_sentence(message: str) -> str:
    """ "x did not answer within 1 s" out of a longer message, to lead a more specific one."""
    head = message.split(". ", 1)[0].strip()
    return head[:-1] if head.endswith(".") else head


def _annotated(error: ApiError, note: str) -> ApiError:
    """The same kind of failure with one more sentence telling the user what became of their token."""
    text = error.message.rstrip()
    text = f"{text}{'' if text.endswith(('.', '!', '?', '…', '。', '！', '？')) else '.'} {note}"
    if isinstance(error, RateLimitError):
        return RateLimitError(text, retry_after=error.retry_after, status_code=error.status_code,
                              server_message=error.server_message)
    if isinstance(error, ValidationError):
        return error
    try:
        return type(error)(text, status_code=error.status_code, server_message=error.server_message)
    except TypeError:  # a subclass with another constructor: the base class says the same
        return ApiError(text, status_code=error.status_code, server_message=error.server_message)
