"""Reading a learned component's JSON file (the speaker ranker, the person chooser): one
reader, so both stop a process the same way when their file is missing, unreadable, of
another format or trained on another feature list, naming the file and the command that
rebuilds it (never a silent fall-back to the rules)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path


def read_model_spec(
    p: Path,
    *,
    what: str,
    fmt: str,
    rebuild: str,
    error: type[Exception],
    features_ok: Callable[[dict], bool],
) -> dict:
    """The parsed file ``p``; ``what`` names the model in messages ("speaker model"),
    ``features_ok`` says whether the spec was trained on this code's feature list."""
    try:
        spec = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise error(f"the {what} {p} is missing; rebuild it with: {rebuild}") from None
    except (OSError, ValueError) as exc:
        raise error(f"the {what} {p} cannot be read ({exc}); rebuild it with: {rebuild}") from None
    if not isinstance(spec, dict) or spec.get("format") != fmt:
        got = spec.get("format") if isinstance(spec, dict) else None
        raise error(
            f"the {what} {p} is of format {got!r}, this extractor reads {fmt!r}; "
            f"rebuild it with: {rebuild}"
        )
    if not features_ok(spec):
        raise error(
            f"the {what} {p} was trained on another feature list; rebuild it with: {rebuild}"
        )
    return spec
