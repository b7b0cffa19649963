"""Reading a learned component's JSON file (the speaker ranker, the person chooser): one
reader, so both stop a process the same way when their file is missing, unreadable, of
another format or trained on another feature list, naming the file and the command that
rebuilds it (never a silent fall-back to the rules)."""

from __future__ import annotations

import json
import os
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


class ModelFile:
    """Where a learned component's file is (an argument, else the environment variable
    ``env``, else the repository's ``default``), its start-up check, and its model built once
    per process and path: the speaker ranker and the person chooser differ only in these."""

    def __init__(
        self,
        *,
        what: str,
        env: str,
        default: Path,
        fmt: str,
        rebuild: str,
        error: type[Exception],
        features_ok: Callable[[dict], bool],
        build: Callable[[dict, Path], object],
    ):
        self.what, self.env, self.default = what, env, default
        self.fmt, self.rebuild, self.error = fmt, rebuild, error
        self.features_ok, self.build = features_ok, build
        self._built: dict[str, object] = {}

    def path(self, path: str | None = None) -> Path:
        return Path(path or os.environ.get(self.env) or self.default)

    def spec(self, p: Path) -> dict:
        return read_model_spec(
            p, what=self.what, fmt=self.fmt, rebuild=self.rebuild, error=self.error,
            features_ok=self.features_ok,
        )

    def check(self, path: str | None = None) -> Path:
        """The file ``load`` would read, checked without building the model: what a worker's
        or a command's start-up runs, so a bad file stops it before any article is taken."""
        p = self.path(path)
        self.spec(p)
        return p

    def load(self, path: str | None = None):
        p = self.path(path)
        key = str(p)
        if key not in self._built:
            self._built[key] = self.build(self.spec(p), p)
        return self._built[key]

    def forget(self) -> None:
        """Drop the built models (a benchmark times a cold load)."""
        self._built.clear()
