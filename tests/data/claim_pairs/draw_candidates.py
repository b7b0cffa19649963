"""Draw candidate CLAIM PAIRS from the PolNeAR train articles (../shared/gold/polnear-train).

    python3 tests/data/claim_pairs/draw_candidates.py [GOLD_DIR] [--per-kind N] \
        > /tmp/candidates.jsonl

Standard library only, deterministic (no randomness; every ordering is sorted).  Prints one JSON
object per line: the two attributions as references ({"doc": file id, "quote": index in the
file's ``quotes`` list}), the speakers resolved by a heuristic, the surface scores and the
kind of candidate:

- ``same_speaker_close``  same resolved speaker, strong surface overlap (likely the same claim)
- ``same_speaker_topic``  same resolved speaker, moderate overlap (same topic, maybe another point)
- ``negation``            word overlap, one side negated (not, never, no, n't, deny...) or with a
                          denial cue (denied, rejected, dismissed, disputed...), the other not
- ``other_speaker``       strong overlap, different resolved speakers

Only pairs across two different articles are drawn, and not across two copies or versions of
one story (articles sharing 30% of their word 8-grams: syndicated or updated copies).  The
speaker resolution is a heuristic that only draws candidates; the pairs in pairs.jsonl were
judged by reading the articles.  No quote text is printed, only references and scores.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import re
import sys
import zlib
from collections import defaultdict
from pathlib import Path

DEFAULT_GOLD = Path(__file__).resolve().parents[3].parent / "shared" / "gold" / "polnear-train"

STOP = set(
    """a an the and or but if of to in on at by for with from as is are was were be been being
    that this these those it its he she his her him they them their we our us i me my you your
    will would could should can may might must do does did has have had not no never n't s
    said says say told tell telling saying about over into than then so very just also more most
    there here what which who whom whose when where why how all any some such only own same
    other out up down off again further once because while during before after above below
    between through am let one two new like get got going go make made""".split()
)
NEG_RE = re.compile(
    r"\b(not|never|no|nobody|nothing|none|neither|nor|cannot|deny|denies|denied|denying|"
    r"refuse|refused|refuses|reject|rejected|rejects)\b|n't\b"
)
DENY_CUE = re.compile(r"den(y|ied|ies|ial)|reject|dismiss|disput|refut|rebut|contradict", re.I)
PRONOUNS = {"he", "she", "him", "her", "his", "hers", "who", "whom", "whose", "i", "me", "my"}
TITLES = re.compile(
    r"^(mr|mrs|ms|dr|sen|senator|gov|governor|rep|representative|president|vice|secretary|"
    r"former|candidate|gop|democratic|republican|presidential|nominee|speaker|house|senate|"
    r"majority|minority|leader|director|attorney|general|fbi|state|u\.s|us|the|business|"
    r"businessman|billionaire|mogul|real|estate|ohio|florida|texas|new|jersey|vermont|sen\.)\.?$",
    re.I,
)
FIRST_NAMES = {
    "hillary": "clinton",
    "bill": "bill clinton",
    "chelsea": "chelsea clinton",
    "donald": "trump",
    "eric": "eric trump",
    "ivanka": "ivanka trump",
    "melania": "melania trump",
    "bernie": "sanders",
    "barack": "obama",
    "michelle": "michelle obama",
    "jeb": "bush",
    "ted": "cruz",
    "marco": "rubio",
    "mike": None,
    "james": None,
    "john": None,
}
# Descriptions used for the main figures of the 2015-2016 campaign (heuristic, for drawing only).
DESCRIPTIONS = [
    (re.compile(r"fbi director|the director|comey", re.I), "comey"),
    (
        re.compile(
            r"democratic (presidential )?(nominee|front-?runner|candidate)|"
            r"former secretary of state|"
            r"clinton campaign|the former first lady",
            re.I,
        ),
        "clinton",
    ),
    (
        re.compile(
            r"republican (presidential )?(nominee|front-?runner|candidate)|"
            r"gop (nominee|front-?runner)|"
            r"the billionaire|real[- ]estate (mogul|magnate|developer|tycoon)|trump campaign|"
            r"the businessman|the mogul",
            re.I,
        ),
        "trump",
    ),
    (re.compile(r"sanders campaign|vermont senator|the senator from vermont", re.I), "sanders"),
    (re.compile(r"^(the )?president$|white house", re.I), "obama"),
]
WORD_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def normalise(text: str) -> str:
    t = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    t = re.sub(r"[\u201c\u201d\"]", " ", t)
    t = re.sub(r"[^a-z0-9' ]+", " ", t)
    t = re.sub(r"\s+", " ", t).strip(" '")
    t = re.sub(r"^that ", "", t)
    return t


def trigrams(text: str) -> set[str]:
    """pg_trgm's trigram set: non-alphanumerics separate words; each word padded '  w '."""
    out: set[str] = set()
    for w in re.findall(r"[a-z0-9]+", text.lower()):
        p = "  " + w + " "
        out.update(p[i : i + 3] for i in range(len(p) - 2))
    return out


def jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def named_key(mention: str) -> str | None:
    """A speaker key for a named or described mention, or None for a pronoun/unknown."""
    m = mention.strip().replace("\u2019", "'")
    m = re.sub(r"'s$", "", m)
    m = re.sub(r"\(.*?\)", "", m).strip()
    if m.lower() in PRONOUNS or not m:
        return None
    for rx, key in DESCRIPTIONS:
        if rx.search(m):
            return key
    toks = [t for t in re.split(r"[\s,]+", m) if t]
    caps = [t for t in toks if t[:1].isupper() and not TITLES.match(t)]
    if not caps:
        return None
    first, last = caps[0].lower().strip("."), caps[-1].lower().strip(".")
    if len(caps) >= 2 and first in FIRST_NAMES and FIRST_NAMES[first] and " " in FIRST_NAMES[first]:
        return FIRST_NAMES[first]
    if len(caps) == 1 and last in FIRST_NAMES and FIRST_NAMES[last]:
        return FIRST_NAMES[last]
    if len(caps) > 3:  # an organisation or a long description: keep it whole
        return " ".join(c.lower() for c in caps)
    return last


def copies(texts: dict[str, str], share: float = 0.3) -> set[tuple[str, str]]:
    """Pairs of article ids that are copies or versions of one story (syndicated, updated):
    at least ``share`` of the smaller article's word 8-grams are in the other."""
    index: dict[int, list[str]] = defaultdict(list)
    size = {}
    for doc in sorted(texts):
        w = WORD_RE.findall(normalise(texts[doc]))
        sh = {zlib.crc32(" ".join(w[i : i + 8]).encode()) for i in range(max(0, len(w) - 7))}
        size[doc] = max(1, len(sh))
        for h in sh:
            index[h].append(doc)
    common: dict[tuple[str, str], int] = defaultdict(int)
    for post in index.values():
        if len(post) > 20:
            continue
        for x in range(len(post)):
            for y in range(x + 1, len(post)):
                common[(post[x], post[y])] += 1
    return {p for p, n in common.items() if n >= share * min(size[p[0]], size[p[1]])}


def load(gold: Path):
    quotes = []  # (doc, idx, speaker, norm, words, trigrams, negated)
    texts = {}
    for f in sorted(glob.glob(os.path.join(gold, "*.json"))):
        with open(f, encoding="utf-8") as fh:
            d = json.load(fh)
        texts[d["id"]] = d["text"]
        # Named mentions in the article, in text order, for resolving pronouns and 'who'.
        named = []
        for q in d["quotes"]:
            sm = q.get("speaker_mention")
            if sm and named_key(sm["text"]):
                named.append((sm["start"], named_key(sm["text"])))
        named.sort()
        for i, q in enumerate(d["quotes"]):
            sm = q.get("speaker_mention")
            if not sm:
                continue
            key = named_key(sm["text"])
            if key is None and sm["text"].strip().lower() in PRONOUNS:
                before = [k for s, k in named if s < sm["start"]]
                key = before[-1] if before else None
            if key is None:
                continue
            norm = normalise(q["text"])
            words = [w for w in WORD_RE.findall(norm)]
            if len(words) < 5 or len(words) > 90:
                continue
            content = {w for w in words if w not in STOP and len(w) > 2}
            if len(content) < 3:
                continue
            quotes.append(
                {
                    "doc": d["id"],
                    "quote": i,
                    "speaker": key,
                    "words": content,
                    "trgm": trigrams(norm),
                    "n": len(words),
                    "neg": bool(NEG_RE.search(norm) or DENY_CUE.search(q.get("cue") or "")),
                }
            )
    return quotes, copies(texts)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="?", default=str(DEFAULT_GOLD))
    ap.add_argument("--per-kind", type=int, default=400, help="at most this many per kind")
    ap.add_argument("--max-df", type=int, default=250, help="ignore words in more quotes")
    a = ap.parse_args()
    qs, same_story = load(Path(a.gold))
    if not qs:
        print(f"no gold texts in {a.gold}", file=sys.stderr)
        return 1
    index: dict[str, list[int]] = defaultdict(list)
    for n, q in enumerate(qs):
        for w in sorted(q["words"]):
            index[w].append(n)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for w in sorted(index):
        post = index[w]
        if len(post) > a.max_df:
            continue
        for x in range(len(post)):
            for y in range(x + 1, len(post)):
                shared[(post[x], post[y])] += 1
    kinds: dict[str, list[dict]] = defaultdict(list)
    for (i, j), k in shared.items():
        if k < 3:
            continue
        qa, qb = qs[i], qs[j]
        if qa["doc"] == qb["doc"] or tuple(sorted((qa["doc"], qb["doc"]))) in same_story:
            continue  # one article, or two copies/versions of one story
        wj = jaccard(qa["words"], qb["words"])
        if wj < 0.2:
            continue
        tj = jaccard(qa["trgm"], qb["trgm"])
        same_spk = qa["speaker"] == qb["speaker"]
        if qa["neg"] != qb["neg"] and wj >= 0.25:
            kind = "negation"
        elif same_spk and tj >= 0.45:
            kind = "same_speaker_close"
        elif same_spk and 0.2 <= tj < 0.45:
            kind = "same_speaker_topic"
        elif not same_spk and tj >= 0.35:
            kind = "other_speaker"
        else:
            continue
        kinds[kind].append(
            {
                "a": {"doc": qa["doc"], "quote": qa["quote"]},
                "b": {"doc": qb["doc"], "quote": qb["quote"]},
                "speaker_a": qa["speaker"],
                "speaker_b": qb["speaker"],
                "trgm": round(tj, 4),
                "word_jaccard": round(wj, 4),
                "shared_words": k,
                "neg_a": qa["neg"],
                "neg_b": qb["neg"],
                "kind": kind,
            }
        )
    for kind in sorted(kinds):
        rows = sorted(
            kinds[kind],
            key=lambda r: (
                -r["trgm"],
                r["a"]["doc"],
                r["a"]["quote"],
                r["b"]["doc"],
                r["b"]["quote"],
            ),
        )
        if kind == "same_speaker_topic":  # spread over the whole range, not only the top
            step = max(1, len(rows) // a.per_kind)
            rows = rows[::step]
        for r in rows[: a.per_kind]:
            print(json.dumps(r, sort_keys=True))
    print(
        json.dumps(
            {
                "summary": {k: len(v) for k, v in sorted(kinds.items())},
                "quotes_indexed": len(qs),
                "article_copy_pairs_excluded": len(same_story),
            }
        ),
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
