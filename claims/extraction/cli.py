"""Command-line front end shared by ``python -m claims.extraction`` and ``manage.py extract``."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from .batch import FileResult, extract_files

__all__ = ["add_arguments", "main", "print_results"]


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from exc


def print_results(results, jsonl: bool, out=None, err=None) -> int:
    """Print each file's quotes (JSON Lines or a table) and per-file errors.

    Takes an iterable of :class:`FileResult`; returns the exit status (1 if a file failed).
    """
    out = out or sys.stdout
    err = err or sys.stderr
    status = 0
    for fr in results:
        fr: FileResult
        if fr.error:
            err.write(f"{fr.path}: error: {fr.error}\n")
            status = 1
            continue
        res = fr.result
        if res.skipped:
            err.write(f"{fr.path}: skipped: {res.skipped}\n")
            continue
        if res.note:
            err.write(f"{fr.path}: {res.note}\n")
        if jsonl:
            for q in res.quotes:
                out.write(json.dumps(q.to_json(fr.path), ensure_ascii=False) + "\n")
        else:
            out.write(f"== {fr.path}: {len(res.quotes)} statements\n")
            out.write(f"{'offsets':>13}  {'kind':8} {'speaker':24} {'cue':14} text\n")
            for q in res.quotes:
                sp = q.speaker if isinstance(q.speaker, str) else " & ".join(q.speaker or []) or "?"
                txt = q.text.replace("\n", " ")
                txt = txt if len(txt) <= 70 else txt[:67] + "..."
                cue = (q.cue or "-")[:14]
                out.write(f"{q.start:>6}-{q.end:<6}  {q.kind:8} {sp[:24]:24} {cue:14} {txt}\n")
        out.flush()
    return status


def add_arguments(ap: argparse.ArgumentParser, date_type=_date) -> None:
    """The arguments of ``python -m claims.extraction``, also those of ``manage.py extract``
    (which passes ``date_type=str`` to report a bad date its own way)."""
    ap.add_argument("files", nargs="+", metavar="FILE")
    ap.add_argument("--jsonl", action="store_true", help="one JSON object per quote")
    ap.add_argument("--date", type=date_type, help="publication date (YYYY-MM-DD) for dated roles")
    ap.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")
    ap.add_argument("--model", default=None, help="spaCy model package name")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m claims.extraction",
        description="Extract attributed quotes and reported speech from UTF-8 text files.",
    )
    add_arguments(ap)
    a = ap.parse_args(argv)
    from .model import ModelNotInstalled

    try:
        results = extract_files(a.files, published=a.date, jobs=a.jobs, model_name=a.model)
        return print_results(results, a.jsonl)
    except ModelNotInstalled as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2
