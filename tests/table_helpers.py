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
