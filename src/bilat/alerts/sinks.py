"""Deliver one alert to one sink: a stream, a JSONL file, a webhook (POST JSON) or email (SMTP)."""

from __future__ import annotations

import json
import os
import smtplib
import ssl
import urllib.error
import urllib.request
from email.message import EmailMessage
from pathlib import Path
from typing import Any, TextIO

from bilat.alerts.rules import EmailSink, JsonlSink, StdoutSink, WebhookSink
from bilat.errors import BilatError


class SinkError(BilatError):
    """An alert could not be delivered to a sink; the message names the sink and the reason."""

    default_code = "E600"


def _email_body(payload: dict[str, Any]) -> str:
    lines = [
        f"Rule: {payload['rule']}",
        f"Date: {payload['date'] or 'undated'}",
        f"Event: {payload['source']} {payload['cameo_name']} ({payload['cameo']}) "
        f"{payload['target'] or ''}".rstrip(),
        f"Goldstein: {payload['goldstein']:g}   confidence: {payload['confidence']:.2f}   "
        f"articles: {payload['articles']}",
        "",
        payload["sentence"],
        "",
        "Sources:",
    ]
    for source in payload["sources"]:
        where = source["url"] or source["doc_id"]
        lines.append(f"- {source['title'] or source['doc_id']}: {where}")
    return "\n".join(lines) + "\n"


def _subject(payload: dict[str, Any]) -> str:
    # Short enough that mail clients never fold it.
    target = f" {payload['target']}" if payload["target"] else ""
    return f"[{payload['rule']}] {payload['source']} {payload['cameo']}{target} {payload['date']}"


def deliver(
    payload: dict[str, Any],
    headline: str,
    sink: StdoutSink | JsonlSink | WebhookSink | EmailSink,
    *,
    stdout: TextIO | None = None,
) -> None:
    """Send one alert to one sink.

    Args:
        payload: The alert as JSON-ready data.
        headline: A one-line summary (the first line of an email).
        sink: Where to send it.
        stdout: The stream ``stdout`` sinks write to (skipped when None).

    Raises:
        SinkError: The file, webhook or SMTP server refused or could not be reached.
    """
    line = json.dumps(payload, ensure_ascii=False, sort_keys=True)
    if isinstance(sink, StdoutSink):
        if stdout is not None:
            stdout.write(line + "\n")
    elif isinstance(sink, JsonlSink):
        try:
            with Path(sink.path).expanduser().open("a", encoding="utf-8") as handle:
                handle.write(line + "\n")
        except OSError as error:
            raise SinkError(
                f"cannot append alert to {sink.path}: {error}; check the path is writable"
            ) from error
    elif isinstance(sink, WebhookSink):
        _post(sink, line.encode("utf-8"))
    else:
        _mail(sink, _subject(payload), headline + "\n\n" + _email_body(payload))


def _post(sink: WebhookSink, body: bytes) -> None:
    request = urllib.request.Request(
        sink.url,
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", "User-Agent": "bilat-alerts/0.1"},
    )
    try:
        with urllib.request.urlopen(request, timeout=sink.timeout) as answer:
            answer.read()
    except urllib.error.HTTPError as error:
        error.close()
        raise SinkError(
            f"webhook {sink.url} answered HTTP {error.code} {error.reason}; check the receiver"
        ) from error
    except (urllib.error.URLError, OSError) as error:
        raise SinkError(
            f"webhook {sink.url} unreachable ({error}); check the URL and that it is running"
        ) from error


def _password(sink: EmailSink) -> str | None:
    """Return the SMTP password from the environment variable the sink names."""
    if sink.password_env is None:
        return None
    password = os.environ.get(sink.password_env)
    if not password:
        raise SinkError(
            f"email login as {sink.username!r} needs a password in the environment variable "
            f"{sink.password_env}, which is not set; export it before running bilat"
        )
    return password


def _tls_context(sink: EmailSink) -> ssl.SSLContext:
    try:
        return ssl.create_default_context(cafile=sink.ca_file)
    except (OSError, ssl.SSLError) as error:
        raise SinkError(
            f"cannot read the CA file {sink.ca_file} ({error}); give a PEM certificate file"
        ) from error


def _connect(sink: EmailSink) -> smtplib.SMTP:
    """Open an SMTP connection secured as the sink asks (plain, STARTTLS or implicit TLS)."""
    if sink.security == "tls":
        return smtplib.SMTP_SSL(
            sink.host, sink.smtp_port, timeout=sink.timeout, context=_tls_context(sink)
        )
    smtp = smtplib.SMTP(sink.host, sink.smtp_port, timeout=sink.timeout)
    if sink.security == "starttls":
        try:
            smtp.starttls(context=_tls_context(sink))
        except BaseException:
            smtp.close()
            raise
    return smtp


def _mail(sink: EmailSink, subject: str, body: str) -> None:
    message = EmailMessage()
    message["From"] = sink.sender
    message["To"] = ", ".join(sink.to)
    message["Subject"] = subject
    message.set_content(body)
    password = _password(sink)
    where = f"{sink.host}:{sink.smtp_port} ({sink.security})"
    try:
        with _connect(sink) as smtp:
            if sink.username is not None and password is not None:
                smtp.login(sink.username, password)
            smtp.send_message(message)
    except smtplib.SMTPAuthenticationError as error:
        raise SinkError(
            f"email server {where} refused the login of {sink.username!r} ({error.smtp_code}); "
            f"check username and the password in {sink.password_env}"
        ) from error
    except smtplib.SMTPNotSupportedError as error:
        raise SinkError(
            f"email server {where}: {error}; check the security setting "
            "(none, starttls or tls) and the port"
        ) from error
    except ssl.SSLError as error:
        raise SinkError(
            f"TLS with email server {where} failed ({error}); check security and port, or "
            "trust its certificate with ca_file"
        ) from error
    except (smtplib.SMTPException, OSError) as error:
        raise SinkError(
            f"cannot send alert email via {where} ({error}); check the smtp host, port, "
            "security and addresses"
        ) from error
