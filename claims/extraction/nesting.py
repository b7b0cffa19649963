"""Dropping nested statements: a reported statement inside another one's content is one
statement, not two ("he said he wants to ..."), unless the inner one is a statement of its own;
then the outer one is cut short before it (:func:`drop_nested`)."""

from __future__ import annotations

import re

from .statements import Statement

__all__ = ["drop_nested"]


def drop_nested(statements: list[Statement], text: str) -> list[Statement]:
    """Drop reported statements lying inside another one's content ("he said he wants to ...":
    one statement, not two), except where the inner one is a statement of its own; then the
    outer one is cut short before it:

    - an "according to", object or prepositional statement holding a clause with its own
      speaker ("According to X, A, even as he insisted B"; "discussed a plan, which Putin
      indicated could form a basis");
    - a second cue of the same speaker hung on the first cue ("says A, but insists B",
      "endorsed Cruz, saying B");
    - a second cue the parser hung inside the first statement, joined to it by a comma or a
      conjunction ("said A, arguing that B", "said A, though she noted B").
    """
    statements = sorted(statements, key=lambda s: (s.start, -s.end))
    keep: list[Statement] = []
    for st in statements:
        container = next(
            (k for k in keep if k.start <= st.start and st.end <= k.end and k is not st), None
        )
        if container is None:
            keep.append(st)
            continue
        same_doc = (
            st.cue is not None
            and container.cue is not None
            and st.cue.token.doc is container.cue.token.doc
        )
        hung_on_container = same_doc and st.cue.token.head.i == container.cue.token.i
        relative = (
            st.cue is not None
            and st.cue.token.dep_ == "relcl"
            and st.cue_span is not None
            and st.cue_span[0] > container.start
        )
        if container.rule in ("according", "obj", "prep") and (
            (st.mention and st.mention[0] > container.start) or relative
        ):
            # "endorsed Trump, who says he is honored": the relative clause's cue is inside,
            # though its speaker ("Trump", through "who") is not
            own_subject = st.mention and st.mention[0] > container.start
            cut = st.mention[0] if own_subject else st.cue_span[0]
            # the object a relative clause hangs on may be short and whole ("endorsed Trump,
            # who says"); a shorter leftover is otherwise a fragment
            shortest = 2 if container.rule == "obj" and not own_subject else 11
            if _end_before(container, text, cut, _RELATIVE_TAIL, shortest=shortest):
                keep.append(st)
        elif (
            hung_on_container
            and st.cue.token.dep_ in ("conj", "advcl")
            and st.cue_span
            and st.mention
            and st.mention[1] <= container.start
            and container.start < st.cue_span[0] < st.start
        ):
            if _end_before(container, text, st.cue_span[0], _COORD_TAIL):
                keep.append(st)
        elif (
            st.cue is not None
            and container.cue is not None
            and not hung_on_container
            and st.cue_span
            and container.start < st.cue_span[0] < st.start
            and st.cue.token.dep_ in ("advcl", "conj", "parataxis")
            and not (st.mention_tokens and st.mention_tokens[0].lower_ in _RELATIVES)
        ):
            lead = st.cue_span[0]
            if st.mention and container.start < st.mention[0] < lead:
                lead = st.mention[0]  # "..., though she noted": cut before the subject
            if _end_before(container, text, lead, _SECOND_CUE_LEAD, required=True):
                if st.cue.token.tag_ == "VBG" and not any(
                    c.dep_ in ("nsubj", "nsubjpass") for c in st.cue.token.children
                ):
                    # a participle has no subject of its own: it is the first speaker's
                    st.mention, st.mention_tokens = container.mention, container.mention_tokens
                keep.append(st)
    return keep


def _end_before(
    container: Statement,
    text: str,
    pos: int,
    tail: re.Pattern,
    required: bool = False,
    shortest: int = 11,
) -> bool:
    """End ``container`` before ``pos``, backing over the connecting words ``tail`` matches;
    ``False`` (and nothing changed) when fewer than ``shortest`` characters would be left, or,
    if ``required``, when nothing connects the two."""
    head = text[container.start : pos]
    m = tail.search(head)
    if m is None and required:
        return False
    length = m.start() if m else len(head)
    if length < shortest:
        return False
    container.end = container.start + length
    return True


# Words before a clause with its own speaker inside an object: "..., even as he insisted".
_RELATIVE_TAIL = re.compile(
    r"[\s,;:—–-]*(?:\b(?:even|as|and|but|while|although|though|because|which|who"
    r"|that|whom)\b[\s,]*)*$"
)
_RELATIVES = frozenset({"who", "whom", "which", "that", "whose"})


# What may introduce a second statement inside the first one: a comma or semicolon, or a
# conjunction, then adverbs ("..., and also noted", "... though she noted").
_SECOND_CUE_LEAD = re.compile(
    r"(?:\s*[,;]\s*|\s+(?=(?:and|but|while|though|although|whereas)\b))"
    r"(?:(?:and|but|while|though|although|whereas|even|as|also|then|later|further|again"
    r"|repeatedly|only)\b[\s,]*)*$",
    re.IGNORECASE,
)


# Words between two coordinated statements: "..., and also insisted", "..., while adding".
_COORD_TAIL = re.compile(
    r"[\s,;:—–-]*(?:\b(?:and|but|also|while|even|as|then|later|yet|so|has|have|had|was|is"
    r"|would|will|only|further|again|repeatedly)\b[\s,]*)*$",
    re.IGNORECASE,
)
