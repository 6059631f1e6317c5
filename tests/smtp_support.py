"""A real SMTP server for the tests (aiosmtpd, on loopback, on a free port, stopped after each test) that
keeps every message it receives, with the envelope's recipients."""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

MAIL_SETTINGS = {"CARDSHOP_MAIL_FROM": "Forget-me-not cards <cards@example.org>"}
PUBLIC_URL = "https://cards.example.org"


@dataclass
class Received:
    recipients: list[str]
    message: EmailMessage

    @property
    def body(self) -> str:
        return self.message.get_content()


@dataclass
class Inbox:
    received: list[Received] = field(default_factory=list)
    refused: set[str] = field(default_factory=set)  # recipients answered with "550 no such mailbox"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.refused:
            return "550 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802  (aiosmtpd's hook name)
        message = message_from_bytes(envelope.original_content, policy=policy.default)
        self.received.append(Received(list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class SmtpServer:
    inbox: Inbox
    port: int

    @property
    def received(self) -> list[Received]:
        return self.inbox.received

    def refuse(self, address: str) -> None:
        self.inbox.refused.add(address)

    def settings(self, starttls: str = "off") -> dict:
        """The app's settings to send through this server (it has no TLS: starttls=off)."""
        url = f"smtp://127.0.0.1:{self.port}?starttls={starttls}&timeout=5"
        return {"CARDSHOP_SMTP_URL": url, "CARDSHOP_PUBLIC_URL": PUBLIC_URL, **MAIL_SETTINGS}


@pytest.fixture()
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port(), enable_SMTPUTF8=True)
    controller.start()
    try:
        yield SmtpServer(inbox, controller.port)
    finally:
        controller.stop()


def unreachable_settings() -> dict:
    """Settings naming a loopback port that nothing listens on (the connection is refused at once)."""
    url = f"smtp://127.0.0.1:{free_port()}?starttls=off&timeout=2"
    return {"CARDSHOP_SMTP_URL": url, "CARDSHOP_PUBLIC_URL": PUBLIC_URL, **MAIL_SETTINGS}


@dataclass
class SlowServer:
    """An SMTP server on loopback that answers every step correctly, but slowly: each reply after `delay`
    seconds, or (dripping) each byte of it `delay` seconds after the last. Every single step, or every
    read, stays inside the client's per-step timeout; the exchange as a whole does not."""

    port: int
    delay: float

    def settings(self) -> dict:
        url = f"smtp://127.0.0.1:{self.port}?starttls=off&timeout=5"
        return {"CARDSHOP_SMTP_URL": url, "CARDSHOP_PUBLIC_URL": PUBLIC_URL, **MAIL_SETTINGS}


def _answer_slowly(connection: socket.socket, delay: float, drip: bool, stopping: threading.Event) -> None:
    def say(reply: bytes) -> bool:
        for piece in [bytes([byte]) for byte in reply] if drip else [reply]:
            if stopping.wait(delay):
                return False
            connection.sendall(piece)
        return True

    with connection, connection.makefile("rb") as lines:
        try:
            if not say(b"220 slow.example.org ESMTP\r\n"):
                return
            in_data = False
            for line in lines:
                if in_data and line not in (b".\r\n", b".\n"):
                    continue
                command = line[:4].upper()
                in_data = command == b"DATA"
                reply = {b"DATA": b"354 go on", b"QUIT": b"221 bye"}.get(command, b"250 OK")
                if not say(reply + b"\r\n"):
                    return
        except OSError:
            return


def _slow_server(delay: float, drip: bool):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    stopping = threading.Event()

    def serve() -> None:
        while True:
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=_answer_slowly, args=(connection, delay, drip, stopping), daemon=True).start()

    threading.Thread(target=serve, daemon=True).start()
    try:
        yield SlowServer(listener.getsockname()[1], delay)
    finally:
        stopping.set()
        listener.shutdown(socket.SHUT_RDWR)  # wakes the accept above
        listener.close()


@pytest.fixture()
def slow_smtp_server():
    # Each reply just inside the 5 s step timeout: a whole exchange uncut would take over 30 s.
    yield from _slow_server(4.5, drip=False)


@pytest.fixture()
def dripping_smtp_server():
    # Each byte well inside the step timeout: the greeting alone would take over 15 s uncut.
    yield from _slow_server(0.6, drip=True)
