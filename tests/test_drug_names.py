"""Integrity checks for glossary/data/drug_names.tsv (INN -> Chinese approved generic name).

The file is hand-written reference data, so these tests guard its format and catch the typical
editing mistakes: a malformed line, a duplicated key, a Chinese name pasted under the wrong drug.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from pathlib import Path

import pytest

DRUG_NAMES = Path(__file__).resolve().parents[1] / "glossary" / "data" / "drug_names.tsv"

KEY_RE = re.compile(r"[a-z0-9][a-z0-9 \-]*[a-z0-9]")
HAN_RE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002ebef]")
AREA_RE = re.compile(r"# == .+ ==")

# Words that name a salt, ester or dosage form: keys differing only by these name one drug.
SALT_WORDS = frozenset(
    """
    mesylate mesilate hydrochloride dihydrochloride hydrobromide sodium disodium potassium
    calcium magnesium sulfate sulphate phosphate citrate fumarate maleate malate tartrate
    succinate acetate besylate besilate bisulfate tosylate bromide chloride oxalate
    """.split()
)

# Different English names of one substance (INN and USAN, or INN and the common trivial name).
# A Chinese name may be shared between the two keys of a pair, and only then.
SAME_SUBSTANCE = frozenset(
    frozenset(pair)
    for pair in [
        ("paracetamol", "acetaminophen"),
        ("metamizole", "dipyrone"),
        ("epinephrine", "adrenaline"),
        ("norepinephrine", "noradrenaline"),
        ("isoprenaline", "isoproterenol"),
        ("salbutamol", "albuterol"),
        ("pethidine", "meperidine"),
        ("glibenclamide", "glyburide"),
        ("thiamazole", "methimazole"),
        ("rifampicin", "rifampin"),
        ("torasemide", "torsemide"),
        ("suxamethonium", "succinylcholine"),
        ("glycopyrronium", "glycopyrrolate"),
        ("hyoscine", "scopolamine"),
        ("norethisterone", "norethindrone"),
        ("leuprorelin", "leuprolide"),
        ("hydroxycarbamide", "hydroxyurea"),
        ("deferoxamine", "desferrioxamine"),
        ("mesalazine", "mesalamine"),
        ("calcipotriol", "calcipotriene"),
        ("chlorphenamine", "chlorpheniramine"),
        ("nitroglycerin", "glyceryl trinitrate"),
        ("trimethoprim-sulfamethoxazole", "co-trimoxazole"),
        ("polyethylene glycol", "macrogol"),
        ("leucovorin", "calcium folinate"),
        ("aumolertinib", "almonertinib"),
        ("tucidinostat", "chidamide"),
        ("umifenovir", "arbidol"),
        ("ligustrazine", "tetramethylpyrazine"),
        ("glycyrrhizic acid", "glycyrrhizin"),
    ]
)


def load_lines() -> list[tuple[int, str]]:
    text = DRUG_NAMES.read_text(encoding="utf-8")
    return [(number, line) for number, line in enumerate(text.splitlines(), 1)]


def load_entries() -> dict[str, list[str]]:
    entries: dict[str, list[str]] = {}
    for _, line in load_lines():
        if line.startswith("#") or not line.strip():
            continue
        key, chinese = line.split("\t")
        entries[key] = chinese.split("|")
    return entries


def spelling_key(key: str) -> str:
    """Fold British/American/INN spelling and salt words so variants of one INN compare equal."""
    words = key.replace("-", " ").split()
    folded: list[str] = []
    for i, word in enumerate(words):
        if word == "acid" and folded and folded[-1].endswith("ic"):
            folded[-1] = folded[-1][:-2] + "ate"  # valproic acid ~ valproate
            continue
        if word in SALT_WORDS or word.isdigit():
            continue
        folded.append(word)
    text = "".join(folded)
    for old, new in (("ph", "f"), ("th", "t"), ("ae", "e"), ("oe", "e"), ("y", "i")):
        text = text.replace(old, new)
    return text.removesuffix("e")


def are_variants(a: str, b: str) -> bool:
    return spelling_key(a) == spelling_key(b) or frozenset((a, b)) in SAME_SUBSTANCE


def test_every_line_is_a_comment_blank_or_two_fields():
    bad = []
    for number, line in load_lines():
        if line.startswith("#") or not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != 2 or not KEY_RE.fullmatch(fields[0]) or not fields[1]:
            bad.append((number, line))
    assert bad == []


def test_header_and_area_headings_are_present():
    lines = [line for _, line in load_lines()]
    assert lines[0].startswith("# ")
    header = "\n".join(line for line in lines[:30] if line.startswith("#"))
    assert "NOT" in header and "derived" in header  # provenance statement
    areas = [line for line in lines if AREA_RE.fullmatch(line)]
    assert len(areas) >= 10


def test_every_chinese_name_contains_han_characters():
    bad = {
        key: names
        for key, names in load_entries().items()
        if any(not name or name != name.strip() or not HAN_RE.search(name) for name in names)
    }
    assert bad == {}


def test_no_chinese_name_repeated_within_one_entry():
    bad = {key: names for key, names in load_entries().items() if len(set(names)) != len(names)}
    assert bad == {}


def test_keys_are_unique():
    keys = [
        line.split("\t")[0]
        for _, line in load_lines()
        if line.strip() and not line.startswith("#")
    ]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    assert duplicates == []


def test_entries_are_sorted_within_each_area():
    unsorted = []
    area, keys = None, []
    for _, line in load_lines() + [(0, "# == end ==")]:
        if AREA_RE.fullmatch(line):
            if keys != sorted(keys):
                unsorted.append(area)
            area, keys = line, []
        elif line.strip() and not line.startswith("#"):
            keys.append(line.split("\t")[0])
    assert unsorted == []


def test_shared_chinese_names_belong_only_to_variants_of_one_inn():
    keys_by_name: dict[str, list[str]] = defaultdict(list)
    for key, names in load_entries().items():
        for name in names:
            keys_by_name[name].append(key)
    conflicts = sorted(
        (name, a, b)
        for name, keys in keys_by_name.items()
        for a, b in itertools.combinations(sorted(keys), 2)
        if not are_variants(a, b)
    )
    assert conflicts == []


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("aciclovir", "acyclovir", True),
        ("ciclosporin", "cyclosporine", True),
        ("beclometasone", "beclomethasone", True),
        ("valproic acid", "sodium valproate", True),
        ("fluorouracil", "5-fluorouracil", True),
        ("imatinib", "imatinib mesylate", True),
        ("paracetamol", "acetaminophen", True),
        ("nifedipine", "nimodipine", False),
        ("prednisone", "prednisolone", False),
        ("cefotaxime", "ceftazidime", False),
    ],
)
def test_variant_rule_accepts_spellings_and_rejects_different_drugs(a, b, expected):
    assert are_variants(a, b) is expected


def test_at_least_600_entries():
    assert len(load_entries()) >= 600


@pytest.mark.parametrize(
    ("english", "chinese"),
    [
        ("rituximab", "利妥昔单抗"),
        ("cyclophosphamide", "环磷酰胺"),
        ("metformin", "二甲双胍"),
        ("atorvastatin", "阿托伐他汀"),
        ("omeprazole", "奥美拉唑"),
        ("prednisone", "强的松"),
        ("methylprednisolone", "甲泼尼龙"),
        ("mycophenolate mofetil", "吗替麦考酚酯"),
        ("imatinib mesylate", "甲磺酸伊马替尼"),
        ("insulin glargine", "甘精胰岛素"),
        ("artemisinin", "青蒿素"),
        ("berberine", "黄连素"),
        ("pembrolizumab", "帕博利珠单抗"),
        ("tranexamic acid", "氨甲环酸"),
    ],
)
def test_well_known_pairs(english, chinese):
    names = load_entries()[english]
    assert chinese in names


def test_preferred_name_comes_first():
    entries = load_entries()
    assert entries["prednisone"][0] == "泼尼松"
    assert entries["doxorubicin"][0] == "多柔比星"
