"""A small terminal progress bar (tqdm is not installed on the training machines).

On a terminal the bar redraws in place; in a log file (not a tty) it prints a plain line at most
every `min_interval_s` seconds so that job logs stay readable.
"""
from __future__ import annotations

import sys
import time
from typing import IO, Optional


def _format_seconds(seconds: float) -> str:
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours:d}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


class Progress:
    def __init__(self, total: Optional[int], desc: str = "", enabled: bool = True,
                 stream: Optional[IO[str]] = None, width: int = 28,
                 min_interval_s: float = 0.2, initial: int = 0):
        self.total = total
        self.desc = desc
        self.enabled = enabled
        self.stream = stream if stream is not None else sys.stderr
        self.width = width
        self.count = initial
        self.postfix = ""
        self._start = time.monotonic()
        self._start_count = initial
        self._last_draw = 0.0
        self._drawn_count = None
        self._is_tty = bool(getattr(self.stream, "isatty", lambda: False)())
        # Plain log files get a line every few seconds, not every redraw.
        self.min_interval_s = min_interval_s if self._is_tty else max(min_interval_s, 10.0)

    def update(self, n: int = 1, **postfix) -> None:
        self.count += n
        if postfix:
            self.postfix = " ".join(f"{k}={_format_value(v)}" for k, v in postfix.items())
        now = time.monotonic()
        finished = self.total is not None and self.count >= self.total
        if finished or now - self._last_draw >= self.min_interval_s:
            self._draw(now)

    def render(self, now: Optional[float] = None) -> str:
        now = time.monotonic() if now is None else now
        elapsed = now - self._start
        done = self.count - self._start_count
        rate = done / elapsed if elapsed > 0 else 0.0
        parts = [self.desc] if self.desc else []
        if self.total:
            frac = min(1.0, self.count / self.total)
            filled = int(round(frac * self.width))
            bar = "#" * filled + "-" * (self.width - filled)
            remaining = (self.total - self.count) / rate if rate > 0 else float("nan")
            eta = _format_seconds(remaining) if rate > 0 else "?"
            parts.append(f"|{bar}| {self.count}/{self.total} {frac * 100:5.1f}% "
                         f"[{_format_seconds(elapsed)}<{eta}, {rate:.2f} it/s]")
        else:
            parts.append(f"{self.count} [{_format_seconds(elapsed)}, {rate:.2f} it/s]")
        if self.postfix:
            parts.append(self.postfix)
        return " ".join(parts)

    def _draw(self, now: float) -> None:
        if not self.enabled:
            return
        self._last_draw = now
        self._drawn_count = self.count
        line = self.render(now)
        if self._is_tty:
            self.stream.write("\r" + line + "\x1b[K")
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def close(self) -> None:
        if not self.enabled:
            return
        if self._drawn_count != self.count:
            self._draw(time.monotonic())
        if self._is_tty:
            self.stream.write("\n")
            self.stream.flush()
        self.enabled = False

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _format_value(value) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)
