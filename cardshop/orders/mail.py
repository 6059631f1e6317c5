"""Short plain-text emails through the shop's own SMTP server, made and sent with the standard library
(`email.message.EmailMessage` and `smtplib`: kept with Python itself, nothing to install).

Settings (all three are needed to send anything; without `CARDSHOP_SMTP_URL` nothing is sent and the
order form asks for no email):

- `CARDSHOP_SMTP_URL`, the server: `smtp://user:password@host:587` sends over STARTTLS and refuses to
  go on without it; `smtps://user:password@host:465` speaks TLS from the first byte;
  `smtp://host:25?starttls=off` sends in the clear, for a relay on the same machine or network only.
  User and password are optional and percent-encoded; `?timeout=SECONDS` (default 5) bounds each step;
  `connect`'s deadline bounds the whole exchange.
- `CARDSHOP_MAIL_FROM`, the From address, e.g. `Forget-me-not cards <cards@example.org>`.
- `CARDSHOP_PUBLIC_URL`, the site's address for links in emails, e.g. `https://cards.example.org`: a
  link is never built from a request's Host header, which anyone can set.

Nothing here logs or raises with an address or a password in its message.
"""

from __future__ import annotations

import contextlib
import smtplib
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, getaddresses, make_msgid
from urllib.parse import parse_qs, unquote, urlsplit

DEFAULT_TIMEOUT = 5.0  # seconds per connect, command or reply: a stuck server must not hold a request long
PORTS = {"starttls": 587, "tls": 465, "none": 25}


class MailConfigError(ValueError):
    """A mail setting is missing or malformed; the message names the setting, never its secret parts."""


@dataclass(frozen=True)
class MailSettings:
    host: str
    port: int
    security: str  # "starttls", "tls" or "none"
    username: str | None
    password: str | None
    sender: str
    public_url: str  # scheme and host only, no trailing slash
    timeout: float = DEFAULT_TIMEOUT


@dataclass(frozen=True)
class Mail:
    to: str
    subject: str
    body: str


def mail_settings(smtp_url: str | None, sender: str | None, public_url: str | None) -> MailSettings | None:
    """The settings, or None when `CARDSHOP_SMTP_URL` is not set (email is then off)."""
    smtp_url = (smtp_url or "").strip()
    if not smtp_url:
        return None
    parts = urlsplit(smtp_url)
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise MailConfigError("CARDSHOP_SMTP_URL must look like smtp://user:password@host:587 or smtps://host:465")
    query = {name: values[-1].strip().lower() for name, values in parse_qs(parts.query).items()}
    if parts.scheme == "smtps":
        security = "tls"
    elif query.get("starttls", "on") in ("off", "no", "0", "false"):
        security = "none"
    else:
        security = "starttls"
    try:
        port = parts.port or PORTS[security]
        timeout = float(query.get("timeout", DEFAULT_TIMEOUT))
    except ValueError:  # not chained: urllib's own message can quote the password
        raise MailConfigError("CARDSHOP_SMTP_URL has a port or timeout that is not a number") from None
    if not 0 < timeout <= 60:
        raise MailConfigError("CARDSHOP_SMTP_URL's timeout must be between 0 and 60 seconds")
    sender = (sender or "").strip()
    found = getaddresses([sender])
    if len(found) != 1 or "@" not in found[0][1]:
        raise MailConfigError("CARDSHOP_MAIL_FROM must be one address, e.g. 'Cards <cards@example.org>'")
    public = urlsplit((public_url or "").strip())
    if public.scheme not in ("http", "https") or not public.netloc or public.path not in ("", "/") or public.query:
        raise MailConfigError("CARDSHOP_PUBLIC_URL must be the site's address, e.g. https://cards.example.org")
    return MailSettings(
        host=parts.hostname,
        port=port,
        security=security,
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
        sender=sender,
        public_url=f"{public.scheme}://{public.netloc}",
        timeout=timeout,
    )


def is_mail_address(text: str) -> bool:
    """One address that reads back as itself from a To header: not a list ("a,b@example.org"), no
    display name or comment, no RFC 2047 encoded word (which a reader may decode into another address).
    Letters beyond ASCII are fine (sent with SMTPUTF8 where the server has it)."""
    return "=?" not in text and getaddresses([text]) == [("", text)]


def make_message(settings: MailSettings, mail: Mail) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.sender
    message["To"] = mail.to
    message["Subject"] = mail.subject
    message["Date"] = formatdate(usegmt=True)
    message["Message-ID"] = make_msgid(domain=getaddresses([settings.sender])[0][1].rpartition("@")[2])
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no out-of-office replies, please
    message.set_content(mail.body)
    return message


class _Deadline:
    """A hard end to the whole exchange, not just to each step: before every command sent and every
    reply read, the socket's timeout is cut to the time left, and at the end a timer shuts the socket
    down, so a server that stalls, answers each step just inside `timeout`, or drips its replies a byte
    at a time can't hold a request past its budget. Past the end: TimeoutError or SMTPServerDisconnected."""

    def __init__(self, *args, deadline: float | None = None, **kwargs):
        self.deadline = deadline
        self._timer: threading.Timer | None = None
        super().__init__(*args, **kwargs)

    def connect(self, *args, **kwargs):
        if self.deadline is not None and self._timer is None:
            self._timer = threading.Timer(max(0.0, self.deadline - time.monotonic()), self._cut)
            self._timer.daemon = True
            self._timer.start()
        return super().connect(*args, **kwargs)

    def _cut(self) -> None:
        sock = self.sock
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)  # wakes a read or write blocked in the sending thread

    def close(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        super().close()

    def _tighten(self) -> None:
        if self.deadline is None or self.sock is None:
            return
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the time for sending email is up")
        self.sock.settimeout(min(self.timeout, left))

    def send(self, s):
        self._tighten()
        return super().send(s)

    def getreply(self):
        self._tighten()
        return super().getreply()


class _SMTP(_Deadline, smtplib.SMTP):
    pass


class _SMTP_SSL(_Deadline, smtplib.SMTP_SSL):  # noqa: N801  (after smtplib's own name)
    pass


def connect(settings: MailSettings, deadline: float | None = None) -> smtplib.SMTP:
    """An open, signed-in connection (the caller quits it). Raises OSError or smtplib.SMTPException.
    With `deadline` (a `time.monotonic()` value) nothing on this connection waits past it."""
    context = ssl.create_default_context()
    timeout = settings.timeout
    if deadline is not None:
        timeout = min(timeout, deadline - time.monotonic())
        if timeout <= 0:
            raise TimeoutError("the time for sending email is up")
    server: smtplib.SMTP
    if settings.security == "tls":
        server = _SMTP_SSL(settings.host, settings.port, timeout=timeout, context=context, deadline=deadline)
    else:
        server = _SMTP(settings.host, settings.port, timeout=timeout, deadline=deadline)
    try:
        server.ehlo()
        if settings.security == "starttls":
            server.starttls(context=context)  # raises SMTPNotSupportedError rather than go on in the clear
            server.ehlo()
        if settings.username:
            server.login(settings.username, settings.password or "")
    except BaseException:
        server.close()
        raise
    return server


def send(server: smtplib.SMTP, settings: MailSettings, mail: Mail) -> None:
    """One message to exactly one recipient (the envelope names only `mail.to`)."""
    server.send_message(make_message(settings, mail), from_addr=None, to_addrs=[mail.to])


def close(server: smtplib.SMTP) -> None:
    try:
        server.quit()
    except (OSError, smtplib.SMTPException):
        server.close()
