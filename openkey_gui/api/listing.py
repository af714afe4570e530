"""Reading the token list, per flavour: One API's single search answer, New API's pages of 100.

``TokenLister`` is given the transport and a way to learn the site's flavour; it holds no other state,
so one lister serves any number of worker threads.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from openkey_gui.api.errors import ApiError, AuthError, ErrorKind, NetworkError, ServerError
from openkey_gui.api.models import Flavor, Token
from openkey_gui.api.parse import parse_token_page
from openkey_gui.api.transport import MAX_BODY_BYTES, Transport

NEW_API_PAGE_SIZE = 100  # the largest page New API serves (contract §2.3)
MAX_PAGES = 5_000  # a server that ignores paging must not keep us looping forever
PAGES_IN_FLIGHT = 4
RECENT_PAGE_SIZE = 50  # New API: how many of the newest tokens a create's before/after check reads
# Far more than any real account; a "server" that keeps listing past it is not a One API / New API site
# (or is hostile), and memory must not grow with it.
MAX_TOKENS = 50_000


class TokenLister:
    """Every token of the signed-in user, in as few round trips as the flavour allows."""

    def __init__(self, http: Transport, flavor: Callable[[], Flavor]) -> None:
        self._http = http
        self._flavor = flavor

    def list_all(self) -> list[Token]:
        """Every token, newest first, each once (pages shifted by a concurrent create repeat tokens)."""
        tokens = self._list_one_api() if self._flavor() is Flavor.ONE_API else self._list_new_api()
        unique = {token.id: token for token in tokens}
        return sorted(unique.values(), key=lambda t: t.id, reverse=True)

    def recent_with_name(self, name: str) -> list[Token]:
        """Tokens called ``name`` among the newest ones, as cheaply as the flavour allows.

        One API: its search (names starting with the text, every match in one answer). New API: the first
        page of the list, newest first; its search is rate-limited to 10 a minute, so it is not used.
        """
        if self._flavor() is Flavor.ONE_API:
            try:
                data = self._http.call("GET", "/api/token/search", params={"keyword": name},
                                       max_bytes=MAX_BODY_BYTES).get("data")
                if isinstance(data, list):
                    return [t for t in parse_token_page(data)[0] if t.name == name]
            except (AuthError, NetworkError):
                raise
            except ApiError:
                pass  # a server without search: its first page (newest first) serves as well
            params: dict[str, Any] = {"p": 0}
        else:
            params = {"p": 0, "size": RECENT_PAGE_SIZE, "page_size": RECENT_PAGE_SIZE}
        data = self._http.call("GET", "/api/token/", params=params).get("data")
        return [t for t in parse_token_page(data)[0] if t.name == name]

    def fetch_page(self, page: int, params: dict[str, Any]) -> list[Token]:
        """One page of the token list, parsed on the calling (worker) thread."""
        envelope = self._http.call("GET", "/api/token/", params={"p": page, **params})
        return parse_token_page(envelope.get("data"))[0]

    def list_plain_pages(
        self, *, first_page: int, params: dict[str, Any], first: list[Token] | None = None
    ) -> list[Token]:
        """Walk plain-list pages until a short or repeated page; the page size is whatever the first was.

        Without a total the end is only known when it is reached, so pages are fetched in growing
        batches (1, 2, then 4 at a time): a short list costs no extra request, a long one overlaps its
        round trips, and at most three requests past the end are wasted.
        """
        page = first_page
        if first is None:
            first = self.fetch_page(page, params)
        seen = {t.id: t for t in first}
        page_len = len(first)
        last = first
        batch = 1
        while page_len and len(last) >= page_len and page - first_page < MAX_PAGES:
            wanted = range(page + 1, min(page + batch, first_page + MAX_PAGES) + 1)
            batch = min(batch * 2, PAGES_IN_FLIGHT)
            for last in self.fetch_pages(wanted, params):
                page += 1
                fresh = [t for t in last if t.id not in seen]
                if not fresh:
                    return list(seen.values())
                seen.update((t.id, t) for t in fresh)
                if len(seen) > MAX_TOKENS:
                    raise self._too_many()
                if len(last) < page_len:
                    break  # a short page is the last one; the loop condition sees it too
        return list(seen.values())

    def fetch_pages(self, pages: range, params: dict[str, Any], *,
                    workers: int = PAGES_IN_FLIGHT) -> list[list[Token]]:
        """Fetch ``pages`` with at most ``workers`` requests in flight; results in page order.

        Why threads: each page is mostly waiting (round trip, server time), and ``requests.Session`` is
        safe to share for plain GETs (its pool holds up to 8 connections, its cookie jar is locked).
        The result ends at the first empty page, and no page after it is started. The first failure
        (lowest page among those that failed together) propagates; pages not yet started are never
        sent, and answers still in flight are dropped rather than waited for, so an error is reported
        as soon as it is known.
        """
        if len(pages) <= 1 or workers <= 1:
            return [self.fetch_page(page, params) for page in pages]
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
                    in_flight[pool.submit(self.fetch_page, page, params)] = page
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

    def _too_many(self) -> ServerError:
        return ServerError(f"{self._http.host} listed more than {MAX_TOKENS:,} tokens and kept going, so the "
                           "list was stopped there. Is this the address of a One API / New API site?",
                           kind=ErrorKind.LIST_RUNAWAY, params={"host": self._http.host, "limit": MAX_TOKENS})

    def _list_one_api(self) -> list[Token]:
        """One API's empty-keyword search returns every token in one answer; pages of 10 are the fallback."""
        try:
            # The one whole-list answer: allowed up to the transport's overall cap, not a page's.
            data = self._http.call("GET", "/api/token/search", params={"keyword": ""},
                                   max_bytes=MAX_BODY_BYTES).get("data")
        except (AuthError, NetworkError):
            raise
        except ApiError:
            data = None
        if isinstance(data, list):
            if len(data) > MAX_TOKENS:
                raise self._too_many()
            return parse_token_page(data)[0]
        return self.list_plain_pages(first_page=0, params={})

    def _list_new_api(self) -> list[Token]:
        """New API pages of 100; ``p=0`` works for both its 0-based (old) and 1-based (new) paging.

        The first page tells the total, so the others are known up front and fetched a few at a time
        (see ``fetch_pages``): on a 10,000-token account that is 100 requests, and in sequence each
        would wait a full round trip plus the server's work before the next one starts.
        """
        size = NEW_API_PAGE_SIZE
        params = {"size": size, "page_size": size}
        envelope = self._http.call("GET", "/api/token/", params={"p": 0, **params})
        data = envelope.get("data")
        tokens, total = parse_token_page(data)
        if not isinstance(data, dict):  # plain list: old 0-based paging
            return self.list_plain_pages(first_page=0, params=params, first=tokens)
        if (total or 0) > MAX_TOKENS:
            raise self._too_many()
        pages = min(math.ceil((total or 0) / size), MAX_PAGES)
        seen = {t.id: t for t in tokens}
        for more in self.fetch_pages(range(2, pages + 1), params):
            if not more:  # the total was stale (tokens deleted meanwhile): the list ends here
                break
            for token in more:  # a token created meanwhile shifts the pages: keep the first copy
                seen.setdefault(token.id, token)
        return list(seen.values())
