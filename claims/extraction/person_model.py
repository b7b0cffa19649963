"""The learned choice between people (issue 21): which of several people of a pronoun's gender
a "he" or "she" means, and which of several namesakes a bare surname ("Clinton" with Bill and
Hillary in the article) means.

The rules stay where they are sure: a pronoun or surname with one candidate, a gender title
("Mrs. Clinton") that rules namesakes out, a dated role, a registry alias, a full name.  Where
more than one person is left, every candidate gets a row of features (:data:`FEATURES`: who
spoke last, sentence and paragraph distance, syntactic role of the last mention, mentions so
far, the rules' own pick ...) and a logistic model scores the rows; the best wins unless the
rules' pick is within ``margin`` of it.

The model is a small versioned JSON file (``data/person_model.json``, trained by
``scripts/train_person_model.py``), evaluated here in plain Python, loaded once per process
and checked at start-up like the speaker model (``tracker.E003``, the Celery worker): a
missing file or one of another format or feature list stops the process naming the file and
the command that rebuilds it.
"""

from __future__ import annotations

import bisect
import hashlib
import math
import re
from pathlib import Path

from .model import ModelNotInstalled
from .model_file import ModelFile

FORMAT = "person-chooser/1"
MODEL_PATH = Path(__file__).resolve().parent / "data" / "person_model.json"
REBUILD = ".venv/bin/pip install -r requirements-train.txt -c constraints.txt && " \
    ".venv/bin/python scripts/train_person_model.py"
REACH = 3000  # characters before the pronoun in which a named person is a candidate

FEATURES = (
    "rule pick",
    "spoke last",
    "speaker recency",  # 1 / (1 + rank among the people who spoke, latest first)
    "times spoken",  # log(1 + n)
    "times named",  # log(1 + n), before the pronoun
    "named in the sentence before",
    "first named in the sentence before",
    "named earlier in the same sentence",
    "sentences since last named",  # log(1 + n)
    "paragraphs since last named",  # at most 5
    "characters since last named",  # thousands, at most 3
    "last named as possessor or object of a preposition",
    "last named opening its sentence",
    "gender known to agree",
    "last named inside a quote",
    "mention recency",  # 1 / (1 + rank among the candidates by last mention)
    "namesake choice",  # 1 for a bare surname, 0 for a pronoun
    "introduced as a relative",
)


def features_hash() -> str:
    return hashlib.sha1("\n".join(FEATURES).encode("utf-8")).hexdigest()


class PersonModelError(ModelNotInstalled):
    """The person model file cannot be used (missing, unreadable, another version); reported
    like a missing spaCy model or speaker model."""


class PersonModel:
    """Scores candidate people with a logistic model; ``choose`` picks one."""

    def __init__(self, spec: dict, path: Path):
        self.path = path
        self.coef = [float(w) for w in spec["coef"]]
        self.margin = float(spec.get("margin", 0.0))

    def score(self, row) -> float:
        return sum(w * x for w, x in zip(self.coef, row, strict=True))

    def choose(self, rows, rule_k: int | None) -> int | None:
        """The index of the best row; the rules' pick keeps its place unless another beats it
        by more than ``margin``."""
        if not rows:
            return rule_k
        scores = [self.score(r) for r in rows]
        best = max(range(len(scores)), key=lambda k: (scores[k], -k))
        if rule_k is not None and scores[best] - scores[rule_k] <= self.margin:
            return rule_k
        return best


def load_person_model(path: str | None = None) -> PersonModel:
    """Read and check the model file (once per process): ``path``, else the file the
    ``CLAIMS_PERSON_MODEL`` environment variable names, else the repository's."""
    return _FILE.load(path)


def check_model_file(path: str | None = None) -> Path:
    """The file ``load_person_model`` would read, checked (present, readable, this format and
    feature list) without building it; raises :class:`PersonModelError` naming the file and the
    rebuild command."""
    return _FILE.check(path)


_FILE = ModelFile(
    what="person model", env="CLAIMS_PERSON_MODEL", default=MODEL_PATH, fmt=FORMAT, rebuild=REBUILD,
    error=PersonModelError,
    features_ok=lambda s: s.get("features_hash") == features_hash()
    and isinstance(s.get("coef"), list)
    and len(s["coef"]) == len(FEATURES),
    build=PersonModel,
)


# ----------------------------------------------------------------------------- features
_PARA = re.compile(r"\n\s*\n|\n")


def _sentence_index(sentences, pos: int) -> int:
    return bisect.bisect_right(sentences, (pos, 1 << 60)) - 1


def featurise(resolver, pos: int, cands: list[str], rule: str | None, gender: str | None,
              namesake: bool, last_at: dict[str, int], named: dict[str, int],
              kin: set[str]) -> list[list[float]]:
    """One row per candidate (``FEATURES`` order).  ``last_at``: where each candidate was last
    named before ``pos``; ``named``: how often; ``kin``: candidates introduced as someone's
    relative."""
    from .antecedents import _oblique, _sentence

    text = resolver.text
    sentences = resolver.sentences
    names = resolver.names
    spoken = [n for p, n in resolver.recent if p <= pos]
    order: list[str] = []
    for n in reversed(spoken):
        if n not in order:
            order.append(n)
    k = _sentence_index(sentences, pos)
    cur = sentences[k] if k >= 0 else (0, pos)
    prev = sentences[k - 1] if k >= 1 else None
    in_prev = [n for _, n in names.mentions_in(*prev)] if prev else []
    by_recency = sorted(cands, key=lambda n: -last_at.get(n, -1))
    rows = []
    for n in cands:
        at = last_at.get(n)
        if at is None:
            sent_d = para_d = char_d = 0.0
            oblique = opens = in_quote = 0.0
            missing = True
        else:
            missing = False
            sent_d = math.log1p(max(0, k - _sentence_index(sentences, at)))
            para_d = float(min(5, len(_PARA.findall(text, at, pos))))
            char_d = min(3.0, (pos - at) / 1000)
            bounds = _sentence(sentences, at)
            oblique = float(_oblique(text, at, n, bounds))
            opens = float(resolver._opens(n, at, bounds[0]))
            in_quote = float(resolver.in_quote(at))
        if missing:
            sent_d, para_d, char_d = math.log1p(10), 5.0, 3.0
        rank = order.index(n) if n in order else None
        rows.append([
            float(n == rule),
            float(bool(order) and order[0] == n),
            1.0 / (1 + rank) if rank is not None else 0.0,
            math.log1p(spoken.count(n)),
            math.log1p(named.get(n, 0)),
            float(n in in_prev),
            float(bool(in_prev) and in_prev[0] == n),
            float(at is not None and cur[0] <= at < pos),
            sent_d,
            para_d,
            char_d,
            oblique,
            opens,
            float(gender is not None and names.gender.get(n) == gender),
            in_quote,
            1.0 / (1 + by_recency.index(n)),
            float(namesake),
            float(n in kin),
        ])
    return rows
