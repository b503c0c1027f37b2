"""The user's config.toml (probe.settings.read_config) checked against the explorer: its theme
is one Textual ships, or "ansi"; each key in [keys] remaps a binding the explorer has."""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding
from textual.dom import DOMNode
from textual.theme import BUILTIN_THEMES

from probe.settings import Config, SettingsError, read_config

DEFAULT_THEME = "textual-dark"
# The terminal's own palette: foreground and background left as the terminal has them.
ANSI_THEME = "ansi-dark"
THEME_ALIASES = {"ansi": ANSI_THEME}


def theme_names() -> list[str]:
    return sorted([*THEME_ALIASES, *BUILTIN_THEMES])


def default_keys() -> dict[str, str]:
    """Every binding id in the explorer -> its default keys."""
    keys = {binding.id: binding.key for _, bindings in _scopes() for binding in bindings if binding.id}
    return dict(sorted(keys.items()))


def _scopes() -> list[tuple[type, list[Binding]]]:
    """Each of the explorer's screens, widgets and the app, with the bindings it declares."""
    import probe.tui.app  # noqa: F401  (defines every screen and widget)

    return [
        (node_class, [b for b in vars(node_class).get("BINDINGS", []) if isinstance(b, Binding)])
        for node_class in _subclasses(DOMNode)
        if node_class.__module__.startswith("probe.tui.")
    ]


def _clash(remapped: dict[str, str]) -> str | None:
    """The first key that the remapping gives to two bindings of one screen or widget (or of
    one and the app, whose keys work everywhere), said as a sentence; None when there is none."""
    from textual.app import App

    scopes = _scopes()
    app_bindings = [b for node_class, bindings in scopes if issubclass(node_class, App) for b in bindings]
    for node_class, bindings in scopes:
        if issubclass(node_class, App):
            continue
        holders: dict[str, set[str]] = {}
        for binding in [*bindings, *app_bindings]:
            for key in remapped.get(binding.id, binding.key).split(","):
                holders.setdefault(key.strip(), set()).add(binding.id or binding.action)
        for key, ids in holders.items():
            if len(ids) > 1 and ids & remapped.keys():
                return f"{key!r} is given to {' and '.join(sorted(ids))} ({node_class.__name__})"
    return None


def _subclasses(cls: type) -> list[type]:
    return [sub for direct in cls.__subclasses__() for sub in (direct, *_subclasses(direct))]


def load_config(path: Path | None = None) -> Config:
    """The config file's values, each checked; SettingsError (one line naming the file) otherwise."""
    config = read_config(path)
    if config.theme is not None and config.theme not in theme_names():
        raise SettingsError(f"{config.path}: unknown theme {config.theme!r}: choose one of {', '.join(theme_names())}")
    known = default_keys()
    for binding_id in config.keys:
        if binding_id not in known:
            raise SettingsError(
                f"{config.path}: [keys] has no binding {binding_id!r}: `probe config` lists every binding's id"
            )
    if clash := _clash(config.keys):
        raise SettingsError(f"{config.path}: [keys]: {clash}, so one of them would never run")
    return config


def textual_theme(config: Config) -> str:
    theme = config.theme or DEFAULT_THEME
    return THEME_ALIASES.get(theme, theme)
