"""Running the real `probe serve` for tests: started as `python -m probe serve --port 0` on
127.0.0.1, ready once it answers, always stopped afterwards."""

from __future__ import annotations

import json
import os
import queue
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from conftest import REPO

START_TIMEOUT_S = 60  # generous: two cores shared with other test runs


class Server:
    def __init__(self, process: subprocess.Popen, url: str, lines: list[str]) -> None:
        self.process, self.url, self.lines = process, url, lines

    def get(self, path: str, **params) -> dict:
        query = urllib.parse.urlencode({**params, "_shape": "objects"})
        try:
            with urllib.request.urlopen(f"{self.url}{path}.json?{query}", timeout=30) as response:
                return json.load(response)
        except urllib.error.HTTPError as error:  # Datasette explains a refusal in JSON
            return json.load(error)

    def rows(self, path: str, **params) -> list[dict]:
        answer = self.get(path, **params)
        assert answer.get("error") is None, answer["error"]
        return answer["rows"]

    def html(self, path: str, **params) -> str:
        url = f"{self.url}{path}?{urllib.parse.urlencode(params)}"
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")


def stderr_lines(process: subprocess.Popen) -> queue.Queue:
    """The process's stderr, line by line, read in a thread so waiting on it can time out."""
    lines: queue.Queue = queue.Queue()

    def read() -> None:
        for line in process.stderr:
            lines.put(line.rstrip("\n"))
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    return lines


@contextmanager
def serving(db: Path, *options: str):
    """`probe --db DB serve --port 0 OPTIONS`, ready to answer; always stopped afterwards."""
    env = {name: value for name, value in os.environ.items() if name != "PROBE_DB"}
    process = subprocess.Popen(
        [sys.executable, "-m", "probe", "--db", str(db), "serve", "--port", "0", *options],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, cwd=REPO, env=env,
    )  # fmt: skip
    try:
        lines, seen = stderr_lines(process), []
        deadline = time.monotonic() + START_TIMEOUT_S
        while not any("serving" in line for line in seen):
            line = lines.get(timeout=max(deadline - time.monotonic(), 0.1))
            assert line is not None, f"probe serve ended: {seen}"
            seen.append(line)
        url = re.search(r"http://\S+/", seen[-1]).group(0)
        wait_until_answering(url, deadline)
        yield Server(process, url, seen)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_answering(url: str, deadline: float) -> None:
    """Poll the server's port, then its version page, until it answers or time runs out."""
    host, port = urllib.parse.urlsplit(url).hostname, urllib.parse.urlsplit(url).port
    while True:
        try:
            with socket.create_connection((host, port), timeout=5):
                pass
            with urllib.request.urlopen(f"{url}-/versions.json", timeout=10) as response:
                if response.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
