"""Atomic file output: a reader never sees half a file, and a failed run leaves nothing behind.

The data goes to a temporary file in the destination's own folder (so the final rename stays
on one file system and is atomic), is flushed and fsynced, then ``os.replace``\\ d onto the
destination. On any exception -- including ``KeyboardInterrupt`` -- the temporary file is
removed and the destination is left as it was.
"""
from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike[str], *, encoding: str = "utf-8",
                newline: str = "") -> Iterator[IO[str]]:
    """Open a text stream whose content replaces ``path`` only when the block ends cleanly.

    ``newline=""`` by default so that what the caller writes is what lands on disk (``\\n``
    stays ``\\n`` on every platform): output must be byte-identical across runs and machines.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    # Preserve the permissions an ordinary open() would give (mkstemp uses 0600).
    umask = os.umask(0)
    os.umask(umask)
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline=newline) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp_name, 0o666 & ~umask)
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise


def write_text_atomic(path: str | os.PathLike[str], text: str, *, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` atomically (see :func:`atomic_open`)."""
    with atomic_open(path, encoding=encoding) as stream:
        stream.write(text)
