"""Statements found without a parse: label lines ("Pat Caddell: Democrat voters worried
...", transcript lines "WALLACE: Let's start ...") and title-case headline attributions ("Tax
Plan Will Hurt Farms, Senator Jane Miller Says", "Jane Miller Vows To Cut Fees").  The rule
names the speaker itself (``Statement.speaker``), completed from the article's names."""

from __future__ import annotations

import re

from .furniture import in_furniture
from .lexicon import cue_lexicon, word_list
from .names import ArticleNames
from .planning import Plan
from .sentences import paragraphs
from .statements import Statement

__all__ = ["headlines", "label_lines", "reports_someone_else"]

# "Pat Caddell: Democrat voters worried ..." and transcript lines "WALLACE: Let's start ..."
_LABEL_LINE = re.compile(
    r"^[\"“]?(?P<name>(?:[A-Z][\w.'’-]*\s){0,3}[A-Z][\w.'’-]*)\s?:\s+(?P<body>\S.{8,})$"
)
_NOT_SPEAKER_LABELS = word_list("not_speaker_labels")  # "Update:", "Photo:", "Q:"


# A statement whose speaker is one of these speaks in the label's voice ("BAKER: We said ...").
_LABEL_VOICE = {"i", "we", "you"}


def reports_someone_else(
    label: Statement, statements: list[Statement], text: str, names: ArticleNames
) -> bool:
    """Whether a label line that names no one the article names as a person ("BREAKING
    NEWS:", "The Latest:") holds a statement of a third party in its body ("The city said
    ..."): the label then heads a news paragraph and is nobody's voice.  A person's label
    ("Bill Clinton: Hillary thinks ...") stays the speaker."""
    speaker = label.speaker if isinstance(label.speaker, str) else ""
    if speaker.split() and speaker.split()[-1].lower() in names.full_by_surname:
        return False
    return any(
        st.mention is not None
        and label.start <= st.mention[0] < label.end
        and text[st.mention[0] : st.mention[1]].lower() not in _LABEL_VOICE
        for st in statements
    )


# Title-case headline attributions: "<statement>, <Name> Says." and "<Name> Vows <statement>".
_HEADLINE_CUE = (
    r"(?P<cue>Says|Said|Warns|Claims|Insists|Argues|Admits|Tells|Vows|Urges|Pledges|Promises"
    r"|Denies)"
)
_HEADLINE_NAME = r"(?P<name>(?:[A-Z][\w.'’-]*\s){0,4}[A-Z][\w.'’-]*)"
_HEADLINE_TAIL = re.compile(rf"^(?P<body>.{{12,}}?),\s+{_HEADLINE_NAME}\s+{_HEADLINE_CUE}\.?$")
_HEADLINE_HEAD = re.compile(
    rf"^(?:[^,]{{0,60}},\s+)?{_HEADLINE_NAME}\s+{_HEADLINE_CUE}\s+(?P<body>[^.]{{8,}}?)\.?$"
)


# A preposition after the verb ("Slams Into", "Rails Against"): left out of the statement.
_HEADLINE_PREP = r"(?:(?:for|on|of|to|about|out|against|into)\s+)?"


def _lexicon_headline(line: str):
    """`_HEADLINE_HEAD` with an evaluation verb of ``data/cue_verbs.txt`` (flagged ``+who``:
    its object, a person or a thing, is the statement) in the headline's present tense:
    "Jane Miller Endorses Tom Baker", "Ruth Ade Slams Harbour Deal".  The first capitalised
    "-s" word after one to five capitalised words that is such a verb's form decides.  A
    match with the groups of `_HEADLINE_HEAD`, or ``None``.  Other cue verbs stay with the
    list in `_HEADLINE_CUE` ("Putin Reiterates Russia Will ..." on the seed article is no
    statement its annotators counted)."""
    words = line.split()
    for k in range(1, min(6, len(words) - 1)):
        if not all(w[:1].isupper() and w[-1:] not in ",:;" for w in words[:k]):
            return None
        cue = words[k]
        lemma = cue_lexicon().lemma(cue.lower())
        if cue.istitle() and cue.endswith("s") and lemma in cue_lexicon().person_object_verbs:
            name = r"\s+".join(re.escape(w) for w in words[:k])
            return re.match(
                rf"^(?P<name>{name})\s+(?P<cue>{re.escape(cue)})\s+(?i:{_HEADLINE_PREP})"
                r"(?P<body>[^.]{8,}?)\.?$",
                line,
            )
    return None


def label_lines(plan: Plan, names: ArticleNames) -> list[Statement]:
    """Headlines and transcript lines: "Pat Caddell: Democrat voters worried ..."."""
    out = []
    text = plan.text
    n = -1  # the article's own paragraphs counted: an "Advertisement" line before the
    # headline does not make the headline a transcript line
    for ps, pe in paragraphs(text):
        if in_furniture(plan.furniture, ps, pe):
            continue
        n += 1
        # on the paragraph's own text: with a start offset "^" would match only at the text's
        # start, and every label after the first paragraph was lost
        m = _LABEL_LINE.match(text[ps:pe])
        if not m:
            continue
        name = m.group("name").strip()
        if name.lower() in _NOT_SPEAKER_LABELS or len(name) < 2:
            continue
        if n > 0 and (
            name.split()[-1].lower() not in names.full_by_surname
            or len(m.group("body").split()) < 6
        ):
            # past the headline, a label is a transcript's speaker only when it is a person
            # the article names in full ("TAPPER:" after "CNN's Jake Tapper"); section heads
            # ("KEEPING SCORE:", "ENERGY:", "Below:") are no one, and a list of people with
            # a phrase each ("Jane Roe: Win in a walk.") is the writer's, not theirs (six
            # words or more, as for a quote standing alone)
            continue
        line_is_caps = name.isupper() and len(name) > 2
        if not line_is_caps and pe - ps > 300:
            continue
        if not line_is_caps and text[pe - 1 : pe] == "." and pe - ps > 160:
            continue
        bs, be = ps + m.start("body"), pe
        kind = "mixed" if re.search(r"[\"“”]", text[bs:be]) else "indirect"
        colon = text.index(":", ps + m.end("name"))
        st = Statement(
            start=bs,
            end=be,
            kind=kind,
            cue_text=":",
            cue_span=(colon, colon + 1),
            mention=(ps + m.start("name"), ps + m.end("name")),
            speaker=names.full_name(name.title() if line_is_caps else name),
            confidence=0.5,
            rule="label",
        )
        out.append(st)
    return out


def headlines(plan: Plan, names: ArticleNames) -> list[Statement]:
    """Title-case headlines: "Tax Plan Will Hurt Farms, Senator Jane Miller Says" and
    "Jane Miller Vows To Cut Fees"."""
    out = []
    text = plan.text
    for ps, pe in paragraphs(text):
        line = text[ps:pe]
        words = line.split()
        if pe - ps > 200 or len(words) < 4 or in_furniture(plan.furniture, ps, pe):
            continue
        caps = sum(w[:1].isupper() or not w[:1].isalpha() for w in words)
        if caps < 0.75 * len(words):
            continue  # not a title-case line
        m = _HEADLINE_TAIL.match(line) or _HEADLINE_HEAD.match(line) or _lexicon_headline(line)
        if not m or m.group("name").split()[0].lower() in _NOT_SPEAKER_LABELS:
            continue
        bs, be = ps + m.start("body"), ps + m.end("body")
        kind = "mixed" if re.search(r"[\"“”‘’']", text[bs:be]) else "indirect"
        st = Statement(
            start=bs,
            end=be,
            kind=kind,
            cue_text=m.group("cue"),
            cue_span=(ps + m.start("cue"), ps + m.end("cue")),
            mention=(ps + m.start("name"), ps + m.end("name")),
            speaker=names.full_name(m.group("name")),
            confidence=0.5,
            rule="headline",
        )
        out.append(st)
    return out
