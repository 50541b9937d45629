"""Reading the shipped vocabulary tables (glossary/data/*.tsv) in their format tests."""
import re
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[1] / "glossary" / "data"
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def table_rows(path: Path) -> list[tuple[int, list[str]]]:
    """(line number, tab-separated fields) of every entry line; comments and blanks skipped."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        rows.append((number, line.split("\t")))
    return rows


def scoped_entries(path: Path) -> dict[str, tuple[list[str], str]]:
    """english -> (Chinese forms, scope) of a three-column table."""
    return {fields[0]: (fields[1].split("|"), fields[2]) for _, fields in table_rows(path)}


def assert_clean_forms(number: int, chinese: str) -> None:
    """The Chinese field: non-empty, unpadded alternatives, each with a Han character, no repeats."""
    forms = chinese.split("|")
    for form in forms:
        assert form and form == form.strip(), f"line {number}: empty/padded form"
        assert HAN.search(form), f"line {number}: {form!r} has no Han character"
    assert len(forms) == len(set(forms)), f"line {number}: repeated alternative"


def assert_unique_keys(rows: list[tuple[int, list[str]]]) -> None:
    """No English key twice, even after folding case and hyphens."""
    seen: dict[str, int] = {}
    for number, fields in rows:
        folded = fields[0].lower().replace("-", " ")
        assert folded not in seen, f"line {number} repeats line {seen[folded]}: {fields[0]!r}"
        seen[folded] = number
