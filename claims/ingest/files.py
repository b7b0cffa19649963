"""Reading article files and folders: .txt, .html, .json, .ndjson/.jsonl and .csv.

:func:`read_path` yields one :class:`RawArticle` per good item and one :class:`ItemError` per
bad one, in file order, so one bad row never costs the rest of the file.  Every item carries a
``source`` naming where it came from: ``"articles.csv row 12"``, ``"feed.ndjson line 3"``,
``"dump.json item 2"``.  CSV rows are counted as a spreadsheet shows them: the header is row 1.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

from claims.ingest.decoding import (
    BINARY_REASON,
    UNDECODABLE_REASON,
    decode_bytes,
    sniff_binary_type,
)
from claims.ingest.html import parse_html
from claims.ingest.records import article_from_record, article_from_text, field_name
from claims.ingest.types import DecodeError, IngestError, ItemError, RawArticle

__all__ = ["SUPPORTED_SUFFIXES", "count_items", "read_bytes", "read_path", "read_paths"]

SUPPORTED_SUFFIXES = (".txt", ".html", ".htm", ".json", ".ndjson", ".jsonl", ".csv")
_CSV_FIELD_LIMIT = 50_000_000  # one article body may be long; the csv default is 128 kB

Item = RawArticle | ItemError


def read_paths(paths) -> Iterator[Item]:
    """:func:`read_path` over several paths, one after another."""
    for path in paths:
        yield from read_path(path)


def read_path(path: str | Path) -> Iterator[Item]:
    """Read a file or a folder (recursively, in sorted order) into articles and item errors.

    Hidden files and folders (names starting with ".") are passed over silently; files of an
    unknown type are reported as skipped.  Never raises for bad content: every problem becomes
    an :class:`ItemError` with a readable reason.
    """
    path = Path(path)
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            relative = child.relative_to(path)
            if any(part.startswith(".") for part in relative.parts) or child.is_dir():
                continue
            yield from _read_file(child)
    elif path.exists():
        yield from _read_file(path)
    else:
        yield ItemError(str(path), "no such file or folder")


def _read_file(path: Path) -> Iterator[Item]:
    name = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        yield ItemError(name, f"skipped: not an article file ({suffix or 'no extension'}); "
                              f"expected one of {', '.join(SUPPORTED_SUFFIXES)}")
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield ItemError(name, f"cannot read the file ({exc.strerror or exc})")
        return
    yield from read_bytes(data, name)


def read_bytes(data: bytes, name: str) -> Iterator[Item]:
    """Read the content of one file whose type is told by ``name``'s extension.

    For uploads: ``read_bytes(upload.read(), upload.name)`` gives the same items as the file
    on disk would, with sources such as ``"articles.csv row 12"`` and no temporary file.
    """
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        yield ItemError(name, f"skipped: not an article file ({suffix or 'no extension'}); "
                              f"expected one of {', '.join(SUPPORTED_SUFFIXES)}")
        return
    if not data.strip():
        yield ItemError(name, "empty file")
        return
    kind = sniff_binary_type(data[:16])
    if kind:
        expected = "HTML" if suffix in (".html", ".htm") else "text"
        yield ItemError(name, f"not {expected} ({kind})")
        return
    if suffix == ".csv":
        yield from _read_csv(_csv_text(data), name)
        return
    try:
        if suffix in (".html", ".htm"):
            yield parse_html(data, source=name)
            return
        # Text formats: UTF-8 (a BOM is fine) or what the file declares; no guessing.
        text, _ = decode_bytes(data, sniff=suffix not in (".csv", ".json", ".ndjson", ".jsonl"))
        if suffix == ".txt":
            yield article_from_text(text, source=name)
        elif suffix == ".csv":
            yield from _read_csv(text, name)
        elif suffix == ".json":
            yield from _read_json(text, name)
        else:
            yield from _read_ndjson(text, name)
    except IngestError as exc:
        yield ItemError(name, exc.reason)


def _record(record, source: str, locator: str) -> Item:
    if not isinstance(record, dict):
        return ItemError(source, f"{locator}: not a JSON object ({type(record).__name__})")
    try:
        return article_from_record(record, source=source)
    except IngestError as exc:
        return ItemError(source, f"{locator}: {exc.reason}")


def _json_problem(exc: json.JSONDecodeError) -> str:
    return f"invalid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"


def _read_json(text: str, name: str) -> Iterator[Item]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield ItemError(name, _json_problem(exc))
        return
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    if isinstance(data, dict):
        yield _record(data, name, "item 1")
    elif isinstance(data, list):
        for i, record in enumerate(data, start=1):
            yield _record(record, f"{name} item {i}", f"item {i}")
    else:
        yield ItemError(name, "expected a JSON object or a list of objects")


def _read_ndjson(text: str, name: str) -> Iterator[Item]:
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        source = f"{name} line {n}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ItemError(source, f"line {n}: invalid JSON ({exc.msg}, column {exc.colno})")
            continue
        yield _record(record, source, f"line {n}")


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _csv_text(data: bytes) -> str:
    """A CSV file's text: UTF-8 (or what its byte-order mark says) when the whole file is;
    otherwise its bytes with each undecodable one kept as a surrogate escape, for
    :func:`_cell` to decode cell by cell. One NUL byte or one Latin-1 letter used to cost the
    whole file; now it costs at most its row (the records refuse a NUL in a field)."""
    try:
        text, _ = decode_bytes(data, sniff=False)
        return text
    except DecodeError:
        return data.removeprefix(codecs.BOM_UTF8).decode("utf-8", "surrogateescape")


def _cell(value: str) -> str:
    """A cell of a CSV that is not all UTF-8: as it is when its own bytes are UTF-8, else read
    as Windows-1252 (the superset of Latin-1 spreadsheets save); DecodeError when neither."""
    if not any("\udc80" <= c <= "\udcff" for c in value):
        return value
    raw = value.encode("utf-8", "surrogateescape")
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        raise DecodeError(UNDECODABLE_REASON) from None


def _read_csv(text: str, name: str) -> Iterator[Item]:
    csv.field_size_limit(max(csv.field_size_limit(), _CSV_FIELD_LIMIT))
    text = text.lstrip("\ufeff")
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line))
    try:
        header = next(reader)
    except StopIteration:
        yield ItemError(name, "empty file")
        return
    except csv.Error as exc:
        yield ItemError(name, f"row 1: malformed CSV header ({exc})")
        return
    if any("\x00" in h for h in header):
        yield ItemError(name, BINARY_REASON)
        return
    try:
        columns = [field_name(_cell(h)) for h in header]
    except DecodeError as exc:
        yield ItemError(name, f"row 1: {exc.reason}")
        return
    if "body" not in columns:
        yield ItemError(name, "the header has no body column (expected columns: url, title, "
                              "body, published_at, outlet, byline)")
        return
    row = 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            row += 1
            yield ItemError(f"{name} row {row}",
                            f"row {row}: malformed CSV ({exc}); the rest of the file was not read")
            return
        row += 1
        source = f"{name} row {row}"
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(columns):
            yield ItemError(source, f"row {row}: {len(values)} fields, but the header has "
                                    f"{len(columns)}")
            continue
        try:
            values = [_cell(v) for v in values]
        except DecodeError as exc:
            yield ItemError(source, f"row {row}: {exc.reason}")
            continue
        yield _record(dict(zip(columns, values, strict=True)), source, f"row {row}")


def count_items(path: str | Path) -> int:
    """A cheap estimate of how many items :func:`read_path` will yield, for a progress bar.

    Counts non-empty lines of .ndjson/.jsonl and CSV records, the length of a JSON list, one
    for any other file; folders add up their files.  Never raises.
    """
    path = Path(path)
    if path.is_dir():
        return sum(count_items(p) for p in sorted(path.rglob("*"))
                   if p.is_file() and not any(x.startswith(".") for x in p.relative_to(path).parts))
    suffix = path.suffix.lower()
    try:
        if suffix in (".ndjson", ".jsonl"):
            with path.open("rb") as fh:
                return sum(1 for line in fh if line.strip())
        if suffix == ".csv":
            with path.open(encoding="utf-8", errors="replace", newline="") as fh:
                return max(sum(1 for _ in csv.reader(fh)) - 1, 0)
        if suffix == ".json":
            data = json.loads(path.read_bytes())
            if isinstance(data, dict) and isinstance(data.get("articles"), list):
                data = data["articles"]
            return len(data) if isinstance(data, list) else 1
    except (OSError, ValueError, csv.Error):
        return 1
    return 1
