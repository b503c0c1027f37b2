"""The user's own settings: small TOML files in probe.paths.config_dir().

config.toml sets the explorer's looks and keys (checked against the explorer in probe.tui.config):

    theme = "ansi"           # one of Textual's themes, or "ansi": the terminal's own colours
    [keys]
    "app.search" = "ctrl+f"  # a binding's id = its keys (comma-separated for more than one)

themes.toml adds themes to the ones probe ships (probe/themes.toml) or changes them.

pdus.toml links the names of a PDU that was renamed or merged, so `probe history` shows its
inspections together. Each key is a PDU's name; its list holds the other names it went by:

    [links]
    "County Durham and Darlington" = ["Durham Tees Valley", "Darlington"]

Names are matched after normalising (case, "&" for "and", a "PDU" suffix, punctuation).
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from probe.paths import config_dir

CONFIG_FILE = "config.toml"
PDUS_FILE = "pdus.toml"
THEMES_FILE = "themes.toml"


class SettingsError(Exception):
    """A settings file probe cannot use. str() is one line naming the file."""


def read_toml(path: Path) -> dict:
    """A TOML file's contents; {} when there is no such file."""
    import tomllib

    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise SettingsError(f"{path}: {error}") from None


class Config(NamedTuple):
    path: Path
    theme: str | None  # None: the explorer's default
    keys: dict[str, str]  # binding id -> keys


def read_config(path: Path | None = None) -> Config:
    """config.toml's values, their types checked; what they name is checked by probe.tui.config."""
    path = path or config_dir() / CONFIG_FILE
    values = read_toml(path)
    unknown = sorted(set(values) - {"theme", "keys"})
    if unknown:
        raise SettingsError(f"{path}: unknown setting {unknown[0]!r}: the settings are theme and [keys]")
    theme = values.get("theme")
    if theme is not None and not isinstance(theme, str):
        raise SettingsError(f'{path}: theme must be a name in quotes, e.g. theme = "ansi"')
    keys = values.get("keys", {})
    if not isinstance(keys, dict) or not all(isinstance(key, str) and key.strip() for key in keys.values()):
        raise SettingsError(f'{path}: [keys] must map a binding id to keys, e.g. "app.search" = "ctrl+f"')
    return Config(path, theme, {binding: key.strip() for binding, key in keys.items()})


def pdu_links(path: Path | None = None) -> dict[str, str]:
    """Every linked name (normalised) -> the normalised name of the PDU it belongs to."""
    from probe.store.history import normalise_pdu

    path = path or config_dir() / PDUS_FILE
    links = read_toml(path).get("links", {})
    if not isinstance(links, dict) or not all(
        isinstance(names, list) and all(isinstance(name, str) for name in names) for names in links.values()
    ):
        raise SettingsError(f'{path}: [links] must map a PDU name to a list of names, e.g. "Gwent" = ["Old name"]')
    return {normalise_pdu(old): normalise_pdu(name) for name, names in links.items() for old in names}


class Theme(NamedTuple):
    name: str
    query: str  # FTS5 syntax, as `probe search --raw` takes it


def shipped_themes_path() -> Path:
    return Path(__file__).with_name(THEMES_FILE)


def themes(user_file: Path | None = None) -> list[Theme]:
    """The shipped themes, each replaced by the user's theme of the same name, then the user's
    new themes."""
    merged = {theme.name.casefold(): theme for theme in read_themes(shipped_themes_path())}
    for theme in read_themes(user_file or config_dir() / THEMES_FILE):
        merged[theme.name.casefold()] = theme
    return list(merged.values())


def read_themes(path: Path) -> list[Theme]:
    entries = read_toml(path).get("theme", [])
    if not isinstance(entries, list) or not all(
        isinstance(entry, dict) and isinstance(entry.get("name"), str) and isinstance(entry.get("query"), str)
        and entry["name"].strip() and entry["query"].strip()
        for entry in entries
    ):  # fmt: skip
        raise SettingsError(f"{path}: each [[theme]] needs a name and a query, e.g. name = \"MAPPA\", query = \"MAPPA\"")
    return [Theme(entry["name"].strip(), entry["query"].strip()) for entry in entries]
