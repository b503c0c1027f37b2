"""What every list of findings offers: `m` for similar findings, `c` to copy one with its citation.

A list says which finding is highlighted (as a SearchHit); the app does the rest.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from probe.store.search import SearchHit
from probe.tui.messages import CopyFinding, ShowSimilar
from probe.tui.widgets.keys import VIM_CURSOR

FINDING_KEYS = [
    Binding("m", "similar", "Similar findings in other reports", show=False, id="finding.similar"),
    Binding("c", "copy_finding", "Copy the finding with its citation", show=False, id="finding.copy"),
]


class FindingKeys:
    """Mixin for an OptionList whose options are findings or recommendations."""

    def highlighted_hit(self) -> SearchHit | None:
        raise NotImplementedError

    def action_similar(self) -> None:
        hit = self.highlighted_hit()
        if hit is not None:
            self.post_message(ShowSimilar(hit))

    def action_copy_finding(self) -> None:
        hit = self.highlighted_hit()
        if hit is not None:
            self.post_message(CopyFinding(hit))


class HitList(FindingKeys, OptionList):
    """Search hits, one option each (its prompt made by `prompt`)."""

    BINDINGS = [*VIM_CURSOR, *FINDING_KEYS]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.hits: list[SearchHit] = []

    def set_hits(self, hits: list[SearchHit], prompt, highlighted: int | None = 0) -> None:
        self.hits = hits
        self.set_options(Option(prompt(hit), id=str(index)) for index, hit in enumerate(hits))
        self.highlighted = min(highlighted or 0, len(hits) - 1) if hits else None

    def hit_of(self, option: Option) -> SearchHit:
        return self.hits[int(option.id)]

    def highlighted_hit(self) -> SearchHit | None:
        return None if self.highlighted is None else self.hits[self.highlighted]
