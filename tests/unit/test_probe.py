"""The container healthcheck against a real HTTP server on loopback."""

from __future__ import annotations

import http.server
import socket
import threading
from collections.abc import Iterator
from typing import ClassVar

import pytest

from services.runtime.probe import main


class _Pages(http.server.BaseHTTPRequestHandler):
    statuses: ClassVar[dict[str, int]] = {}

    def do_GET(self) -> None:
        status = self.statuses.get(self.path, 404)
        body = b'{"status": "failing"}' if status != 200 else b'{"status": "ok"}'
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def port() -> Iterator[int]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    thread.join()


def test_healthy_only_when_every_page_answers_200(port: int, capsys: pytest.CaptureFixture[str]) -> None:
    _Pages.statuses = {"/live": 200, "/ready": 200}
    assert main(["/live", "/ready", "--port", str(port)]) == 0
    _Pages.statuses = {"/live": 200, "/ready": 503}
    assert main(["/live", "/ready", "--port", str(port)]) == 1
    assert "/ready: 503" in capsys.readouterr().out
    assert main(["/live", "--port", str(port)]) == 0


def test_no_worker_listening_is_unhealthy(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = sock.getsockname()[1]
    assert main(["/live", "--port", str(closed)]) == 1
    assert f":{closed}/live" in capsys.readouterr().out
