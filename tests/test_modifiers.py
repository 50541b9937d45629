"""The modifier vocabulary (glossary/data/modifiers.tsv) is well formed and gives the medical
sense of well-known modifiers: the glossary builder trusts it as dictionary evidence where
CC-CEDICT has only the everyday sense, so a malformed line or an everyday rendering
(invasive → 侵入性, occult → 神秘) would mislead it silently."""
import re

import pytest
from table_helpers import DATA_DIR, HAN, table_rows

DATA = DATA_DIR / "modifiers.tsv"
GROUP = re.compile(r"^# == .+ ==$")


def _rows() -> list[tuple[int, list[str]]]:
    return table_rows(DATA)


@pytest.fixture(scope="module")
def entries() -> dict[str, list[str]]:
    return {fields[0]: fields[1].split("|") for _, fields in _rows()}


def test_every_line_has_two_fields_and_han_forms() -> None:
    for number, fields in _rows():
        assert len(fields) == 2, f"line {number}: {fields!r}"
        english, chinese = fields
        assert english and english == english.strip(), f"line {number}: key {english!r}"
        forms = chinese.split("|")
        assert all(form and form == form.strip() for form in forms), f"line {number}: {chinese!r}"
        assert all(HAN.search(form) for form in forms), f"line {number}: form without Han {chinese!r}"
        assert len(set(forms)) == len(forms), f"line {number}: repeated form {chinese!r}"


def test_keys_are_lower_case_plain_and_unique() -> None:
    seen: dict[str, int] = {}
    for number, (english, _) in _rows():
        assert english == english.lower(), f"line {number}: key not lower case {english!r}"
        assert "\u2010" not in english and "\u2011" not in english and "\u2013" not in english, (
            f"line {number}: key must use a plain hyphen {english!r}"
        )
        assert "  " not in english, f"line {number}: double space in {english!r}"
        assert english not in seen, f"line {number}: duplicate key {english!r} (line {seen[english]})"
        seen[english] = number


def test_size_and_grouping() -> None:
    assert len(_rows()) >= 600
    lines = DATA.read_text(encoding="utf-8").splitlines()
    groups = [line for line in lines if GROUP.match(line)]
    assert len(groups) >= 6
    first_entry = next(i for i, line in enumerate(lines) if line and not line.startswith("#"))
    assert any(GROUP.match(line) for line in lines[:first_entry]), "entries must start under a group"


@pytest.mark.parametrize(
    ("english", "expected"),
    [
        ("contralateral", {"对侧"}),
        ("invasive", {"浸润性"}),
        ("occult", {"隐匿"}),
        ("nosocomial", {"医院内", "院内"}),
        ("juvenile", {"幼年型"}),
        ("ipsilateral", {"同侧"}),
        ("febrile", {"发热"}),
        ("central", {"中枢"}),
        ("locally advanced", {"局部晚期"}),
        ("in situ", {"原位"}),
        ("hypostatic", {"坠积性"}),
        ("triple-negative", {"三阴性"}),
        ("intravitreal", {"玻璃体腔内"}),
        ("nasopharyngeal", {"鼻咽"}),
        ("lymph node", {"淋巴结"}),
    ],
)
def test_medical_sense_renderings(entries: dict[str, list[str]], english: str, expected: set[str]) -> None:
    assert english in entries, english
    assert expected & set(entries[english]), f"{english}: {entries[english]}"


def test_everyday_senses_are_not_listed(entries: dict[str, list[str]]) -> None:
    assert "侵入性" not in entries["invasive"]
    assert "神秘" not in entries["occult"]


def test_british_and_american_spellings_agree(entries: dict[str, list[str]]) -> None:
    pairs = [("haemorrhagic", "hemorrhagic"), ("paediatric", "pediatric"),
             ("oesophageal", "esophageal"), ("ischaemic", "ischemic"), ("foetal", "fetal")]
    for british, american in pairs:
        assert entries[british] == entries[american], (british, american)
