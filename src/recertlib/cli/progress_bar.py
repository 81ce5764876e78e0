"""The progress bar a long run of ``check``, ``plan`` or ``due`` shows on standard error."""

from __future__ import annotations

import importlib
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from recertlib.cli.counts import Counts
    from recertlib.cli.output import Streams
    from recertlib.io.progress import Progress, Stage

PROGRESS_ENV = "RECERTLIB_PROGRESS"
"""``auto`` (the default: a progress bar when standard error is a terminal and ``tqdm`` is
installed), ``always`` or ``never``; the ``--progress`` option wins over it."""

PROGRESS_MODES = ("auto", "always", "never")

PROGRESS_DELAY = 1.0
"""Seconds a run goes on before ``auto`` shows its bar: a short run shows none."""

_PROGRESS_HINT = "pip install 'recertlib[progress]'"


class ProgressBar:
    """A progress bar on standard error (``tqdm``), or nothing."""

    def __init__(self, err: TextIO, *, show: bool, quiet_start: bool, out_is_tty: bool) -> None:
        self.bar: Any = None
        self.out_is_tty = out_is_tty
        self._stage: tuple[Stage, str] | None = None
        if not show:
            return
        try:
            tqdm = importlib.import_module("tqdm")
        except ImportError:
            return
        self.delay = PROGRESS_DELAY if quiet_start else 0.0
        self.started = time.monotonic()
        self.bar = tqdm.tqdm(
            file=err,
            unit=" records",
            # In auto mode a short run ends before the bar would show.
            delay=self.delay,
            leave=False,
            dynamic_ncols=True,
            disable=False,
        )

    def report(self, progress: Progress) -> None:
        """Show how far the HR export pair's spill has come: in bytes of each file as it is
        read, then while it is indexed (the people come after, counted by :meth:`step`)."""
        if self.bar is None:
            return
        from recertlib.io.progress import Stage

        stage = (progress.stage, progress.source)
        if stage != self._stage:
            self._stage = stage
            self.bar.reset(total=progress.total)
            if progress.stage is Stage.SPILLING:
                self.bar.unit, self.bar.unit_scale = "B", True
                self.bar.set_description_str(f"reading {Path(progress.source).name}", False)
            else:
                self.bar.unit, self.bar.unit_scale = "", False
                self.bar.set_description_str(progress.stage.value, False)
        self.bar.n = progress.done
        self.bar.refresh()

    def total(self, count: int) -> None:
        if self.bar is not None:
            self.bar.reset(total=count)
            self.bar.unit, self.bar.unit_scale = " people", False
            self.bar.set_description_str("", False)
            self.bar.refresh()

    def step(self, counts: Counts) -> None:
        if self.bar is not None:
            self.bar.set_postfix_str(
                f"{counts.usable} usable, {counts.not_usable} not usable,"
                f" {counts.due_soon} due soon, {counts.errors} errors",
                refresh=False,
            )
            self.bar.update(1)

    @contextmanager
    def writing(self, out: TextIO, *, shared: bool = False) -> Iterator[None]:
        """Keeps the bar off a line written to ``out``, when that is the bar's own stream
        (``shared``) or the terminal the bar is on."""
        if self.bar is None or not (shared or self.out_is_tty):
            yield
            return
        self.bar.clear()
        yield
        out.flush()
        self.bar.refresh()

    def show_record(
        self, streams: Streams, write: Callable[[], None], errors: str, counts: Counts
    ) -> None:
        """One record shown: what ``write`` writes on standard output, then its ``errors``
        (their reports) on standard error, the bar kept off both, then a step of the bar."""
        with self.writing(streams.out):
            write()
        if errors:
            streams.out.flush()  # what came before it is shown before it
            with self.writing(streams.err, shared=True):
                streams.err.write(errors)
        self.step(counts)

    def close(self) -> None:
        if self.bar is not None:
            if time.monotonic() - self.started >= self.delay:
                self.bar.refresh()  # the last state, however fast the run
            self.bar.close()
            self.bar = None


def _progress_mode(option: str | None, err: TextIO) -> str:
    if option is not None:
        return option
    mode = os.environ.get(PROGRESS_ENV, "").strip().lower() or "auto"
    if mode not in PROGRESS_MODES:
        err.write(
            f"warning: {PROGRESS_ENV}={mode!r} is none of {', '.join(PROGRESS_MODES)};"
            " taken as auto\n"
        )
        mode = "auto"
    return mode


def start_progress(option: str | None, streams: Streams) -> ProgressBar:
    """The bar ``--progress`` (``option``) or :data:`PROGRESS_ENV` asks for; a bad mode, or
    ``always`` without ``tqdm``, is warned about."""
    mode = _progress_mode(option, streams.err)
    show = mode == "always" or (mode == "auto" and streams.err_is_tty)
    progress = ProgressBar(
        streams.err, show=show, quiet_start=mode == "auto", out_is_tty=streams.out_is_tty
    )
    if show and progress.bar is None and mode == "always":
        streams.err.write(f"warning: no progress bar without tqdm: {_PROGRESS_HINT}\n")
    return progress
