"""Reading documents: bytes → text in the encodings met in practice, files and folders.

Decoding only normalises line endings (CRLF/CR → LF) and drops a byte-order mark; every other
normalisation happens later, for matching only, so segment offsets point into this text.
"""
from __future__ import annotations

import codecs
import os
import re
from pathlib import Path

from aligner.errors import InputError

# Control characters that never occur in a text document (tab, LF, VT, FF, CR are allowed).
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# Extensions that are certainly not text documents; anything else is tried.
_NON_TEXT_SUFFIXES = frozenset(
    ".pdf .doc .docx .xls .xlsx .ppt .pptx .odt .zip .gz .bz2 .xz .7z .rar .tar .png .jpg .jpeg"
    " .gif .bmp .tif .tiff .webp .mp3 .mp4 .wav .avi .mov .exe .dll .so .dylib .o .a .pyc .bin"
    " .class .jar .whl .db .sqlite .npy .npz .pkl .pickle .model .ttf .otf .woff .woff2 .ico"
    .split()
)


def _normalise_newlines(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _looks_binary(text: str) -> bool:
    """A decoded text with NULs or more than a trace of control characters is not text."""
    if "\x00" in text:
        return True
    controls = len(_CONTROL_RE.findall(text))
    return controls > max(2, len(text) // 1000)


def _looks_like_bomless_utf16(data: bytes) -> bool:
    """Text in UTF-16 without a BOM: NULs in (nearly) every other byte, and it decodes."""
    if len(data) < 4 or len(data) % 2:
        return False
    for offset, encoding in ((1, "utf-16-le"), (0, "utf-16-be")):
        zeros = data[offset::2].count(0)
        if zeros >= 0.3 * (len(data) // 2) and data[1 - offset::2].count(0) == 0:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            return not _looks_binary(text)
    return False


def decode(data: bytes, name: str) -> str:
    """Decode a document's bytes: UTF-8 (± BOM), UTF-16 with BOM, or GB18030/GBK.

    Raises InputError naming ``name`` for binary, undecodable or empty input.
    """
    text: str | None = None
    if data.startswith(codecs.BOM_UTF8):
        try:
            text = data[len(codecs.BOM_UTF8):].decode("utf-8")
        except UnicodeDecodeError:
            raise InputError(f"{name}: starts with a UTF-8 byte-order mark but is not valid UTF-8")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{name}: starts with a UTF-16 byte-order mark but is not valid UTF-16")
    else:
        if b"\x00" in data:
            if _looks_like_bomless_utf16(data):
                raise InputError(
                    f"{name}: looks like UTF-16 without a byte-order mark; save it as UTF-8 "
                    "or as UTF-16 with a byte-order mark"
                )
            raise InputError(f"{name}: looks like a binary file, not text")
        for encoding in ("utf-8", "gb18030"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        if text is None:
            raise InputError(f"{name}: cannot decode as UTF-8, UTF-16 (with BOM) or GB18030/GBK")
    if _looks_binary(text):
        raise InputError(f"{name}: looks like a binary file, not text")
    text = _normalise_newlines(text)
    if not text.strip():
        raise InputError(f"{name}: is empty")
    return text


def read_text(path: str | os.PathLike) -> str:
    """Read and decode one file; any failure is an InputError naming the file."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file")
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory")
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror or error})")
    return decode(data, str(path))


def _sniffs_binary(path: Path) -> bool:
    """A NUL byte early in a file without a UTF-16 byte-order mark: not a document."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8192)
    except OSError:
        return False  # reported when the file is read
    return b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))


def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def iter_input_files(paths) -> list[Path]:
    """The files to process: files as given, folders expanded recursively.

    Folder contents are sorted; hidden files and folders are skipped, and so are files whose
    extension or first bytes say they are not text. A file named explicitly is always kept
    (reading it reports what is wrong). A path that does not exist is an InputError.
    """
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                candidate
                for candidate in path.rglob("*")
                if candidate.is_file()
                and not _is_hidden(candidate, path)
                and candidate.suffix.lower() not in _NON_TEXT_SUFFIXES
                and not _sniffs_binary(candidate)
            )
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            raise InputError(f"{path}: no such file or folder")
    return files


def doc_id(path: str | os.PathLike) -> str:
    """The document id: the file name without its extension."""
    return Path(path).stem
