"""Tests for alert rules: validation, thresholds, firing once, and each sink.

Events are written straight into a store (no parsing) so the expected matches are exact; the
webhook receiver and SMTP server run on 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import http.server
import io
import json
import shutil
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from bilat.alerts import AlertRule, EmailSink, match_alerts, parse_rules, run_alerts
from bilat.cli import app
from bilat.errors import ConfigError
from bilat.records import Document, DocumentDate, Event, Extraction
from bilat.store import Store, open_store
from conftest import free_port, make_event, serving


def _event(
    ident: str,
    doc: str,
    cameo: str,
    pair: tuple[str, str],
    goldstein: float,
    quad: int,
    *,
    name: str,
    confidence: float = 0.9,
) -> Event:
    return make_event(
        ident,
        doc,
        pair[0] + "GOV",
        pair[1] + "MIL",
        cameo=cameo,
        cameo_name=name,
        quad=quad,
        goldstein=goldstein,
        date="2025-05-10",
        sentence=f"Sentence of {ident}.",
        confidence=confidence,
    )


EVENTS = (
    _event("e1", "d1", "190", ("PAK", "AFG"), -10.0, 4, name="Use conventional force"),
    _event("e2", "d1", "111", ("AFG", "PAK"), -2.0, 3, name="Criticize or denounce"),
    _event("e3", "d2", "042", ("PAK", "CHN"), 1.9, 1, name="Make a visit", confidence=0.4),
    _event("e4", "d2", "173", ("PAK", "IND"), -5.0, 4, name="Arrest, detain"),
)


@pytest.fixture
def filled(tmp_path: Path) -> Iterator[Store]:
    """Yield a store holding two documents and the four events above."""
    docs = {
        "d1": Document.from_text(
            "Border report.", doc_id="d1", title="Border clash", url="http://n/1", outlet="Desk"
        ),
        "d2": Document.from_text("Visit report.", doc_id="d2", title="Visit", url="http://n/2"),
    }
    with open_store(tmp_path / "alerts.duckdb") as store:
        store.add(
            [
                Extraction(
                    doc, DocumentDate.unknown(), events=tuple(e for e in EVENTS if e.doc_id == i)
                )
                for i, doc in docs.items()
            ]
        )
        yield store


def _rule(**fields: Any) -> AlertRule:
    return AlertRule.model_validate({"name": "r"} | fields)


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({}, ["e1", "e2", "e3", "e4"]),
        ({"dyad": ["AFG", "PAK"]}, ["e1", "e2"]),
        ({"actor": "PAKGOV"}, ["e1", "e3", "e4"]),
        ({"quad_classes": [4]}, ["e1", "e4"]),
        ({"roots": ["19", "04"]}, ["e1", "e3"]),
        ({"goldstein_max": -5}, ["e1", "e4"]),
        ({"goldstein_min": -2}, ["e2", "e3"]),
        ({"goldstein_abs": 5}, ["e1", "e4"]),
        ({"min_confidence": 0.5}, ["e1", "e2", "e4"]),
        ({"min_articles": 2}, []),
    ],
)
def test_match_alerts_thresholds(
    filled: Store, fields: dict[str, Any], expected: list[str]
) -> None:
    alerts = match_alerts(filled, [_rule(**fields)])
    assert sorted(a.event.id for a in alerts) == expected


def test_alert_names_event_sentence_and_sources(filled: Store) -> None:
    (alert,) = match_alerts(filled, [_rule(roots=["19"])])
    assert alert.payload() == {
        "rule": "r",
        "cluster": "e1",
        "event_id": "e1",
        "date": "2025-05-10",
        "source": "PAKGOV",
        "target": "AFGMIL",
        "cameo": "190",
        "cameo_name": "Use conventional force",
        "goldstein": -10.0,
        "quad_class": 4,
        "confidence": 0.9,
        "articles": 1,
        "sentence": "Sentence of e1.",
        "sources": [
            {"doc_id": "d1", "title": "Border clash", "url": "http://n/1", "outlet": "Desk"}
        ],
    }
    assert alert.headline() == (
        "[r] 2025-05-10: PAKGOV use conventional force (190) AFGMIL, Goldstein -10"
    )


def test_alert_fires_once_per_cluster(filled: Store, tmp_path: Path) -> None:
    path = tmp_path / "alerts.jsonl"
    rule = _rule(quad_classes=[4], sinks=[{"type": "jsonl", "path": str(path)}])
    first = run_alerts(filled, [rule])
    second = run_alerts(filled, [rule])
    lines = [json.loads(line)["event_id"] for line in path.read_text().splitlines()]
    assert (first.recorded, len(second.alerts), second.recorded, lines) == (2, 0, 0, ["e1", "e4"])


def test_stdout_sink_writes_json_lines(filled: Store) -> None:
    stream = io.StringIO()
    run_alerts(filled, [_rule(roots=["04"], sinks=[{"type": "stdout"}])], stdout=stream)
    assert [json.loads(line)["event_id"] for line in stream.getvalue().splitlines()] == ["e3"]


def test_dry_run_records_nothing(filled: Store) -> None:
    run = run_alerts(filled, [_rule()], dry_run=True)
    assert (len(run.alerts), run.recorded, filled.fired_alert_keys("r")) == (4, 0, set())


@pytest.fixture
def webhook() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """Run a webhook receiver on 127.0.0.1; yield its URL and the JSON bodies it got."""
    received: list[dict[str, Any]] = []

    class Receiver(http.server.BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            """Keep test output quiet."""

        def do_POST(self) -> None:
            length = int(self.headers["Content-Length"])
            assert self.headers["Content-Type"] == "application/json"
            received.append(json.loads(self.rfile.read(length)))
            self.send_response(204)
            self.end_headers()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    with serving(server):
        yield f"http://127.0.0.1:{server.server_address[1]}/hook", received


def test_webhook_sink_posts_json(filled: Store, webhook: tuple[str, list[dict[str, Any]]]) -> None:
    url, received = webhook
    run = run_alerts(filled, [_rule(dyad=["PAK", "IND"], sinks=[{"type": "webhook", "url": url}])])
    assert (run.recorded, run.errors) == (1, [])
    assert [(r["event_id"], r["rule"], r["sources"][0]["url"]) for r in received] == [
        ("e4", "r", "http://n/2")
    ]


def test_webhook_down_retries_next_run(
    filled: Store, webhook: tuple[str, list[dict[str, Any]]]
) -> None:
    url, received = webhook
    dead = f"http://127.0.0.1:{free_port()}/hook"
    down = run_alerts(filled, [_rule(roots=["19"], sinks=[{"type": "webhook", "url": dead}])])
    up = run_alerts(filled, [_rule(roots=["19"], sinks=[{"type": "webhook", "url": url}])])
    assert (down.recorded, len(down.errors), up.recorded, len(received)) == (0, 1, 1, 1)
    assert down.errors[0].startswith(f"alert rule 'r', webhook sink: webhook {dead} unreachable (")


def test_email_sink_sends_through_smtp(filled: Store) -> None:
    controller_module = pytest.importorskip("aiosmtpd.controller")
    got: list[tuple[str, list[str], bytes]] = []

    class Handler:
        async def handle_DATA(self, server: object, session: object, envelope: Any) -> str:
            got.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
            return "250 OK"

    port = free_port()
    controller = controller_module.Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        sink = {
            "type": "email",
            "host": "127.0.0.1",
            "port": port,
            "from": "bilat@test.example",
            "to": ["desk@test.example"],
        }
        run = run_alerts(filled, [_rule(roots=["19"], sinks=[sink])])
    finally:
        controller.stop()
    assert (run.recorded, run.errors) == (1, [])
    sender, recipients, content = got[0]
    message = email.message_from_bytes(content, policy=email.policy.default)
    assert (sender, recipients) == ("bilat@test.example", ["desk@test.example"])
    assert message["Subject"] == "[r] PAKGOV 190 AFGMIL 2025-05-10"
    body = message.get_payload(decode=True)
    assert isinstance(body, bytes)
    assert "Sentence of e1.\n\nSources:\n- Border clash: http://n/1\n" in body.decode().replace(
        "\r\n", "\n"
    )


class _Inbox:
    """An aiosmtpd handler and authenticator that keeps messages and the logins it accepted."""

    def __init__(self) -> None:
        self.messages: list[bytes] = []
        self.logins: list[str] = []

    async def handle_DATA(self, server: object, session: object, envelope: Any) -> str:
        self.messages.append(envelope.content)
        return "250 OK"

    def __call__(
        self, server: object, session: object, envelope: object, mechanism: str, data: Any
    ) -> Any:
        from aiosmtpd.smtp import AuthResult

        ok = (data.login, data.password) == (b"desk", b"s3cret")
        if ok:
            self.logins.append(data.login.decode())
        return AuthResult(success=ok, handled=False)


def _self_signed(tmp_path: Path) -> tuple[Path, Path]:
    """Return a certificate and key for 127.0.0.1 made with the openssl command."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


@contextlib.contextmanager
def _smtp_server(inbox: _Inbox, **kwargs: Any) -> Iterator[int]:
    """Run an aiosmtpd server on 127.0.0.1 and yield its port."""
    controller_module = pytest.importorskip("aiosmtpd.controller")
    port = free_port()
    controller = controller_module.Controller(
        inbox,
        hostname="127.0.0.1",
        port=port,
        authenticator=inbox,
        auth_exclude_mechanism=["LOGIN"],
        **kwargs,
    )
    controller.start()
    try:
        yield port
    finally:
        controller.stop()


def _mail_rule(port: int, **sink: Any) -> AlertRule:
    fields = {"type": "email", "host": "127.0.0.1", "port": port, "from": "b@t.example"}
    return _rule(roots=["19"], sinks=[fields | {"to": ["d@t.example"]} | sink])


def test_email_sink_logs_in_with_password_from_env(
    filled: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BILAT_TEST_SMTP_PASSWORD", "s3cret")
    inbox = _Inbox()
    with _smtp_server(inbox, auth_require_tls=False) as port:
        rule = _mail_rule(port, username="desk", password_env="BILAT_TEST_SMTP_PASSWORD")
        run = run_alerts(filled, [rule])
    assert (run.recorded, run.errors, inbox.logins, len(inbox.messages)) == (1, [], ["desk"], 1)


def test_email_sink_wrong_password_names_rule_and_variable(
    filled: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BILAT_TEST_SMTP_PASSWORD", "wrong")
    inbox = _Inbox()
    with _smtp_server(inbox, auth_require_tls=False) as port:
        rule = _mail_rule(port, username="desk", password_env="BILAT_TEST_SMTP_PASSWORD")
        run = run_alerts(filled, [rule])
    assert (run.recorded, inbox.messages) == (0, [])
    assert run.errors == [
        f"alert rule 'r', email sink: email server 127.0.0.1:{port} (none) refused the login "
        "of 'desk' (535); check username and the password in BILAT_TEST_SMTP_PASSWORD"
    ]


def test_email_sink_missing_password_variable_is_an_error(
    filled: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BILAT_TEST_SMTP_PASSWORD", raising=False)
    rule = _mail_rule(1, username="desk", password_env="BILAT_TEST_SMTP_PASSWORD")
    run = run_alerts(filled, [rule])
    assert run.errors == [
        "alert rule 'r', email sink: email login as 'desk' needs a password in the environment "
        "variable BILAT_TEST_SMTP_PASSWORD, which is not set; export it before running bilat"
    ]


def test_email_sink_starttls_with_login(
    filled: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cert, key = _self_signed(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    monkeypatch.setenv("BILAT_TEST_SMTP_PASSWORD", "s3cret")
    inbox = _Inbox()
    with _smtp_server(inbox, tls_context=context, require_starttls=True) as port:
        rule = _mail_rule(
            port,
            security="starttls",
            ca_file=str(cert),
            username="desk",
            password_env="BILAT_TEST_SMTP_PASSWORD",
        )
        run = run_alerts(filled, [rule])
    assert (run.recorded, run.errors, inbox.logins, len(inbox.messages)) == (1, [], ["desk"], 1)


def test_email_sink_implicit_tls(filled: Store, tmp_path: Path) -> None:
    cert, key = _self_signed(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    inbox = _Inbox()
    with _smtp_server(inbox, ssl_context=context) as port:
        run = run_alerts(filled, [_mail_rule(port, security="tls", ca_file=str(cert))])
    assert (run.recorded, run.errors, len(inbox.messages)) == (1, [], 1)


def test_email_sink_untrusted_certificate_fails_clearly(filled: Store, tmp_path: Path) -> None:
    cert, key = _self_signed(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    inbox = _Inbox()
    with _smtp_server(inbox, ssl_context=context) as port:
        run = run_alerts(filled, [_mail_rule(port, security="tls")])
    assert (run.recorded, inbox.messages) == (0, [])
    assert run.errors[0].startswith(
        f"alert rule 'r', email sink: TLS with email server 127.0.0.1:{port} (tls) failed ("
    )
    assert run.errors[0].endswith("check security and port, or trust its certificate with ca_file")


def test_email_sink_refuses_password_in_settings() -> None:
    table = (
        '[[alerts]]\nname = "m"\n'
        'sinks = [{ type = "email", host = "h", from = "a@b", to = ["c@d"], password = "x" }]\n'
    )
    with pytest.raises(ConfigError) as caught:
        parse_rules(table, source="bilat.toml")
    assert "a password may not be written in bilat.toml; put it in an environment variable" in (
        str(caught.value)
    )


def test_email_sink_usual_ports() -> None:
    rule = parse_rules(
        '[[alerts]]\nname = "m"\nsinks = [\n'
        '  { type = "email", host = "h", from = "a@b", to = ["c@d"] },\n'
        '  { type = "email", host = "h", from = "a@b", to = ["c@d"], security = "starttls" },\n'
        '  { type = "email", host = "h", from = "a@b", to = ["c@d"], security = "tls" },\n'
        "]\n"
    )[0]
    assert [s.smtp_port for s in rule.sinks if isinstance(s, EmailSink)] == [25, 587, 465]


TOML = """\
db = "x.duckdb"

[[alerts]]
name = "clashes"
dyad = ["PAK", "AFG"]

[[alerts]]
name = "bad"
goldstein_min = 20
"""


def test_parse_rules_error_names_file_line_and_field() -> None:
    with pytest.raises(ConfigError) as caught:
        parse_rules(TOML, source="bilat.toml")
    assert str(caught.value).startswith(
        "[E500] bilat.toml:7: alert 'bad', goldstein_min: Input should be less than or equal to 10;"
    )


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('name = "a"\ndyad = ["PAK", "AFG"]\nactor = "PAK"', "give either dyad or actor, not both"),
        ('name = "a"\nquad_classes = [5]', "quad_classes are 1 to 4, got [5]"),
        ('name = "a"\nsinks = [{type = "pager"}]', "sinks.0"),
        ('name = "a"\nthreshold = 3', "threshold: Extra inputs are not permitted"),
    ],
)
def test_parse_rules_rejects_invalid(table: str, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_rules("[[alerts]]\n" + table + "\n")
    assert message in str(caught.value)


def test_parse_rules_reads_sinks() -> None:
    text = (
        '[[alerts]]\nname = "a"\nactor = "PAK"\n'
        '[[alerts.sinks]]\ntype = "email"\nhost = "mail"\nfrom = "a@b.c"\nto = ["d@e.f"]\n'
    )
    (rule,) = parse_rules(text)
    assert rule.sinks[0].model_dump() == {
        "type": "email",
        "host": "mail",
        "port": None,
        "security": "none",
        "username": None,
        "password_env": None,
        "ca_file": None,
        "sender": "a@b.c",
        "to": ("d@e.f",),
        "timeout": 10.0,
    }


def test_cli_alerts_test_lists_matches(filled: Store, tmp_path: Path) -> None:
    db = filled.url if hasattr(filled, "url") else ""
    filled.close()
    config = tmp_path / "bilat.toml"
    config.write_text('[[alerts]]\nname = "force"\nroots = ["19"]\n')
    result = CliRunner().invoke(
        app, ["alerts", "test", "--db", db, "--config", str(config), "--format", "jsonl"]
    )
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [(r["rule"], r["event_id"], r["fired"]) for r in rows] == [("force", "e1", False)]
