"""Redaction, piece by piece: the filter and the formatter each on their own (the record factory
redacts first and would hide a broken one), bare New API access tokens of 28 to 31 characters, and the
live credential scrubbed by its exact value wherever it appears.
"""

from __future__ import annotations

import io
import logging
import secrets
import string
import sys
from collections.abc import Iterator

import pytest

from openkey_gui import logging_setup
from openkey_gui.api.transport import Transport
from openkey_gui.credentials import Credential, CredentialStore
from openkey_gui.demo import DemoServer
from openkey_gui.logging_setup import REDACTED, RedactingFilter, RedactingFormatter, redact
from tests.support import MemoryKeyring

ALNUM = string.ascii_letters + string.digits


def token_of(length: int) -> str:
    """Letters and digits with at least one digit, like a New API access token."""
    body = "".join(secrets.choice(ALNUM) for _ in range(length - 1))
    return body[: length // 2] + secrets.choice(string.digits) + body[length // 2 :]


@pytest.fixture
def no_factory() -> Iterator[None]:
    """Records made here bypass the redacting record factory, so only the piece under test redacts."""
    previous = logging.getLogRecordFactory()
    logging.setLogRecordFactory(logging.LogRecord)
    try:
        yield
    finally:
        logging.setLogRecordFactory(previous)


@pytest.fixture
def forget_registered() -> Iterator[None]:
    yield
    logging_setup.forget_secrets()


def _record(name: str, msg: str, *args: object, exc_info: object = None) -> logging.LogRecord:
    return logging.LogRecord(name, logging.WARNING, __file__, 1, msg, args or None, exc_info)  # type: ignore[arg-type]


# -- (a) the filter and the formatter, each alone ---------------------------------------------------------


def test_the_filter_alone_redacts_message_args_and_traceback(no_factory: None) -> None:
    key = "sk-" + token_of(48)
    try:
        raise RuntimeError(f"upstream said: bad key {key}")
    except RuntimeError:
        record = _record("urllib3.connectionpool", "retrying %s with password=%s", key, "hunter2",
                         exc_info=sys.exc_info())
    assert RedactingFilter().filter(record) is True
    text = logging.Formatter("%(name)s %(message)s").format(record)  # a plain formatter: only the filter worked
    assert key not in text and "hunter2" not in text and REDACTED in text


def test_the_filter_redacts_a_record_rebuilt_from_a_dict() -> None:
    """makeLogRecord (queue and socket listeners) goes through the factory with an empty message first."""
    logging_setup.install_redaction()
    try:
        key = "sk-" + token_of(48)
        record = logging.makeLogRecord({"name": "requests", "msg": f"sending Authorization: Bearer {key}",
                                        "args": None, "levelno": logging.INFO, "levelname": "INFO"})
        RedactingFilter().filter(record)
        assert key not in logging.Formatter("%(message)s").format(record)
    finally:
        logging_setup.uninstall_redaction()


def test_the_formatter_alone_redacts_fields_the_message_did_not_have(no_factory: None) -> None:
    key = "sk-" + token_of(48)
    record = _record("third.party", "connected")
    record.peer = f"token={key}"  # a custom field named in the format string
    try:
        raise ValueError(f"access_token {token_of(32)} rejected, key {key}")
    except ValueError:
        record.exc_info = sys.exc_info()
    line = RedactingFormatter("%(name)s %(message)s %(peer)s").format(record)
    assert key not in line and "connected" in line and REDACTED in line
    assert "ValueError" in line  # the traceback is kept, only its secrets go


def test_a_third_party_logger_through_an_installed_handler(no_factory: None) -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactingFilter())
    handler.setFormatter(logging.Formatter("%(name)s: %(message)s"))
    logger = logging.getLogger("urllib3.connectionpool.test")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        secret = token_of(32)
        logger.warning("GET /api/user/self?access_token=%s", secret)
    finally:
        logger.removeHandler(handler)
        logger.propagate = True
    assert secret not in stream.getvalue() and "GET /api/user/self" in stream.getvalue()


# -- item 7: bare tokens from 28 characters, and the live credential by value ---------------------------


@pytest.mark.parametrize("length", [28, 29, 30, 31])
def test_bare_access_tokens_of_28_to_31_characters_are_redacted(length: int) -> None:
    token = token_of(length)
    text = f"requests.exceptions.HTTPError: 401 for token {token}: unauthorized"
    assert token not in redact(text)


def test_long_words_without_digits_stay_readable() -> None:
    text = "Internationalizationxxxxxxxxx and Pneumonoultramicroscopicsilicovolca"  # 29 and 39 letters
    assert redact(text) == text


def test_a_registered_secret_is_scrubbed_by_its_exact_value(forget_registered: None) -> None:
    password = "short pw!"  # no pattern can know this is a password
    logging_setup.register_secret(password)
    assert password not in redact(f"sign-in failed for alice with {password} (bad request)")
    logging_setup.forget_secrets()
    assert password in redact(f"sign-in failed for alice with {password}")


def test_transport_registers_the_password_and_the_access_token(forget_registered: None) -> None:
    with DemoServer(flavor="one-api", tokens=1, password="pw short 7") as server:
        transport = Transport(server.url, 5, on_secret=logging_setup.register_secret)  # as the app passes it
        try:
            transport.call("POST", "/api/user/login", json_body={"username": server.username,
                                                                  "password": server.password})
            transport.set_header("Authorization", f"Bearer {server.access_token}")
        finally:
            transport.close()
    assert server.password not in redact(f"echo {server.password} echo")
    assert server.access_token not in redact(f"token is {server.access_token[:31]}")  # 31 of its characters
    assert server.access_token not in redact(f"token is {server.access_token}")


def test_a_credential_loaded_from_the_keyring_is_registered(forget_registered: None) -> None:
    backend = MemoryKeyring()
    CredentialStore(backend).save("k", Credential(mode="password", username="u", password="kr pw 9"))
    logging_setup.forget_secrets()
    CredentialStore(backend).load("k")
    assert "kr pw 9" not in redact("the password kr pw 9 was used")
