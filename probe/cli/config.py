"""`probe config`: where the explorer's config file is, and the theme and keys it sets."""

import typer

from probe.cli.app import app, fail


@app.command("config")
def show_config() -> None:
    """Print the config file's path, the explorer's theme, and every key binding by its id.

    The file is ~/.config/probe/config.toml ($XDG_CONFIG_HOME/probe/config.toml):

      theme = "ansi"

      [keys]

      "app.search" = "ctrl+f"

    theme is one of Textual's themes (e.g. textual-light, nord), or "ansi" for the terminal's
    own colours. [keys] maps a binding's id (listed here) to its new keys, comma-separated.
    """
    from probe.settings import SettingsError
    from probe.tui.config import DEFAULT_THEME, default_keys, load_config

    try:
        config = load_config()
    except SettingsError as error:
        fail(str(error))
    found = "" if config.path.exists() else " (no such file: the defaults apply)"
    typer.echo(f"file: {config.path}{found}")
    typer.echo(f"theme: {config.theme or DEFAULT_THEME}{'' if config.theme else ' (default)'}")
    typer.echo("keys:")
    for binding_id, default in default_keys().items():
        remapped = config.keys.get(binding_id)
        keys = f"{remapped} (default: {default})" if remapped else default
        typer.echo(f"  {binding_id} = {keys}")
