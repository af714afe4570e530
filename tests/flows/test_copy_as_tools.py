"""Copy as → a coding agent's format: the clipboard parses as that tool reads it and carries the key the
server has for the selected token; formats the site cannot serve are not offered."""

from __future__ import annotations

import json
import shlex

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from tests.flows.steps import select_token, token_of_kind
from tests.flows.test_key_test import open_key_test
from tests.helpers.truth import ServerTruth
from tests.helpers.user import User

pytestmark = pytest.mark.usefixtures("signed_in")


def copy_as_items(user: User) -> dict[str, QAction]:
    menu = user.window.findChild(QMenu, "copyAsMenu")
    assert menu is not None
    menu.aboutToShow.emit()  # what opening the menu does
    return {a.objectName(): a for a in menu.actions() if a.objectName().startswith("copyAs_")}


def test_agent_formats_follow_the_sites_relay(user: User, truth: ServerTruth) -> None:
    select_token(user, truth, token_of_kind(truth, "ok")["id"])
    items = copy_as_items(user)
    new_api = truth.flavor == "new-api"
    for name in ("copyAs_claude_code_env", "copyAs_codex_config", "copyAs_ccswitch_claude"):
        assert (name in items) is new_api, name
    for name in ("copyAs_opencode", "copyAs_ccr_link", "copyAs_roo", "copyAs_cline", "copyAs_node"):
        assert name in items and items[name].isEnabled() and items[name].toolTip()
    menu = user.window.findChild(QMenu, "copyAsMenu")
    sections = [a.text() for a in menu.actions() if a.isSeparator() and a.text()]
    assert sections[0].startswith("Coding agents") and sections[-1] == "Code"


def test_claude_code_variables_or_opencode_json_carry_the_servers_key(user: User, truth: ServerTruth) -> None:
    token = token_of_kind(truth, "ok")
    select_token(user, truth, token["id"])
    expected = truth.key(token["id"])
    items = copy_as_items(user)
    if truth.flavor == "new-api":
        user.trigger(items["copyAs_claude_code_env"])
        user.wait_until(lambda: "ANTHROPIC_AUTH_TOKEN" in user.clipboard())
        pairs = dict(shlex.split(line)[1].split("=", 1) for line in user.clipboard().splitlines())
        assert pairs == {"ANTHROPIC_BASE_URL": truth.server.url, "ANTHROPIC_AUTH_TOKEN": expected}
        return
    user.trigger(items["copyAs_opencode"])
    user.wait_until(lambda: '"@ai-sdk/openai-compatible"' in user.clipboard())
    options = json.loads(user.clipboard())["provider"]["openkey"]["options"]
    assert options == {"baseURL": truth.server.url + "/v1", "apiKey": expected}


def test_codex_config_leaves_the_key_out(user: User, truth: ServerTruth) -> None:
    if truth.flavor != "new-api":
        pytest.skip("One API has no Responses route, so Codex is not offered (checked above)")
    tomllib = pytest.importorskip("tomllib")
    token = token_of_kind(truth, "ok")
    select_token(user, truth, token["id"])
    user.trigger(copy_as_items(user)["copyAs_codex_config"])
    user.wait_until(lambda: "[model_providers.openkey]" in user.clipboard())
    config = tomllib.loads(user.clipboard())
    assert config["model_providers"]["openkey"]["base_url"] == truth.server.url + "/v1"
    assert truth.key(token["id"]) not in user.clipboard()


def test_a_one_api_site_that_added_the_agent_routes_gets_them_after_a_key_test(user: User,
                                                                                truth: ServerTruth) -> None:
    """The key test asks the relay for /v1/messages and /v1/responses; Copy as then offers what it found."""
    if truth.flavor != "one-api":
        pytest.skip("New API always serves both routes")
    token = token_of_kind(truth, "ok")
    select_token(user, truth, token["id"])
    assert "copyAs_claude_code_env" not in copy_as_items(user)
    for route in ("/v1/messages", "/v1/responses"):  # this site's relay has them: it refuses an empty body
        truth.server.fail_next(status=400, path=route, body='{"error":{"message":"field model is required"}}')
    dialog = open_key_test(user)
    dialog.close()
    items = copy_as_items(user)
    assert "copyAs_claude_code_env" in items and "copyAs_codex_config" in items
    user.trigger(items["copyAs_claude_code_env"])
    user.wait_until(lambda: "ANTHROPIC_AUTH_TOKEN" in user.clipboard())
    pairs = dict(shlex.split(line)[1].split("=", 1) for line in user.clipboard().splitlines())
    assert pairs == {"ANTHROPIC_BASE_URL": truth.server.url, "ANTHROPIC_AUTH_TOKEN": truth.key(token["id"])}
