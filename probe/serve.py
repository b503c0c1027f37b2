"""`probe serve`: the database in a web browser, through Datasette (the optional `serve` extra).

Read-only, and live: Datasette opens the file as a mutable database, one `mode=ro` SQLite
connection per worker thread (never `immutable=1`, which would keep showing the reports as they
were at start), so reports imported while it runs show up at the next request. The plugin adds
PRAGMA query_only on every connection to the reports, and no canned query writes.
"""

from __future__ import annotations

import ipaddress
import socket
from importlib import resources
from pathlib import Path

EXTRA_HINT = "pip install 'hmip-probe[serve]'"
LOCAL_NAMES = ("localhost",)


class ServeError(Exception):
    """probe serve cannot start; str() is one line."""


def require_extra() -> None:
    """Datasette is an optional extra: without it, say how to get it."""
    try:
        import datasette  # noqa: F401
    except ImportError:
        raise ServeError(f"probe serve needs Datasette, an optional extra: {EXTRA_HINT}") from None


def run(path: Path, host: str, port: int, announce) -> None:
    """Serve the database at `path` until interrupted. `announce(line)` is told where."""
    require_extra()
    import uvicorn
    from datasette.app import Datasette

    check_database(path)
    listener = listen(host, port)
    datasette = configured_datasette(Datasette, path)
    bound_port = listener.getsockname()[1]
    if not is_loopback(host):
        announce(
            f"warning: listening on {host}: anyone who can reach this machine on port "
            f"{bound_port} can read every report in {path}"
        )
    announce(f"serving {path} read-only at {url(host, bound_port)} (Ctrl+C stops)")
    config = uvicorn.Config(datasette.app(), log_level="warning", lifespan="on")
    uvicorn.Server(config).run(sockets=[listener])


def check_database(path: Path) -> None:
    """A missing file, not SQLite, or not probe's schema: say so before starting anything."""
    from probe.store.connection import StoreError
    from probe.store.migrations import open_reader

    try:
        open_reader(path).close()  # a database from an older probe is upgraded first
    except StoreError as error:
        raise ServeError(str(error)) from None


def configured_datasette(datasette_class, path: Path):
    """Datasette with probe's metadata and plugin, showing the one database as "probe"."""
    import yaml
    from datasette.database import Database
    from datasette.plugins import pm

    from probe.web import plugin

    if not pm.is_registered(plugin):
        pm.register(plugin, name="probe")
    quiet_handled_errors()
    metadata = yaml.safe_load(resources.files("probe.web").joinpath("metadata.yaml").read_text())
    templates = resources.files("probe.web").joinpath("templates")
    datasette = datasette_class(
        metadata=metadata, settings={"truncate_cells_html": 400}, template_dir=str(templates)
    )
    datasette.remove_database("_memory")  # Datasette's scratch database: not wanted here
    datasette.add_database(Database(datasette, str(path.resolve()), is_mutable=True), name=plugin.DATABASE)
    return datasette


def quiet_handled_errors() -> None:
    """With Rich installed (probe installs it), Datasette prints every error it answers, a
    user's refused SQL (400) included, as a traceback with its local variables: the query,
    the request. Those are answers, not faults. A real fault (500) still prints its traceback."""
    import datasette.handle_exception

    datasette.handle_exception.rich = None


def listen(host: str, port: int) -> socket.socket:
    """A listening socket, so a busy port is one clear line, and --port 0 picks a free one."""
    try:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        listener = socket.socket(family, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, port))
        listener.listen(128)
    except (OSError, OverflowError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise ServeError(f"cannot listen on {host} port {port}: {reason}") from None
    return listener


def is_loopback(host: str) -> bool:
    if host in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a host name: it may well be reachable from elsewhere


def url(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"
