"""`probe serve`: the database in web browsers, read-only, with Datasette (an optional extra)."""

from typing import Annotated

import typer

from probe.cli.app import app, database_path, fail


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[
        str, typer.Option(help="Address to listen on. Anything but loopback shares the data.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port; 0 picks a free one.")] = 8001,
) -> None:
    """Open the database to web browsers, read-only, with Datasette.

    Search ranked as `probe search` ranks it, the ratings of every report, a key question
    across reports and one PDU's report; every table with facets, and CSV and JSON export.
    Reports imported while it runs show up at the next page. Needs the optional extra:
    pip install 'hmip-probe[serve]'.

    Example: probe serve --port 8001, then open http://127.0.0.1:8001/
    """
    from probe.serve import ServeError, require_extra, run

    try:
        require_extra()  # before building a first database it could not show
        run(database_path(ctx.obj), host, port, announce=lambda line: typer.echo(f"probe: {line}", err=True))
    except ServeError as error:
        fail(str(error))
