"""Progress bars for long work (rich), quiet when output is not a terminal."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

LABELS = {"nl": "inlezen", "en": "reading"}
MIN_ITEMS = 20  # below this the work is over before a bar helps


@contextmanager
def progress_bar(
    lang: str = "nl", label: str | None = None
) -> Iterator[Callable[[int, int, str], None]]:
    """Yields `advance(done, total, what)`; shows a bar only for batches worth watching."""
    progress = Progress(
        TextColumn("{task.description}", markup=False),  # a label is never markup
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        transient=True,
    )
    task = None

    def advance(done: int, total: int, what: str) -> None:
        nonlocal task
        if total < MIN_ITEMS or not progress.console.is_terminal:
            return  # a bar in a pipe or log is only noise (and a stray empty line)

        if task is None:
            progress.start()
            task = progress.add_task(label or LABELS.get(lang, LABELS["nl"]), total=total)
        progress.update(task, completed=done)

    try:
        yield advance
    finally:
        if task is not None:
            progress.stop()
