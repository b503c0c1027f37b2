"""Time to the first screen in a real terminal: `probe --db DB` in a tmux pane, until the PDU
list shows. tmux runs on its own socket, so nobody else's tmux sessions are touched."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

POLL_S = 0.01  # capture-pane costs a few ms of CPU; polling faster would slow probe down
TIMEOUT_S = 60.0


def available() -> bool:
    return shutil.which("tmux") is not None


class Terminal:
    """An 80x24 tmux server of our own."""

    def __init__(self) -> None:
        self.socket = f"probe-bench-{os.getpid()}"
        self._tmux("new-session", "-d", "-s", "bench", "-x", "80", "-y", "24", "cat")

    def _tmux(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=True
        ).stdout

    def first_screen(self, command: list[str], *expected: str) -> float:
        """Seconds from starting `command` in a new 80x24 window until every `expected`
        text is on screen."""
        started = time.perf_counter()
        window = self._tmux(
            "new-window", "-P", "-F", "#{window_id}", "-t", "bench", shlex.join(command)
        ).strip()
        try:
            while True:
                screen = self._tmux("capture-pane", "-p", "-t", window)
                if all(text in screen for text in expected):
                    return time.perf_counter() - started
                if time.perf_counter() - started > TIMEOUT_S:
                    raise TimeoutError(f"{command[0]} did not show {expected} within {TIMEOUT_S}s")
                time.sleep(POLL_S)
        finally:
            self._tmux("kill-window", "-t", window)

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def probe_command(db: Path) -> list[str]:
    return [str(Path(sys.executable).parent / "probe"), "--db", str(db)]
