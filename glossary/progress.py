"""A one-line progress display for long runs: documents done of total, sentences per second.

It writes to stderr (never stdout, which may carry data), redraws at most ``max_rate`` times a
second so that thousands of tiny documents do not flood the terminal, and stays silent when
stderr is not a terminal (a log file, a pipe, CI) or when the user asked for quiet. Nothing
here decides what is computed: the display can be dropped without changing any output.
"""
from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import IO

BAR_WIDTH = 24
MAX_RATE = 10.0  # redraws per second


def _is_terminal(stream: IO[str]) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (ValueError, OSError):  # a closed or detached stream
        return False


def format_duration(seconds: float) -> str:
    """``m:ss`` (or ``h:mm:ss``) for a non-negative duration."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def render(label: str, done: int, total: int, sentences: int, elapsed: float,
           width: int = BAR_WIDTH) -> str:
    """The progress line (without carriage return), e.g.
    ``pass 1/2 [#########...............] 812/2000 docs · 1,234 sent/s · 0:42``."""
    share = done / total if total else 1.0
    filled = min(width, int(share * width))
    rate = sentences / elapsed if elapsed > 0 else 0.0
    bar = "#" * filled + "." * (width - filled)
    head = f"{label} " if label else ""
    return (f"{head}[{bar}] {done}/{total} docs · {rate:,.0f} sent/s · "
            f"{format_duration(elapsed)}")


class Progress:
    """Progress of one pass over ``total`` documents; use as a context manager.

    ``enabled=None`` means: draw only when ``stream`` is a terminal. ``clock`` is injectable so
    tests can drive time.
    """

    def __init__(self, total: int, label: str = "", *, stream: IO[str] | None = None,
                 enabled: bool | None = None, max_rate: float = MAX_RATE,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.total = total
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = _is_terminal(self.stream) if enabled is None else enabled
        self.min_interval = 1.0 / max_rate if max_rate > 0 else 0.0
        self.clock = clock
        self.done = 0
        self.sentences = 0
        self.started = clock()
        self._last_draw: float | None = None
        self._drawn_width = 0

    def update(self, documents: int = 1, sentences: int = 0) -> None:
        """Count ``documents`` more done (with their ``sentences``); redraw if it is time."""
        self.done += documents
        self.sentences += sentences
        if not self.enabled:
            return
        now = self.clock()
        if self._last_draw is None or now - self._last_draw >= self.min_interval \
                or self.done >= self.total:
            self._draw(now)

    def _draw(self, now: float) -> None:
        line = render(self.label, self.done, self.total, self.sentences, now - self.started)
        padding = " " * max(0, self._drawn_width - len(line))
        self.stream.write("\r" + line + padding)
        self.stream.flush()
        self._drawn_width = len(line)
        self._last_draw = now

    def close(self) -> None:
        """Draw the final state and end the line (nothing when disabled)."""
        if self.enabled and self._last_draw is not None:
            self._draw(self.clock())
            self.stream.write("\n")
            self.stream.flush()
            self._last_draw = None

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()
