"""An inspection's identity never rests on one missing value: two reports of one PDU that do not
state their fieldwork month are two inspections, and a stored report is replaced only by a text
of the same inspection (same framework and dates) unless --force says otherwise."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from conftest import CORPUS, probe_process
from probe.importers import parse_report
from probe.store.read import Reader
from probe.store.connection import WouldLoseData
from probe.store.write import import_report, open_db

GWENT_STEM = "004_354d18e338058cf9"  # Gwent PDU, 2024 framework, fieldwork September 2025
TYNESIDE_STEM = "002_4b2ac3813f356061"  # South Tyneside and Gateshead, 2021 framework, October 2022

FIELDWORK_LINE = re.compile(r"^Fieldwork started [A-Z][a-z]+ \d{4}", re.MULTILINE)
START_DATE = re.compile(r"beginning \d\d [A-Z][a-z]+ \d{4}")


def seed(stem: str, *, without: tuple[re.Pattern, ...] = (FIELDWORK_LINE,), pdu: str = "") -> str:
    """A real report's text with parts cut out (by default its "Fieldwork started" month),
    optionally renamed to another PDU."""
    text = (CORPUS / f"{stem}.txt").read_text(encoding="utf-8")
    for pattern in without:
        text, cuts = pattern.subn("", text)
        assert cuts, pattern  # the seed really held it
    if pdu:
        text = text.replace("South Tyneside and Gateshead", pdu)
    return text


def stored(db_path: Path) -> list[tuple]:
    with Reader(db_path) as reader:
        return sorted(
            (r.pdu, r.framework, r.fieldwork_started, r.fieldwork_start_date, r.published, r.source_name)
            for r in (reader.report(s.id) for s in reader.reports())
        )


def store_texts(db_path: Path, *texts: tuple[str, str], force: bool = False) -> list[str]:
    db = open_db(db_path)
    try:
        return [import_report(db, parse_report(text, name), force=force) for name, text in texts]
    finally:
        db.close()


GWENT_2022 = ("gwent-2022.txt", seed(TYNESIDE_STEM, pdu="Gwent"))
GWENT_2025 = ("gwent-2025.txt", seed(GWENT_STEM))


def test_two_inspections_without_fieldwork_month_are_both_kept(tmp_path):
    db_path = tmp_path / "probe.db"
    assert store_texts(db_path, GWENT_2025, GWENT_2022) == ["imported", "imported"]
    assert stored(db_path) == [
        ("Gwent PDU", "2021", None, "2022-10-17", "December 2022", "gwent-2022.txt"),
        ("Gwent PDU", "2024", None, "2025-09-08", None, "gwent-2025.txt"),
    ]
    # and each is still recognised as itself: importing both again changes nothing
    assert store_texts(db_path, GWENT_2022, GWENT_2025) == ["unchanged", "unchanged"]


def test_without_month_or_start_date_the_publication_or_the_text_tells_them_apart(tmp_path):
    db_path = tmp_path / "probe.db"
    cut = (FIELDWORK_LINE, START_DATE)
    gwent_2022 = ("gwent-2022.txt", seed(TYNESIDE_STEM, without=cut, pdu="Gwent"))
    gwent_2025 = ("gwent-2025.txt", seed(GWENT_STEM, without=cut))  # no publication month either
    assert store_texts(db_path, gwent_2025, gwent_2022) == ["imported", "imported"]
    assert stored(db_path) == [
        ("Gwent PDU", "2021", None, None, "December 2022", "gwent-2022.txt"),
        ("Gwent PDU", "2024", None, None, None, "gwent-2025.txt"),
    ]
    assert store_texts(db_path, gwent_2022, gwent_2025) == ["unchanged", "unchanged"]


def test_the_cli_keeps_both_and_says_nothing_was_replaced(tmp_path):
    for name, text in (GWENT_2025, GWENT_2022):
        (tmp_path / name).write_text(text, encoding="utf-8")
    db_path = tmp_path / "probe.db"
    first = probe_process("--db", db_path, "import", tmp_path / GWENT_2025[0])
    second = probe_process("--db", db_path, "import", tmp_path / GWENT_2022[0])
    assert first.stdout == second.stdout == "1 imported, 0 unchanged, 0 replaced, 0 refused\n"
    assert "replaced" not in second.stderr
    listed = probe_process("--db", db_path, "pdus").stdout.splitlines()
    assert [line.split("\t")[3] for line in listed] == ["Requires improvement", "Good"]


def test_a_text_with_another_fieldwork_start_date_does_not_replace_the_stored_one(tmp_path):
    """Same PDU and fieldwork month, but the Background gives another first day."""
    db_path = tmp_path / "probe.db"
    original = ("gwent.txt", seed(GWENT_STEM, without=()))
    other = ("other.txt", original[1].replace("beginning 08 September 2025", "beginning 15 September 2025"))
    store_texts(db_path, original)
    before = stored(db_path)
    with pytest.raises(WouldLoseData) as refused:
        store_texts(db_path, other)
    assert str(refused.value) == (
        "not replacing the stored Gwent PDU (September 2025): this text gives fieldwork start date"
        " 2025-09-15 (stored: 2025-09-08); use --force to replace it anyway"
    )
    assert stored(db_path) == before
    assert store_texts(db_path, other, force=True) == ["replaced"]
    assert stored(db_path)[0][3] == "2025-09-15"


def test_a_text_of_another_framework_does_not_replace_the_stored_one(tmp_path):
    """A 2021-framework text claiming the stored 2024-framework inspection's month and PDU."""
    db_path = tmp_path / "probe.db"
    store_texts(db_path, ("gwent.txt", seed(GWENT_STEM, without=())))
    before = stored(db_path)
    impostor = seed(TYNESIDE_STEM, without=(), pdu="Gwent").replace(
        "Fieldwork started October 2022", "Fieldwork started September 2025"
    ).replace("beginning 17 October 2022", "beginning 08 September 2025")
    with pytest.raises(WouldLoseData, match=r"gives framework 2021 \(stored: 2024\); use --force"):
        store_texts(db_path, ("impostor.txt", impostor))
    assert stored(db_path) == before


def test_a_text_that_drops_a_stored_date_does_not_replace_it(tmp_path):
    """Same inspection (same month), but the new text no longer gives its publication month."""
    db_path = tmp_path / "probe.db"
    store_texts(db_path, ("tyneside.txt", seed(TYNESIDE_STEM, without=())))
    before = stored(db_path)
    undated = seed(TYNESIDE_STEM, without=(re.compile(r"(?<=HM Inspectorate of Probation), December 2022"),))
    with pytest.raises(WouldLoseData, match=r"published missing \(stored: December 2022\)"):
        store_texts(db_path, ("undated.txt", undated))
    assert stored(db_path) == before


def test_a_text_that_drops_the_fieldwork_start_date_does_not_replace_it(tmp_path):
    """Same inspection (same month), but the new text no longer gives the first day."""
    db_path = tmp_path / "probe.db"
    store_texts(db_path, ("gwent.txt", seed(GWENT_STEM, without=())))
    before = stored(db_path)
    with pytest.raises(WouldLoseData) as refused:
        store_texts(db_path, ("undated.txt", seed(GWENT_STEM, without=(START_DATE,))))
    assert str(refused.value) == (
        "not replacing the stored Gwent PDU (September 2025): this text holds less: fieldwork"
        " start date missing (stored: 2025-09-08); use --force to replace it anyway"
    )
    assert stored(db_path) == before


def test_every_other_fact_of_an_inspection_without_its_month_is_named(tmp_path):
    """Tyneside's report without its fieldwork month is known by its first day; a text of that
    day giving another framework and another publication month is refused, naming both."""
    db_path = tmp_path / "probe.db"
    name, text = "tyneside.txt", seed(TYNESIDE_STEM)
    store_texts(db_path, (name, text))
    before = stored(db_path)
    assert before == [
        ("South Tyneside and Gateshead PDU", "2021", None, "2022-10-17", "December 2022", name)
    ]
    other = dataclasses.replace(
        parse_report(text, "other.txt"), framework="2024", published="January 2023", source_sha256="other"
    )
    db = open_db(db_path)
    with pytest.raises(WouldLoseData) as refused:
        import_report(db, other)
    db.close()
    assert str(refused.value) == (
        "not replacing the stored South Tyneside and Gateshead PDU (fieldwork month unknown): this"
        " text gives framework 2024 (stored: 2021), published January 2023 (stored: December 2022);"
        " use --force to replace it anyway"
    )
    assert stored(db_path) == before
