"""The learned speaker-mention ranker (issue 21): loaded from a small versioned JSON file,
evaluated in plain Python and numpy (spaCy's own dependency), so the training library
(scikit-learn, requirements-train.txt) is never needed at run time.  An article's candidates
are scored at once (:func:`choose_mentions`, :class:`_TreeArrays`).

A model file holds ``format`` (``FORMAT``), ``features_hash`` (``speaker_features``' list) and
either logistic coefficients or boosted trees.  A missing file, another format or another
feature list is an error at start-up naming the file and the command that rebuilds it: the
extractor never falls back to the rules in silence.
"""

from __future__ import annotations

import math
from pathlib import Path

from .model import ModelNotInstalled
from .model_file import ModelFile
from .speaker_features import FEATURES, candidates, columns, features_hash, featurise

FORMAT = "speaker-ranker/1"
MODEL_PATH = Path(__file__).resolve().parent / "data" / "speaker_model.json"
# The command the data card and the README give: constraints.txt pins numpy and the rest to
# the versions the file was trained with, which "same data, same file" depends on.
REBUILD = ".venv/bin/pip install -r requirements-train.txt -c constraints.txt && " \
    ".venv/bin/python scripts/train_speaker_model.py"
# An article with no parsed sentence (no quote or cue verb to parse, or a parse with no
# tokens): its statements (label lines, headlines) keep the rules' speakers, and says so.
UNSCORED_NOTE = (
    "speakers chosen by the rules: nothing in the article was parsed for the speaker model "
    "to score"
)


class SpeakerModelError(ModelNotInstalled):
    """The speaker model file cannot be used (missing, unreadable, another version); a kind
    of :class:`ModelNotInstalled`, so every caller that reports a missing spaCy model reports
    this one the same way (``python -m claims.extraction`` exits with 2 and the message;
    ``manage.py`` commands stop before that, at the system check ``tracker.E001``)."""


class SpeakerModel:
    """Scores candidate mentions; ``choose`` picks one for a cue."""

    def __init__(self, spec: dict, path: Path):
        self.path = path
        self.kind = spec["kind"]
        self.trees = spec.get("trees") or []
        self.init = float(spec.get("init", 0.0))
        self.rate = float(spec.get("learning_rate", 1.0))
        self.coef = spec.get("coef") or []
        self.margin = float(spec.get("margin", 0.0))
        compiled = None if self.kind == "logistic" else _compile_trees(
            self.trees, self.init, self.rate
        )
        if compiled is not None:
            self.score = compiled
        self._arrays = None if compiled is None else _TreeArrays(self.trees)

    def score(self, row: list[float]) -> float:
        """The ranker's score of one candidate's feature row.  For trees this walk is the
        reference: ``_compile_trees`` replaces it per instance with the same sums as code."""
        if self.kind == "logistic":
            return sum(w * x for w, x in zip(self.coef, row, strict=True))
        total = self.init
        for feature, threshold, left, right, value in self.trees:
            node = 0
            while feature[node] >= 0:
                node = left[node] if row[feature[node]] <= threshold[node] else right[node]
            total += self.rate * value[node]
        return total

    def scores(self, rows: list[list[float]]) -> list[float]:
        """``score`` of each row, equal to it to the bit; the trees over all rows at once
        (:class:`_TreeArrays`) where they could be compiled."""
        if self._arrays is None or not rows:
            return [self.score(r) for r in rows]
        return self._arrays.scores(rows, self.init, self.rate)

    def choose(self, cands, rows, rule_k: int | None) -> int | None:
        """The index of the best candidate; the rule's keeps its place unless another beats
        it by ``margin`` (the margin is part of the trained file)."""
        if not cands:
            return rule_k
        return self.choose_scored(self.scores(rows), rule_k)

    def choose_scored(self, scores: list[float], rule_k: int | None) -> int | None:
        """:meth:`choose` given the candidates' scores."""
        if not scores:
            return rule_k
        best = max(range(len(scores)), key=lambda k: (scores[k], -k))
        if rule_k is not None and scores[best] - scores[rule_k] <= self.margin:
            return rule_k
        return best


def _compile_trees(trees, init: float, rate: float):
    """The trees' score as one generated function of nested conditional expressions, or None
    when a tree is not made of plain numbers.  Walking 150 trees node by node in Python took a
    fifth of the whole extraction (1.2 s of 15 over the PolNeAR dev texts, profiled); the
    generated function makes the same comparisons and the same additions in the same order,
    so every score is equal to the walk's to the bit (``tests/extraction/test_speaker_model``).
    Only ints and finite floats from the model file reach the source, formatted by ``repr``."""

    def node(tree, n: int) -> str:
        feature, threshold, left, right, value = tree
        f = feature[n]
        if type(f) is not int:
            raise TypeError(f)
        if f < 0:
            return _number(value[n])
        return (
            f"({node(tree, left[n])} if row[{f}] <= {_number(threshold[n])} "
            f"else {node(tree, right[n])})"
        )

    # Anything unexpected (a non-number, a bad child index, a cycle, a tree nested deeper than
    # Python's parser takes) leaves the walk in charge rather than failing start-up.
    try:
        lines = [f"    total = {_number(init)}"]
        lines += [f"    total += {_number(rate)} * {node(t, 0)}" for t in trees]
        source = "def score(row):\n" + "\n".join(lines) + "\n    return total\n"
        code = compile(source, "<speaker model trees>", "exec")
    except (TypeError, ValueError, IndexError, RecursionError, SyntaxError, MemoryError):
        return None
    namespace: dict = {}
    exec(code, namespace)  # noqa: S102
    return namespace["score"]


class _TreeArrays:
    """The trees as flat arrays, walked for many rows at once with numpy: the same
    comparisons (``row[f] <= threshold`` goes left) and the same sum, ``init`` then ``rate *
    leaf`` of each tree in the file's order, added one after the other (``np.add.accumulate``,
    never a pairwise sum), so every score is the compiled function's to the bit
    (``tests/extraction/test_speaker_model``).  The compiled function costs about 20
    microseconds a row; an article's rows (about a hundred) at once, about 5."""

    def __init__(self, trees):
        import numpy as np

        # Node n of tree t is entry t * width + n; a leaf (feature < 0) is its own child on
        # both sides, so ``depth`` steps leave every row on a leaf.
        self.n_trees = len(trees)
        width = max((len(t[0]) for t in trees), default=1)
        size = self.n_trees * width
        self.feature = np.zeros(size, dtype=np.intp)
        self.threshold = np.zeros(size)
        self.left = np.zeros(size, dtype=np.intp)
        self.right = np.zeros(size, dtype=np.intp)
        self.value = np.zeros(size)
        self.roots = np.arange(self.n_trees, dtype=np.intp) * width
        self.depth = 0
        for t, (feat, thr, lo, hi, val) in enumerate(trees):
            base = t * width
            for n in range(len(feat)):
                at = base + n
                self.value[at] = float(val[n])
                if feat[n] < 0:
                    self.left[at] = self.right[at] = at
                else:
                    self.feature[at], self.threshold[at] = feat[n], float(thr[n])
                    self.left[at], self.right[at] = base + lo[n], base + hi[n]
            self.depth = max(self.depth, _depth(feat, lo, hi))

    def scores(self, rows, init: float, rate: float) -> list[float]:
        import numpy as np

        x = np.asarray(rows, dtype=np.float64)
        n_rows, n_features = x.shape
        flat = x.ravel()
        row_start = (np.arange(n_rows, dtype=np.intp) * n_features)[:, None]
        node = np.broadcast_to(self.roots, (n_rows, self.n_trees))
        for _ in range(self.depth):
            goes_left = flat.take(self.feature.take(node) + row_start) <= self.threshold.take(node)
            node = np.where(goes_left, self.left.take(node), self.right.take(node))
        terms = np.empty((n_rows, self.n_trees + 1))
        terms[:, 0] = init
        terms[:, 1:] = rate * self.value.take(node)
        return np.add.accumulate(terms, axis=1)[:, -1].tolist()


def _depth(feature, left, right) -> int:
    """The longest path from the root to a leaf (the trees were checked acyclic when
    compiled)."""
    best, todo = 0, [(0, 0)]
    while todo:
        n, d = todo.pop()
        if feature[n] < 0:
            best = max(best, d)
        else:
            todo += [(left[n], d + 1), (right[n], d + 1)]
    return best


def _number(x) -> str:
    if type(x) is int or (type(x) is float and math.isfinite(x)):
        return repr(float(x))
    raise ValueError(x)


def load_speaker_model(path: str | None = None) -> SpeakerModel:
    """Read and check the model file (once per process): ``path``, else the file the
    ``CLAIMS_SPEAKER_MODEL`` environment variable names, else the repository's."""
    return _FILE.load(path)


def check_model_file(path: str | None = None) -> Path:
    """The file ``load_speaker_model`` would read, checked (present, readable, this format and
    feature list) without building it; raises :class:`SpeakerModelError` naming the file and the
    rebuild command."""
    return _FILE.check(path)


_FILE = ModelFile(
    what="speaker model", env="CLAIMS_SPEAKER_MODEL", default=MODEL_PATH, fmt=FORMAT,
    rebuild=REBUILD,
    error=SpeakerModelError,
    features_ok=lambda s: s.get("features_hash") == features_hash()
    and len(s.get("features", ())) == len(FEATURES),
    build=SpeakerModel,
)


def choose_mentions(model, log, items, inside_quote, names, text) -> list:
    """The token span of the speaker's mention for each ``(cue, doc, offset, rule_span)`` of
    ``items`` (an article's cues, in text order): the rules' ``rule_span`` scored against the
    other candidates of its unit, every candidate of the article scored at once.  No cue's
    features read another cue's choice, so the choices are those of one cue at a time.
    ``log``, when a list, receives ``(cue start, cue end, [candidate character spans], rows,
    rule index)`` of each scored cue, in order, for training."""
    chosen = []
    pending = []  # (item index, candidates, first row, rule index)
    rows: list[list[float]] = []
    cols: dict = {}
    for n, (cue, doc, off, rule_span) in enumerate(items):
        chosen.append(rule_span)
        if rule_span is not None and cue.token.dep_ == "relcl":
            # "critics who argue that ...": the rules' antecedent of the relative pronoun is
            # sure (syntax names it), and the person is what a reader needs, not "who"
            continue
        unit = columns(doc, cols)
        cands = candidates(cue, doc, rule_span, unit)
        if not cands:
            continue
        cue_rows = featurise(cue, doc, off, cands, rule_span, inside_quote, names, text, unit)
        rule_k = next(
            (k for k, (i, j, _) in enumerate(cands)
             if rule_span is not None and (i, j) == rule_span),
            None,
        )
        if log is not None:
            spans = [(off + unit.idx[i], off + unit.idx[i] + unit.width(i, j)) for i, j, _ in cands]
            log.append((off + cue.start, off + cue.end, spans, cue_rows, rule_k))
        if model is not None:
            pending.append((n, cands, len(rows), rule_k))
            rows.extend(cue_rows)
    if pending:
        scores = model.scores(rows)
        ends = [first for _, _, first, _ in pending[1:]] + [len(rows)]
        for (n, cands, first, rule_k), end in zip(pending, ends, strict=True):
            k = model.choose_scored(scores[first:end], rule_k)
            if k is not None:
                chosen[n] = cands[k][:2]
    return chosen


def sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))
