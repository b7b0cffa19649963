"""Where speaker mentions and names go wrong, on the tuning half only (issue 21).

    .venv/bin/python benchmarks/speaker_diagnostics.py [--corpus ggt-dev] [--limit N]

Runs the extractor over the tuning documents of one gold corpus (the split of
``scripts/train_speaker_model.py``: the held-back documents are never opened) and prints
aggregate counts only:

- **mention misses by kind**, among matched quotes with a gold mention (score.py's matching
  and its overlap test): the predicted mention has the gold mention's words but at another
  occurrence ("same words elsewhere"); the gold offsets start or end inside a word ("he" in
  "the", a sign the offsets were re-anchored by string search); one contains the other's
  words; different words; no mention.  Then the mention accuracy that counts a same-words
  mention as a hit, beside score.py's.
- **the rules' sure and unsure choices between people** (corpora with resolved names): for
  each "he"/"she" the pronoun rules resolved, whether the person named in the sentence before
  and the last speaker of that gender disagree (unsure), and whether the name is right; for
  each lone surname shared by two people named in full (namesakes), whether it is right.
  These are the only places the learned scores could choose instead of the rules.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))


def _shared() -> Path:
    return next(
        (p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if p.is_dir()),
        ROOT.parent / "shared",
    )


def _chars(a: int, b: int) -> set[int]:
    return set(range(a, b))


def _inside_word(text: str, a: int, b: int) -> bool:
    return (a > 0 and text[a - 1].isalnum() and text[a].isalnum()) or (
        b < len(text) and text[b].isalnum() and text[b - 1].isalnum()
    )


def _norm(s: str) -> str:
    return " ".join(s.casefold().split())


def mention_kind(text: str, gm: dict, pm: dict | None) -> str:
    """How a predicted mention ``pm`` relates to the gold mention ``gm`` of the same quote."""
    if pm and _chars(gm["start"], gm["end"]) & _chars(pm["start"], pm["end"]):
        return "hit"
    if not pm:
        return "no mention"
    if _norm(pm["text"]) == _norm(gm["text"]):
        if _inside_word(text, gm["start"], gm["end"]):
            return "same words elsewhere, gold offsets inside a word"
        return "same words elsewhere"
    g, p = _norm(gm["text"]), _norm(pm["text"])
    if g in p or p in g:
        return "one contains the other, elsewhere"
    return "different words"


class _Probe:
    """Records the rules' choices between people while the extractor runs (patched in)."""

    def __init__(self):
        from claims.extraction import coref, names

        self.pronouns: dict[int, bool] = {}  # char offset -> unsure
        self.people: dict[int, list[str]] = {}  # char offset -> people of that gender before
        self.namesakes: set[int] = set()  # char offsets of ambiguous lone surnames
        probe = self
        resolve = coref.SpeakerResolver.resolve_pronoun
        full_name = names.ArticleNames.full_name

        def resolve_pronoun(resolver, word, pos):
            w = word.lower()
            if w in coref._MALE or w in coref._FEMALE:
                g = "m" if w in coref._MALE else "f"
                a = resolver._sentence_before_names(pos, g)
                b = resolver._recent_person(pos, g)
                probe.pronouns[pos] = bool(a and b and a != b)
                # every person of a fitting (or unknown) gender named or quoted before it:
                # the most a choice between the rules' candidates could pick from
                probe.people[pos] = [
                    n
                    for p, n in [*resolver.recent, *resolver.names.persons]
                    if p <= pos and resolver.names.gender.get(n) in (g, None)
                ]
            return resolve(resolver, word, pos)

        def full(article_names, name, pos=None, gender=None):
            words = names.clean_name(name).split()
            if len(words) == 1 and pos is not None:
                w = words[0].lower()
                if len(article_names.namesakes.get(w, ())) > 1 and (
                    len(set(article_names._longest_by_form(w).values())) > 1
                ):
                    probe.namesakes.add(pos)
            return full_name(article_names, name, pos, gender)

        coref.SpeakerResolver.resolve_pronoun = resolve_pronoun
        names.ArticleNames.full_name = full

    def clear(self):
        self.pronouns.clear()
        self.people.clear()
        self.namesakes.clear()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", choices=("ggt-dev", "polnear-train"), default="ggt-dev")
    ap.add_argument("--shared", type=Path, default=_shared())
    ap.add_argument("--limit", type=int, help="only the first N tuning documents")
    a = ap.parse_args()
    from train_speaker_model import split_files

    sys.path.insert(0, str(a.shared / "eval"))
    from score import match, name_match  # the scorer's own matching and name test

    from claims.extraction import load_nlp
    from claims.extraction.pipeline import Extractor

    tune, _held = split_files(a.shared, a.corpus)  # the held-back files are never opened
    tune = tune[: a.limit] if a.limit else tune
    probe = _Probe()
    extractor = Extractor(load_nlp())
    kinds: Counter = Counter()
    choices: Counter = Counter()
    for path in tune:
        gold = json.loads(path.read_text(encoding="utf-8"))
        probe.clear()
        preds = [q.to_json(str(path)) for q in extractor.extract(gold["text"]).quotes]
        for gi, pi in match(gold["quotes"], preds, 0.3):
            gq, pq = gold["quotes"][gi], preds[pi]
            gm, pm = gq.get("speaker_mention"), pq.get("speaker_mention")
            if gm:
                kind = mention_kind(gold["text"], gm, pm)
                kinds[kind] += 1
                if kind.startswith("same words") and gq.get("speaker"):
                    right = name_match(pq.get("speaker"), gq["speaker"])
                    kinds[f"  (of the same words: name right {right})"] += 1
            if not (gq.get("speaker") and pm):
                continue
            right = name_match(pq.get("speaker"), gq["speaker"])
            at = range(pm["start"], pm["end"])
            if pm["start"] in probe.pronouns:
                sure = "unsure" if probe.pronouns[pm["start"]] else "sure"
                choices[(f"he/she, {sure}", right)] += 1
                if not right and any(
                    name_match(n, gq["speaker"]) for n in probe.people[pm["start"]]
                ):
                    choices["wrong he/she whose speaker was among the candidates"] += 1
            elif any(p in at for p in probe.namesakes):
                choices[("namesake surname", right)] += 1
    n = sum(v for k, v in kinds.items() if not k.startswith(" "))
    same = sum(v for k, v in kinds.items() if k.startswith("same words"))
    print(f"{a.corpus} tuning half: {len(tune)} documents, {n} matched quotes with a gold mention")
    for k, v in sorted(kinds.items(), key=lambda kv: (kv[0].startswith(" "), -kv[1])):
        print(f"  {k:52} {v:5}")
    if n:
        print(f"mention accuracy (score.py, overlap):          {kinds['hit'] / n:.4f}")
        print(f"  counting same words elsewhere as a hit:      {(kinds['hit'] + same) / n:.4f}")
    for what in ("he/she, sure", "he/she, unsure", "namesake surname"):
        ok, bad = choices[(what, True)], choices[(what, False)]
        if ok or bad:
            print(f"{what:18} right {ok:4}  wrong {bad:4}")
    key = "wrong he/she whose speaker was among the candidates"
    if choices[("he/she, sure", False)] or choices[("he/she, unsure", False)]:
        print(f"{key}: {choices[key]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
