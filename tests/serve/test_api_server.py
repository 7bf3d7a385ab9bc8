"""`storyline serve` runs uvicorn on loopback; a token is read from the named variable only."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from click.testing import CliRunner

from storyline.cli import main
from storyline.store import Store


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_answers_on_loopback_and_stops(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    Store(db).close()
    port = _free_port()
    env = {**os.environ, "SERVE_TEST_TOKEN": "t0ken"}
    command = [str(Path(sys.executable).with_name("storyline")), "serve", str(db), "--port", str(port),
               "--token-env", "SERVE_TEST_TOKEN", "--query-timeout", "2", "--max-page", "100"]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        health = None
        for _ in range(100):
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        assert health is not None and health.json()["ingest"] is True
        too_big = httpx.get(f"http://127.0.0.1:{port}/api/events", params={"limit": 101})
        assert too_big.json()["error"]["code"] == "E802"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_token_variable_that_is_not_set_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", str(tmp_path / "s.db"), "--token-env", "STORYLINE_NO_SUCH_VAR"],
                                env={"STORYLINE_NO_SUCH_VAR": ""})
    assert result.exit_code == 1 and "E701" in result.output
