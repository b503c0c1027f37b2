"""Key bindings shared by the list-like widgets."""

from textual.binding import Binding

VIM_CURSOR = [
    Binding("j", "cursor_down", "Down", show=False, id="cursor.down"),
    Binding("k", "cursor_up", "Up", show=False, id="cursor.up"),
]
