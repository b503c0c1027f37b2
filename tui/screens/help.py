"""Every key, by where it works. Built from the bindings themselves so it cannot drift."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from probe.tui import render
from probe.tui.screens.explorer import ExplorerScreen
from probe.tui.screens.reader import ReaderScreen
from probe.tui.screens.search import SearchScreen
from probe.tui.widgets.hits import FINDING_KEYS
from probe.tui.widgets.keys import VIM_CURSOR
from probe.tui.widgets.pdu_list import PduList


def moving(remapped: dict[str, str]) -> Binding:
    """Up and down, with VIM_CURSOR's keys (j and k unless config.toml remaps them), said here
    once rather than listed again as bindings of their own."""
    also = ", ".join(remapped.get(binding.id, binding.key) for binding in VIM_CURSOR)
    return Binding(
        "up,down", "", f"Move in a list or the text (also {also}); PageUp/PageDown, Home/End jump"
    )


# Keys handled by widgets rather than declared bindings, with what they do in probe.
GROUPS: list[tuple[str, list[Binding]]] = [
    ("Everywhere", [Binding("ctrl+p", "", "Command palette: jump to a PDU, switch view, sort")]),
    ("PDU list", [*PduList.BINDINGS, Binding("enter", "", "Open the selected PDU's details")]),
    (
        "Report panes",
        [
            *ExplorerScreen.BINDINGS,
            Binding("enter", "", "On a rating: its findings. On a finding: read it in the report"),
        ],
    ),
    ("Search", [*SearchScreen.BINDINGS, Binding("enter", "", "Open the result in its report")]),
    ("On a finding or search result", FINDING_KEYS),
    ("Report reader", ReaderScreen.BINDINGS),
]
RATING_KEY = Text.assemble(
    "Ratings show as a word and a colour: ",
    *(
        part
        for value in render.SHORT_RATINGS
        for part in (render.rating(value, short=True), f" {value}  ")
    ),
)


def _keys_table(title: str, bindings: list[Binding], key_display, remapped: dict[str, str]) -> Table:
    table = Table(
        title=Text(title, style="bold"), title_justify="left", show_header=False, box=None
    )
    table.add_column(width=16, style="bold")
    table.add_column(ratio=1)
    for binding in bindings:
        keys = remapped.get(binding.id, binding.key) if binding.id else binding.key
        keys = " / ".join(key_display(key.strip()) for key in keys.split(","))
        table.add_row(Text(keys), Text(binding.description))
    return table


class HelpScreen(ModalScreen):

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close help", id="help.close"),
        Binding("j", "scroll(1)", "Down", show=False, id="help.down"),
        Binding("k", "scroll(-1)", "Up", show=False, id="help.up"),
    ]

    def compose(self) -> ComposeResult:
        def key_display(key: str) -> str:
            return self.app.get_key_display(Binding(key, ""))

        remapped = self.app.remapped_keys
        everywhere = [*self.app.BINDINGS, *GROUPS[0][1], moving(remapped)]
        tables = [_keys_table("Everywhere", everywhere, key_display, remapped)]
        tables += [_keys_table(title, bindings, key_display, remapped) for title, bindings in GROUPS[1:]]
        body = Group(*(part for table in tables for part in (table, Text(""))), RATING_KEY)
        with VerticalScroll(id="help"):
            yield Static(Text("probe keys (Esc closes)", style="bold reverse"), id="help-title")
            yield Static(body)

    def on_mount(self) -> None:
        self.query_one("#help").focus()

    def action_scroll(self, step: int) -> None:
        self.query_one("#help").scroll_relative(y=step, animate=False)
