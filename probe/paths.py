"""Where probe keeps its database and reads its user settings."""

from __future__ import annotations

import os
from pathlib import Path

DB_ENV = "PROBE_DB"


def default_db_path() -> Path:
    """$XDG_DATA_HOME/probe/probe.db, or ~/.local/share/probe/probe.db without it."""
    data_home = os.environ.get("XDG_DATA_HOME", "")
    base = Path(data_home) if os.path.isabs(data_home) else Path.home() / ".local" / "share"
    return base / "probe" / "probe.db"


def config_dir() -> Path:
    """$XDG_CONFIG_HOME/probe, or ~/.config/probe without it: the user's own settings
    (pdus.toml links renamed PDUs, themes.toml adds or changes themes)."""
    config_home = os.environ.get("XDG_CONFIG_HOME", "")
    base = Path(config_home) if os.path.isabs(config_home) else Path.home() / ".config"
    return base / "probe"
