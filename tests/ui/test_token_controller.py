"""TokenController on its own: a real client signed in to the demo server, a runner that runs on this thread.

``SyncRunner`` has the ``TaskRunner`` interface the controller uses (``run`` returning a ``Task``,
``busy_changed``), but calls ``fn`` right away on the calling thread, so every outcome is known when the
controller's method returns. With ``hold = True`` it queues the calls instead; ``release()`` then runs
them, which is how a call "still running" while the user does something else is imitated.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot

from openkey_gui.api import Token, TokenDraft, TokenEdit, TokenStatus
from openkey_gui.demo import DemoServer
from openkey_gui.session import SignedIn, SignInRequest, sign_in
from openkey_gui.ui.tasks import Task
from openkey_gui.ui.token_controller import TokenController

TOKENS = 8
SEED = 3


@dataclass
class _Job:
    task: Task
    fn: Callable[[], Any]
    on_success: Callable[[Any], None] | None
    on_error: Callable[[BaseException], None] | None


class SyncRunner(QObject):
    """``TaskRunner``'s interface, run synchronously (or held until ``release``) on the calling thread."""

    busy_changed = Signal(int, str)

    def __init__(self) -> None:
        super().__init__()
        self.hold = False
        self.queued: list[_Job] = []
        self.labels: list[str] = []

    @property
    def running(self) -> int:
        return len(self.queued)

    def run(self, fn: Callable[[], Any], *, on_success: Callable[[Any], None] | None = None,
            on_error: Callable[[BaseException], None] | None = None, label: str = "") -> Task:
        task = Task(label)
        self.labels.append(label)
        job = _Job(task, fn, on_success, on_error)
        self.queued.append(job)
        self.busy_changed.emit(len(self.queued), label)
        if not self.hold:
            self._finish(job)
        return task

    def release(self) -> None:
        """Run every held call, in order, with the same cancel rule as ``TaskRunner``."""
        while self.queued:
            self._finish(self.queued[0])

    def cancel_all(self) -> None:
        for job in self.queued:
            job.task.cancel()

    def wait_for_done(self, msecs: int = -1) -> bool:
        self.release()
        return True

    def _finish(self, job: _Job) -> None:
        try:
            result, error = job.fn(), None
        except BaseException as exc:  # like TaskRunner: every failure goes to on_error
            result, error = None, exc
        job.task.done = True
        self.queued.remove(job)
        self.busy_changed.emit(len(self.queued), job.task.label)
        if job.task.cancelled:
            return
        if error is None:
            if job.on_success is not None:
                job.on_success(result)
        elif job.on_error is not None:
            job.on_error(error)


@dataclass
class Recorder:
    """Every signal the controller emitted, in order."""

    events: list[tuple[str, Any]] = field(default_factory=list)

    def of(self, name: str) -> list[Any]:
        return [args for what, args in self.events if what == name]


SIGNALS = ("tokens_loaded", "token_added", "token_changed", "token_removed", "account_loaded", "failed",
           "session_expired", "keys_revealed")


def record(controller: TokenController) -> Recorder:
    recorder = Recorder()
    for name in SIGNALS:
        signal = getattr(controller, name)
        signal.connect(lambda *args, _name=name: recorder.events.append((_name, args[0] if len(args) == 1 else args)))
    return recorder


@pytest.fixture(params=["one-api", "new-api"])
def server(request: pytest.FixtureRequest) -> Iterator[DemoServer]:
    with DemoServer(flavor=request.param, tokens=TOKENS, seed=SEED, critical_rate_limit=None) as demo:
        yield demo


@pytest.fixture
def new_api() -> Iterator[DemoServer]:
    with DemoServer(flavor="new-api", tokens=TOKENS, seed=SEED, critical_rate_limit=None) as demo:
        yield demo


def signed_in(server: DemoServer) -> SignedIn:
    return sign_in(SignInRequest(server.url, username=server.username, password=server.password), timeout=5)


@pytest.fixture
def runner(qtbot: QtBot) -> SyncRunner:
    return SyncRunner()


def attached(runner: SyncRunner, server: DemoServer) -> tuple[TokenController, Recorder]:
    controller = TokenController(runner)  # type: ignore[arg-type]  # the same interface, on this thread
    events = record(controller)
    controller.attach(signed_in(server))
    return controller, events


def server_row(server: DemoServer, token_id: int) -> dict[str, Any] | None:
    return next((row for row in server.tokens() if row["id"] == token_id), None)


def paths(server: DemoServer) -> list[tuple[str, str]]:
    return [(method, path) for method, path, _query in server.requests]


def loaded(controller: TokenController, events: Recorder) -> list[Token]:
    controller.refresh()
    return events.of("tokens_loaded")[-1]


# -- reads -------------------------------------------------------------------------------------------------


def test_refresh_emits_the_account_and_the_servers_tokens(runner: SyncRunner, server: DemoServer) -> None:
    controller, events = attached(runner, server)
    controller.refresh()
    assert [name for name, _ in events.events] == ["account_loaded", "tokens_loaded"]
    account = events.of("account_loaded")[0]
    assert account.username == server.username and controller.account == account
    tokens = events.of("tokens_loaded")[0]
    assert sorted((t.id, t.name) for t in tokens) == sorted((r["id"], r["name"]) for r in server.tokens())
    assert runner.labels == ["refresh"]


def test_a_second_refresh_while_one_runs_is_answered_by_the_first(runner: SyncRunner,
                                                                  server: DemoServer) -> None:
    controller, events = attached(runner, server)
    runner.hold = True
    controller.refresh()
    controller.refresh()  # F5 again, or the background timer
    assert runner.labels == ["refresh"]
    runner.release()
    assert len(events.of("tokens_loaded")) == 1
    controller.refresh()  # once it has finished, a new refresh really runs
    assert runner.labels == ["refresh", "refresh"]


def test_models_are_loaded_once(runner: SyncRunner, server: DemoServer) -> None:
    controller, _events = attached(runner, server)
    got: list[list[str]] = []
    controller.load_models(got.append)
    server.reset_requests()
    controller.load_models(got.append)
    assert got[0] == got[1] and "gpt-4o" in got[0]
    assert server.requests == []


# -- writes ------------------------------------------------------------------------------------------------


def test_create_emits_token_added_and_hands_over_the_full_key(runner: SyncRunner, server: DemoServer) -> None:
    controller, events = attached(runner, server)
    done: list[list[Token]] = []
    errors: list[str] = []
    controller.create([TokenDraft(name="made-here", remain_quota=1_250_000),
                       TokenDraft(name="made-too", unlimited=True)], done.append, errors.append)
    assert errors == []
    assert [t.name for t in done[0]] == ["made-here", "made-too"]
    assert [t.id for t in events.of("token_added")] == [t.id for t in done[0]]
    for token in done[0]:
        row = server_row(server, token.id)
        assert row is not None and row["name"] == token.name
        assert not token.key_is_masked and token.key == "sk-" + row["key"]
    assert server_row(server, done[0][0].id)["remain_quota"] == 1_250_000


def test_the_same_name_is_not_created_twice_while_the_first_runs(runner: SyncRunner, server: DemoServer) -> None:
    controller, events = attached(runner, server)
    runner.hold = True
    done: list[list[Token]] = []
    errors: list[str] = []
    controller.create([TokenDraft(name="twice")], done.append, errors.append)
    controller.create([TokenDraft(name="twice")], done.append, errors.append)
    assert len(errors) == 1 and "still being created" in errors[0]
    runner.release()
    assert [row["name"] for row in server.tokens()].count("twice") == 1
    assert len(done) == 1 and len(events.of("token_added")) == 1


def test_update_emits_token_changed_and_changes_only_what_was_edited(runner: SyncRunner,
                                                                     server: DemoServer) -> None:
    controller, events = attached(runner, server)
    token = loaded(controller, events)[0]
    before = server_row(server, token.id)
    edit = TokenEdit(before=token.to_draft(), after=token.to_draft().replace(name="renamed"))
    done: list[Token] = []
    errors: list[str] = []
    controller.update(token.id, edit, done.append, errors.append)
    assert errors == []
    assert done[0].id == token.id and done[0].name == "renamed"
    assert events.of("token_changed") == [done[0]]
    after = server_row(server, token.id)
    assert after["name"] == "renamed"
    assert {k: v for k, v in after.items() if k != "name"} == {k: v for k, v in before.items() if k != "name"}


def test_set_enabled_emits_token_changed_and_the_server_agrees(runner: SyncRunner, server: DemoServer) -> None:
    controller, events = attached(runner, server)
    token = next(t for t in loaded(controller, events) if t.status is TokenStatus.ENABLED)
    controller.set_enabled([token], False)
    assert [(t.id, t.status) for t in events.of("token_changed")] == [(token.id, TokenStatus.DISABLED)]
    assert server_row(server, token.id)["status"] == 2
    controller.set_enabled([token], True)
    assert events.of("token_changed")[-1].status is TokenStatus.ENABLED
    assert server_row(server, token.id)["status"] == 1
    assert events.of("failed") == []


def test_delete_emits_token_removed_and_the_server_agrees(runner: SyncRunner, server: DemoServer) -> None:
    controller, events = attached(runner, server)
    victims = loaded(controller, events)[:2]
    controller.delete(victims)
    assert events.of("token_removed") == [t.id for t in victims]
    assert all(server_row(server, t.id) is None for t in victims)
    assert len(server.tokens()) == TOKENS - 2


def test_a_failed_write_says_why_and_refreshes(runner: SyncRunner, server: DemoServer) -> None:
    controller, events = attached(runner, server)
    token = loaded(controller, events)[0]
    server.fail_next(1, status=500, path=f"/api/token/{token.id}", method="DELETE")
    controller.delete([token])
    message, retry = events.of("failed")[0]
    assert "HTTP 500" in message and retry is None  # a delete is never repeated by a button
    assert events.of("token_removed") == []
    assert len(events.of("tokens_loaded")) == 2  # the server's truth is fetched again
    assert server_row(server, token.id) is not None


# -- keys --------------------------------------------------------------------------------------------------


def test_known_keys_are_handed_over_without_a_request(runner: SyncRunner, server: DemoServer) -> None:
    controller, events = attached(runner, server)
    tokens = loaded(controller, events)[:3]
    controller.fetch_keys(tokens, lambda keys: None, pytest.fail)  # New API: fetched now; One API: known
    server.reset_requests()
    requests_before = controller.client.request_count
    keys: list[dict[int, str]] = []
    controller.fetch_keys(tokens, keys.append, pytest.fail)
    assert keys == [{t.id: "sk-" + server_row(server, t.id)["key"] for t in tokens}]
    assert server.requests == [] and controller.client.request_count == requests_before


def test_one_api_lists_full_keys(runner: SyncRunner) -> None:
    with DemoServer(flavor="one-api", tokens=TOKENS, seed=SEED, critical_rate_limit=None) as server:
        controller, events = attached(runner, server)
        tokens = loaded(controller, events)
        server.reset_requests()
        keys: list[dict[int, str]] = []
        controller.fetch_keys(tokens, keys.append, pytest.fail)
        assert keys[0] == {t.id: "sk-" + server_row(server, t.id)["key"] for t in tokens}
        assert server.requests == [] and events.of("keys_revealed") == []


def test_masked_keys_are_fetched_once(runner: SyncRunner, new_api: DemoServer) -> None:
    controller, events = attached(runner, new_api)
    tokens = loaded(controller, events)
    assert all(t.key_is_masked for t in tokens)
    one, several = tokens[0], tokens[1:4]
    keys: list[dict[int, str]] = []
    new_api.reset_requests()
    controller.fetch_keys([one], keys.append, pytest.fail)
    assert paths(new_api) == [("POST", f"/api/token/{one.id}/key")]
    assert keys[-1] == {one.id: "sk-" + server_row(new_api, one.id)["key"]}
    assert events.of("keys_revealed") == [keys[-1]]
    new_api.reset_requests()
    controller.fetch_keys(several, keys.append, pytest.fail)
    assert paths(new_api) == [("POST", "/api/token/batch/keys")]  # one batch, not one request per key
    assert keys[-1] == {t.id: "sk-" + server_row(new_api, t.id)["key"] for t in several}
    new_api.reset_requests()
    controller.fetch_keys([one, *several], keys.append, pytest.fail)
    assert new_api.requests == []
    assert len(keys[-1]) == 4 and controller.known_key(one) == keys[0][one.id]


def test_a_failed_key_fetch_delivers_nothing(runner: SyncRunner, new_api: DemoServer) -> None:
    controller, events = attached(runner, new_api)
    tokens = loaded(controller, events)[:2]
    new_api.fail_next(1, status=500, path="/api/token/batch/keys")
    keys: list[dict[int, str]] = []
    errors: list[str] = []
    controller.fetch_keys(tokens, keys.append, errors.append)
    assert keys == [] and len(errors) == 1 and "HTTP 500" in errors[0]


def test_signed_out_cannot_fetch_a_masked_key(runner: SyncRunner, new_api: DemoServer) -> None:
    controller, events = attached(runner, new_api)
    token = loaded(controller, events)[0]
    controller.detach()
    errors: list[str] = []
    controller.fetch_keys([token], pytest.fail, errors.append)
    assert errors == ["You are signed out."]


# -- an expired session ------------------------------------------------------------------------------------


def test_expired_refresh_asks_for_sign_in_and_resumes(runner: SyncRunner, server: DemoServer) -> None:
    controller, events = attached(runner, server)
    server.expire_sessions()
    controller.refresh()
    (message,) = events.of("session_expired")
    assert "Sign in again" in message and "refresh the token list" in message
    assert events.of("tokens_loaded") == [] and events.of("failed") == []
    pending = controller.pending_action
    assert pending is not None and not pending.write
    controller.attach(signed_in(server))  # the same account signs in again
    assert controller.pending_action is pending
    assert controller.resume_pending()
    assert controller.pending_action is None
    assert len(events.of("tokens_loaded")) >= 1
    assert sorted(t.id for t in events.of("tokens_loaded")[-1]) == sorted(r["id"] for r in server.tokens())
    assert not controller.resume_pending()  # nothing left to finish


def test_expired_create_is_finished_after_re_sign_in(runner: SyncRunner, server: DemoServer) -> None:
    controller, events = attached(runner, server)
    server.expire_sessions()
    done: list[list[Token]] = []
    errors: list[str] = []
    controller.create([TokenDraft(name="after-sign-in")], done.append, errors.append)
    assert len(errors) == 1 and "what you entered is kept" in errors[0]
    assert "create “after-sign-in”" in events.of("session_expired")[0]
    assert controller.pending_action is not None and controller.pending_action.write
    assert not any(row["name"] == "after-sign-in" for row in server.tokens())
    controller.refresh()  # a read failing meanwhile does not displace the write
    assert "create “after-sign-in”" in events.of("session_expired")[-1]
    controller.attach(signed_in(server))
    assert controller.resume_pending()
    made = [row for row in server.tokens() if row["name"] == "after-sign-in"]
    assert len(made) == 1
    assert [t.id for t in done[0]] == [made[0]["id"]] and done[0][0].key == "sk-" + made[0]["key"]
    assert [t.id for t in events.of("token_added")] == [made[0]["id"]]
    # the table was reloaded before the create's own result arrived
    names = [name for name, _ in events.events]
    assert names.index("tokens_loaded") < names.index("token_added")


def test_expired_delete_keeps_what_is_left(runner: SyncRunner, server: DemoServer) -> None:
    controller, events = attached(runner, server)
    first, second = loaded(controller, events)[:2]
    server.fail_next(1, status=401, path=f"/api/token/{second.id}", method="DELETE")
    controller.delete([first, second])
    assert events.of("token_removed") == [first.id]  # the one that went before the session ended
    assert f"delete “{second.name}”" in events.of("session_expired")[0]
    assert server_row(server, second.id) is not None
    controller.attach(signed_in(server))
    assert controller.resume_pending()
    assert events.of("token_removed") == [first.id, second.id]
    assert server_row(server, first.id) is None and server_row(server, second.id) is None


def test_another_accounts_sign_in_drops_the_pending_action(runner: SyncRunner, server: DemoServer) -> None:
    controller, _events = attached(runner, server)
    server.expire_sessions()
    controller.create([TokenDraft(name="never-here")], pytest.fail, lambda _message: None)
    assert controller.pending_action is not None
    with DemoServer(flavor=server.flavor, tokens=2, seed=1, critical_rate_limit=None) as other:
        controller.attach(signed_in(other))  # another site: finishing the create there would be wrong
        assert controller.pending_action is None
        assert not controller.resume_pending()
        assert not any(row["name"] == "never-here" for row in other.tokens())
    assert not any(row["name"] == "never-here" for row in server.tokens())


# -- bugs and detaching ------------------------------------------------------------------------------------


def test_an_unexpected_exception_is_reported_and_logged(runner: SyncRunner, server: DemoServer,
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    controller, events = attached(runner, server)

    def broken() -> list[Token]:
        raise RuntimeError("a bug in the listing")

    monkeypatch.setattr(controller.client, "list_tokens", broken)
    with caplog.at_level(logging.ERROR, logger="openkey_gui.ui.token_controller"):
        controller.refresh()
    (message, retry), = events.of("failed")
    assert message.startswith("Unexpected error (RuntimeError)")
    assert retry == controller.refresh
    records = [r for r in caplog.records if r.name == "openkey_gui.ui.token_controller"]
    assert len(records) == 1 and records[0].levelno == logging.ERROR
    assert records[0].exc_info is not None and records[0].exc_info[0] is RuntimeError
    assert events.of("session_expired") == [] and events.of("tokens_loaded") == []


def test_an_unexpected_exception_in_a_write_reaches_its_dialog(runner: SyncRunner, server: DemoServer,
                                                               monkeypatch: pytest.MonkeyPatch,
                                                               caplog: pytest.LogCaptureFixture) -> None:
    controller, events = attached(runner, server)
    token = loaded(controller, events)[0]

    def broken(token_id: int, **changes: Any) -> Token:
        raise KeyError("a bug in the update")

    monkeypatch.setattr(controller.client, "update_token", broken)
    errors: list[str] = []
    edit = TokenEdit(before=token.to_draft(), after=token.to_draft().replace(name="x"))
    with caplog.at_level(logging.ERROR, logger="openkey_gui.ui.token_controller"):
        controller.update(token.id, edit, pytest.fail, errors.append)
    assert len(errors) == 1 and errors[0].startswith("Unexpected error (KeyError)")
    assert any(r.exc_info and r.exc_info[0] is KeyError for r in caplog.records)
    assert events.of("token_changed") == []


def test_detach_drops_the_results_of_calls_still_running(runner: SyncRunner, server: DemoServer) -> None:
    controller, events = attached(runner, server)
    token = loaded(controller, events)[0]
    events.events.clear()
    runner.hold = True
    done: list[object] = []
    controller.refresh()
    controller.create([TokenDraft(name="late")], done.append, done.append)
    controller.set_enabled([token], False)
    keys: list[object] = []
    controller.fetch_keys([token], keys.append, keys.append)
    at_once = list(keys)  # One API: the list carried the key, so it answered without a call
    assert len(at_once) == (0 if token.key_is_masked else 1)
    own: list[object] = []
    runner.run(lambda: "not the controller's", on_success=own.append, label="other")
    controller.detach()
    assert controller.session is None and controller.account is None
    runner.release()  # the calls finish after the detach…
    assert events.events == [] and done == [] and keys == at_once  # …and nothing of theirs reaches the window
    assert server_row(server, token.id)["status"] == 2  # (the calls themselves did happen)
    assert own == ["not the controller's"]  # a call the controller did not start is not its to drop


def test_sign_out_ends_the_server_session(runner: SyncRunner, server: DemoServer) -> None:
    controller, _events = attached(runner, server)
    client = controller.client
    finished: list[bool] = []
    server.reset_requests()
    controller.sign_out(lambda: finished.append(True))
    assert finished == [True]
    assert ("GET", "/api/user/logout") in paths(server)
    assert controller.session is None
    with pytest.raises(RuntimeError, match="not signed in"):
        _ = controller.client
    assert client.user_id is None  # the old client forgot its credential
