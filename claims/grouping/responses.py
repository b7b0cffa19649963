"""Recognising a statement that answers an earlier one: "Putin responded clearly, asserting
that the claim is untrue", "the Kremlin dismissed the report", "she pushed back, saying ...".

The cue and the words of the sentence before the statement are searched for a response phrase
(data/response_cues.txt). A phrase that says the earlier claim is false gives `denies`; one that
only answers gives `responds_to`. The statement's own words count too ("the claim is untrue").
"""
import re
from dataclasses import dataclass
from functools import lru_cache

from claims.grouping.lexicon import DAYS, MONTHS, response_cues

_ENDINGS = r"(?:s|es|d|ed|ing)?"


@dataclass(frozen=True)
class ResponseCue:
    relation: str  # "denies" or "responds_to"
    words: str  # the phrase as the text has it


def _pattern(phrase: str) -> re.Pattern:
    parts = [re.escape(p) for p in phrase.split()]
    parts[-1] += _ENDINGS
    return re.compile(r"\b" + r"\s+".join(parts) + r"\b", re.I)


@lru_cache(maxsize=1)
def _patterns() -> tuple[list[tuple[str, re.Pattern]], re.Pattern]:
    """Each response phrase's pattern, in order, and one alternation of them all: most texts
    hold no response phrase, and one search rules that out before each phrase is tried."""
    patterns = [(relation, _pattern(phrase)) for relation, phrase in response_cues()]
    return patterns, re.compile("|".join(f"(?:{p.pattern})" for _, p in patterns), re.I)


# Before a response word, these make it no response: a determiner or possessive makes it a
# noun ("a dispute resolution clause", "his answer"), a modal or "to" a response not made
# ("one could dismiss that as noise", "declined to respond", "joined forty colleagues to reject"), a
# negation one refused ("did not respond", "has not answered").
_NOT_BEFORE = frozenset("""a an the his her their its our my your this that these those any no
every each could would might may should can will shall must to not never nt didnt doesnt dont
wont cannot hasnt havent""".split())
# Before a past participle, an auxiliary makes it passive: the subject was answered, fired or
# refused, it did not answer ("was dismissed after the match", "a permit that had been
# denied the tenants").
_PASSIVE = frozenset("was were been being be is are get gets got".split())
# What a statement answers is something said: after "in response to", "responded to", a
# possessive ("rejected Bolton's suggestion") or before "as" ("dismissed the report as false"),
# one of these nouns says the object is speech, not an event, an act or a person labelled
# ("in response to the launch", "responded to the new tariffs", "dismissed Roe's road works",
# "dismissing the council as a club").
_SPEECH_NOUNS = frozenset("""remark remarks comment comments claim claims question questions
criticism criticisms accusation accusations allegation allegations statement statements report
reports suggestion suggestions charge charges tweet tweets letter call calls assertion
assertions argument arguments attack attacks warning warnings speech interview story article
critics critic idea ideas notion notions proposal proposals demand demands concern concerns
critique critiques jab jabs insult insults view views words point points complaint complaints
challenge challenges case assessment assessments analysis rumor rumors rumours rumour
contention theory charge characterization characterisation description depiction message
editorial editorials column op-ed post posts ad ads taunt taunts quip jibe jibes barb barbs
plea pleas request requests inquiry inquiries query queries""".split())
# Words that may name who spoke rather than what was said: "responded to him", "replied to
# Smith".
_PERSON_PRONOUNS = frozenset("him her them me us it this that those these".split())
# Phrases that deny by their own words ("the claim is untrue"): the only ones looked for in the
# statement itself, where a response verb is usually about something else ("NATO would respond
# firmly", "we will reply in kind").
_SAYS_FALSE = ("untrue", "not true", "false", "baseless", "nonsense", "fake news", "a lie",
               "no truth")
_WORD = re.compile(r"[\w'’-]+")
# In the statement's own words, a response verb counts too when its object is a named
# person's words: "(that he) rejects Donald Trump's latest comments about Muslims", not
# "we will reply in kind" or "NATO would respond firmly".
# Words only: a plan, a request or a demand ("rejects Trump's proposal to close the border")
# is a policy answered, not a statement, though a lead-in may call what a quote said that.
_SAID_NOUNS = _SPEECH_NOUNS - frozenset("""proposal proposals demand demands request requests
plea pleas idea ideas notion notions call calls case point points view views concern concerns
challenge challenges assessment assessments analysis message letter interview story article
editorial editorials column op-ed post posts ad ads speech""".split())
_NAMED_WORDS = re.compile(
    r"\s+(?:to\s+)?(?:[A-Z][\w.-]*\s+){0,2}[A-Z][\w-]*(?:'s|’s)\s+(?:[\w-]+\s+){0,2}?(?:" +
    "|".join(sorted(_SAID_NOUNS, key=len, reverse=True)) + r")\b")


def _says_false(match: re.Match) -> bool:
    return any(p in match.group(0).lower() for p in _SAYS_FALSE)


# "stereotypes that are untrue", "rumours which were false": the words describe a noun of the
# statement's own, they do not call an earlier claim false.
_RELATIVE = re.compile(r"\b(?:that|which|who)\s+(?:(?:is|are|was|were)\s+)?$", re.I)
# Where the object of a response word ends: a clause, a preposition that starts another phrase.
_OBJECT_END = re.compile(r"[,.;:!?\"“”()]|\s(?:of|that|about|by|with|over|on|in|for|at|as|"
                         r"and|who|which|from|after|before|when|while|to|saying|said)\s", re.I)


def _object_words(after: str) -> list[str]:
    """The words of the phrase right after a response word, up to the end of that phrase."""
    end = _OBJECT_END.search(" " + after)
    return _WORD.findall(after[:max(end.start() - 1, 0)] if end else after)[:6]


def _object_is_not_speech(phrase: str, after: str) -> bool:
    """Whether the response word's object is an event, an act or a label, not something said:
    "responded to the new tariffs", "respond to the law", "responds to floods",
    "dismissing the council as a club" (a statement answers what someone said or whoever said it,
    "responded to him", "replied to Smith", "dismissed the report as false")."""
    if phrase.endswith(" to"):
        # "reacting to [the gap between ...]": the phrase holds its "to"; what follows it is
        # its object.
        phrase, after = phrase[:-3], "to " + after.lstrip()
    words = _WORD.findall(after)
    if phrase.startswith(("respond", "repl", "answer", "react")) and words and \
            words[0].lower() == "to":
        what = _object_words(after.lstrip()[2:])
        if not what:
            return False
        if any(w.lower() in _SPEECH_NOUNS for w in what):
            return False
        named = [w for w in what if w.lower() not in ("the", "a", "an")]
        if all(w[:1].isupper() or w.lower() in _PERSON_PRONOUNS for w in named):
            return False  # "responded to Smith", "replied to him"
        if any(w.endswith(("'s", "’s")) for w in named):
            return False  # "responded to Smith's" (the noun is after the possessive)
        return True
    if phrase.startswith("dismiss"):
        # "dismissed X as Y": a label unless X is something said.
        lowered = [w.lower() for w in words[:7]]
        if "as" in lowered:
            return not any(w in _SPEECH_NOUNS for w in lowered[:lowered.index("as")])
    return False


def _response_use(text: str, match: re.Match, after: str | None = None) -> bool:
    """Whether the phrase matched in `text` is a response made, not a noun, a hypothesis, a
    passive, a response to an event or a label. `after`: what follows the match, when more
    than the rest of `text` (the statement after its lead-in)."""
    if text[max(match.start() - 1, 0):match.start()] in ("-", "‐"):
        return False  # the end of a compound noun: "a question-and-answer session"
    before = [w.lower().replace("'", "").replace("’", "")
              for w in _WORD.findall(text[:match.start()])[-2:]]
    if before and before[-1] in _NOT_BEFORE:
        return False
    if len(before) == 2 and before[0] in _NOT_BEFORE - {"a", "an", "the", "this", "that"} and \
            before[0] not in ("his", "her", "their", "its", "our", "my", "your"):
        return False  # "could quickly dismiss", "did not immediately respond"
    phrase = match.group(0).lower()
    if before and before[-1] in _PASSIVE and phrase.split()[0].endswith("ed"):
        return False  # "was dismissed", "had been denied"
    if after is None:
        after = text[match.end():]
    following = [w.lower() for w in _WORD.findall(after)[:2]]
    if phrase.startswith("answer") and len(following) == 2 and following[0] in _NOT_BEFORE and \
            following[1] not in _SPEECH_NOUNS:
        return False  # "answered her door"
    if phrase.startswith("in response"):
        following = [w.lower() for w in _WORD.findall(after)[:5]]
        if not following or following[0] != "to":
            return True  # "said in response:", "In response, she said": what came before
        return any(w in _SPEECH_NOUNS for w in following[1:])
    return not _object_is_not_speech(phrase, after)


def response_cue(*, cue: str = "", context: str = "", statement: str = "",
                 trailer: str = "") -> ResponseCue | None:
    """The response a statement makes, from its cue, the words before it in its sentence
    (`context`) and its own words (only a phrase saying the earlier claim is false: "the claim
    is untrue"); None when it answers nothing. A denial anywhere wins over a plain response
    ("responded, asserting that the claim is untrue" denies). A cue inside the lead-in is read
    there, with the words before it ("did not respond") and the statement after it ("responded
    [to the new tariffs ...]"). `trailer`: the attribution after the statement in its sentence
    ("“...,” Pence said in response."), read like the cue."""
    found: ResponseCue | None = None
    patterns, any_phrase = _patterns()
    cue_in_context = bool(cue) and cue in context
    for where, text in (("cue", cue), ("context", context), ("statement", statement),
                        ("trailer", trailer)):
        if not text or not any_phrase.search(text) or (where == "cue" and cue_in_context):
            continue
        for relation, pattern in patterns:
            for match in pattern.finditer(text):
                if where == "statement" and (not any(
                        p in match.group(0).lower() for p in _SAYS_FALSE) and
                        not _NAMED_WORDS.match(text[match.end():]) or
                        _RELATIVE.search(text[:match.start()])):
                    continue
                if where == "context" and not text[match.end():].strip():
                    after = statement  # the lead-in ends on the response word
                elif where == "context":
                    after = f"{text[match.end():]} {statement}"
                else:
                    after = None
                if where != "statement" and not _response_use(text, match, after) or \
                        where == "statement" and not _says_false(match) and \
                        not _response_use(text, match):
                    continue
                if relation == "denies":
                    return ResponseCue("denies", match.group(0))
                found = found or ResponseCue(relation, match.group(0))
                break
    return found


@dataclass(frozen=True)
class Earlier:
    """A statement an answer may answer: another speaker's, earlier in the same article."""

    id: int
    speaker_name: str
    text: str
    start: int
    end: int
    # False for a quote whose speaker is not known (the writer, a fragment): never linked to,
    # but a reply right after it answers it, not an earlier statement.
    known: bool = True


# Words of the answer that say it is an answer, not what it is about.
_ANSWER_WORDS = frozenset("""claim claims report reports suggestion suggestions allegation
allegations accusation accusations idea notion statement remarks comments untrue true false
baseless nonsense lie truth fake news deny denied denies reject rejected dismiss dismissed
respond responded response said says""".split())


def _content(text: str) -> set[str]:
    from claims.grouping.clauses import _LIGHT, _stem

    return {_stem(w) for w in (x.lower().replace("'", "") for x in _WORD.findall(text))
            if len(w) > 2 and w not in _LIGHT and w not in _ANSWER_WORDS}


# After a name, words that are no name of their own: "Martin Keane Jr.".
_NAME_SUFFIXES = frozenset("jr sr ii iii iv".split())
# Before a description's capitalised end, an indefinite article makes it a description of
# someone unnamed: "a New Hampshire Republican" names no one "New Hampshire" names.
_UNNAMED = frozenset("a an".split())


@lru_cache(maxsize=4096)
def _name_words(speaker_name: str) -> tuple[str, ...]:
    """The words of a speaker's name that may name them: capitalised, not a title ("Sen.",
    "President", "Democratic") nor a suffix ("Jr."), and of the name the description ends on
    when it ends on one ("Trump campaign manager Corey Lewandowski" is Lewandowski, not Trump;
    "the Sanders campaign" ends on no name, so "Sanders"; "a New Hampshire Republican" on no
    one's)."""
    from claims.extraction.lexicon import title_words

    words = _WORD.findall(speaker_name)
    tail: list[str] = []
    for word in reversed(words):
        if not word[:1].isupper():
            break
        tail.insert(0, word)
    if tail and len(tail) < len(words) and words[-len(tail) - 1].lower() in _UNNAMED:
        return ()
    return tuple(w for w in (tail or words) if w[:1].isupper() and len(w) > 1 and
                 w.lower().rstrip(".") not in title_words() and
                 w.lower() not in _NAME_SUFFIXES)


def _distinctive_words(speaker_name: str, others: tuple[str, ...] = ()) -> list[str]:
    """The words of a speaker's name (`_name_words`) that `others`, the other speakers' names
    here, do not carry: "Bush" names neither George W. Bush nor Jeb Bush; not of "Donald
    Trump" and "Trump", who may be one person resolved two ways. A name with no word of its
    own among them is left its last."""
    words = _name_words(speaker_name)
    own = set(words)
    shared: set[str] = set()
    for other in others:
        other_words = set(_name_words(other))
        if not (other_words <= own or own <= other_words):
            shared |= other_words
    return [w for w in words if w not in shared] or list(words[-1:])


def names_speaker(text: str, speaker_name: str, others: tuple[str, ...] = ()) -> int | None:
    """Where `text` first names the speaker `speaker_name` (the offset of the word), or None:
    by their full name or any word of it only they carry among `others`
    (`_distinctive_words`: "Sergey" or "Lavrov" names Sergey Lavrov, "Marta" names Marta
    Vilnius beside Oskar Vilnius and "Vilnius" neither), in the possessive too ("Lavrov's"),
    never inside another word ("O'Brien" is no Brien). The one rule for "does this text name
    this speaker": the speaker an answer's lead-in answers, the sentence that announces an
    answer, the subject of a response's "saying" clause. Words compared, not a pattern
    compiled for each name: that made the answers step over the 840 polnear-train articles
    1.8 s against 1.4 s before (medians of 3; this way 1.26 s against 1.41 s)."""
    words = set(_distinctive_words(speaker_name, others))
    if not words:
        return None
    for m in _WORD.finditer(text):
        word = m.group(0)
        if word in words or _POSSESSIVE_END.sub("", word) in words:
            return m.start()
    return None


_POSSESSIVE_END = re.compile(r"(?:['’]s?)$")


# A bare answer to a question says something though it has no content word: "No.", "Yes."
_BARE_ANSWERS = frozenset("no yes not never nope yeah absolutely".split())
# A short denial is made of the words `_content` leaves out as saying "this is an answer"
# ("That is a lie.", "Fake news!", "I deny it."): they are its whole point, so it says something.
_VERDICT_WORDS = frozenset("""untrue true false baseless nonsense lie lies truth fake wrong
deny denied denies reject rejected""".split())


def says_nothing(text: str) -> bool:
    """Whether quoted words are a preface with nothing of their own ("I would say this,",
    "Here is what I will say:"): no content word, and no yes or no. Such a quote answers
    nothing itself; the speaker's words after it do (`continues`)."""
    words = {w.lower().replace("’", "'") for w in _WORD.findall(text)}
    return not _content(text) and not words & (_BARE_ANSWERS | _VERDICT_WORDS)


def _named(context: str, speaker_name: str, others: tuple[str, ...] = ()) -> bool:
    """The lead-in names the earlier statement's speaker as the object of the answer:
    "rejected Bolton's suggestion", "dismissed criticism from Giles", "responded to Smith".
    Their full name or any distinctive word of it names them ("Jeb's plan": Jeb Bush); a word
    that `others` (the other earlier speakers' names) carry too is not distinctive ("Bush" of
    George W. Bush and Jeb Bush; not of "Donald Trump" and "Trump", who may be one), and a
    name with no distinctive word is named by its last."""
    named = ", ".join(name for name, *_ in _objects(context))
    if names_speaker(named, speaker_name, others) is not None:
        return True
    # "criticism from Giles, Millis and Harold Doley": any name of the list.
    return any(names_speaker(context[m.start(1):m.start(1) + 80], speaker_name, others)
               is not None for m in _FROM_NAME.finditer(context))


# Capitalised words after a response word that name no one answered: "responded Friday".
_NOT_ANSWERED_NAMES = frozenset(DAYS + MONTHS + tuple("i in on at for the this that".split()))


def _names_someone(name: str, context: str) -> bool:
    """Whether a name after a response word names a person or body answered: after "to" or
    "at" ("responded to Lind", "fired back at Lind"), not a day ("responded Friday") nor the
    speaker of an inverted attribution ("“...,” replied Lind")."""
    return name.split()[0].lower() not in _NOT_ANSWERED_NAMES and bool(
        re.search(r"\b(?:to|at)\s+(?:the\s+)?" + re.escape(name) + r"\b", context))


def _objects(context: str) -> list[tuple[str, bool, bool, str]]:
    """The names right after a response word in the lead-in, each with whether it is in the
    possessive, whether what follows it is something said, and what that is said to be about:
    "rejected Bolton's suggestion" (Bolton, possessive, said, ""), "dismissed Roe's
    charges about his record on the harbour" (..., "his record on the harbour"), "dismissed
    Roe's road works" (an act), "responded to Smith" (not possessive)."""
    found = []
    for m in _POSSESSIVE.finditer(context):
        possessive = m.group(0).rstrip().endswith(("'s", "’s", "'", "’"))
        following = _WORD.findall(context[m.end():])[:3]
        said = not possessive or any(w.lower() in _SPEECH_NOUNS for w in following)
        about = _ABOUT.match(context[m.end():]) if possessive and said else None
        found.append((m.group(1), possessive, said, about.group(1) if about else ""))
    return found


# What a named speaker's words are said to be about: "Roe's charges [about his record on the
# harbour]", "Smith's claim [that the plant will close]".
_ABOUT = re.compile(r"(?:[\w-]+\s+){1,2}(?:about|that|on|over|regarding|of)\s+([^.;:!?]{3,120})")


_PARAGRAPH_BREAK = re.compile(r"\n\s*")
# A denial with an object of its own words, or a reply to reports or questions nobody here is
# quoted making: "dismissed the idea that ...", "responded Friday to reports that ...".
_DENIES_AN_OBJECT = re.compile(
    r"\b(?:deni|deny|dismiss|reject|refut|rebut|disput)\w*\s+"
    # "dismissed that as nonsense", "rejected this claim", "denied it": what was just said;
    # "denied that the plant would close": a clause of its own.
    r"(?!(?:that|this|these|those)\s+(?:as|claims?|ideas?|reports?|notion|suggestions?|"
    r"allegations?|charges?|statements?|remarks?|comments?|views?|assertions?|accounts?|"
    r"story|criticism)\b|(?:that|this|it|them)\b\s*(?:[,.;:]|as\b|$))"
    r"(?:the\s+|a\s+|an\s+)?\w+"
    r"|\b(?:respond\w*|respons(?:e|es)\b|repl\w*|answer\w*|react\w*)\s+(?:\w+\s+)?to\s+(?:the\s+)?"
    r"(?:[\w'’-]+\s+)?(?:reports?|inquiries|requests?)\b"
    # "responded to accusations that he exaggerated ...": what is answered is said here.
    r"|\b(?:respond\w*|respons(?:e|es)\b|repl\w*|answer\w*|react\w*)\s+(?:\w+\s+){0,3}to\s+(?:the\s+)?(?:[\w-]+\s+)?"
    r"(?:accusations?|allegations?|claims?|charges?|criticism|suggestions?|rumou?rs?|"
    r"speculation)\s+(?:that|of|about|over|on|whether)\b", re.I)
# A reply to questions ("in response to questions from lawmakers", "answered an early question
# about his agenda", "responding to a reporter's question"): it answers a quoted question or
# nothing, as an answer to "asked" does.
_QUESTIONS = re.compile(
    r"\b(?:respond\w*|respons(?:e|es)\b|repl\w*|answer\w*)\s+(?:\w+\s+)?(?:to\s+)?(?:(?:a|an|the)\s+)?"
    r"(?:[\w'’-]+\s+){0,2}(?:questions?|inquiry|inquiries|queries|query)\b", re.I)
_SAYS_FALSE_RE = re.compile(r"\b(?:untrue|not true|false|baseless|nonsense|a lie)\b", re.I)
_ASKED = re.compile(r"\basked\b", re.I)
# Hitting back names whom it answers: "fired back at Trump over the proposal". The verbs'
# forms spelt out: "fir\w*" took "first out at Monday's meeting" for one.
_BACK_AT = (r"\b(?:fire[sd]?|firing|hit|hits|hitting|shot|shoots?|shooting|struck|strikes?|"
            r"striking|lash(?:es|ed|ing)?)\s+(?:back|out)\s+at")
# An earlier statement a denial's own object restates: this many content words in common, and
# this share of its own.
_RESTATED_SHARED = 4
_RESTATED_SHARE = 0.6
# A name in the possessive right after the response word: "rejected Bolton's suggestion",
# "dismissed Clinton's charges".
# "respons" only as "response(s)": "responsible", "responsibility" answer nobody.
_RESPONSE_WORD = (r"\b(?:(?:deni|deny|dismiss|reject|refut|rebut|disput|respond|repl|answer|"
                  r"counter)\w*|respons(?:e|es)\b)")
_POSSESSIVE = re.compile(
    r"(?:" + _RESPONSE_WORD + r"\s+(?:to\s+)?|" + _BACK_AT + r"\s+)"
    r"(?:(?:the|a|an)\s+)?((?:[A-Z][\w.-]*\s+){0,2}[A-Z][\w-]*)"
    r"(?:'s|’s|'|’)?(?:\s|(?=[,;:]))")  # "Bolton's", "Sanders'" with a bare apostrophe, "Roe,"
# "dismissed criticism from Giles", "rejected claims by Senator Smith".
_FROM_NAME = re.compile(
    _RESPONSE_WORD + r"\s+(?:\w+\s+){1,3}(?:from|by)\s+((?:[A-Z][\w.-]*\s+){0,2}[A-Z][\w-]*)")


def answered(*, statement: str, context: str, start: int, earlier: list[Earlier], body: str,
             reach: int, min_shared: int = 2, reply: bool = False) -> Earlier | None:
    """Which earlier statement an answer answers: one whose speaker the lead-in names ("rejected
    Bolton's suggestion"; none when the name in the possessive has no statement here:
    "dismissed Roe's charges" with no quote of Roe's, nor when what it names is an act:
    "dismissed Roe's road works"); for a `reply` ("He replied:", "X responded", "said in
    response"), the statement just before it: the nearest one in its paragraph or the one
    before (`body` is the article's text), within `reach` characters, since a reply answers
    the turn before it whatever words the two share; else the one sharing the most content
    words (at least `min_shared`) with the answer and its lead-in ("the claim was false and no
    troops were massing" answers the troop build-up claim, not the statement just before);
    else, with less in common, the paragraph's statement. None when none fits. A reply to
    questions ("in response to questions from lawmakers", "answered an early question")
    answers a quoted question or nothing; a reply with no quote near it answers nothing, and
    one right after a quote of no known speaker (`Earlier.known`: the writer's own quoted
    words) answers that one, so nothing is linked; within the turn answered, its question
    ("Paul asked how ...") before the argument after it."""
    if not earlier:
        return None
    unknown = [e for e in earlier if not e.known]
    earlier = [e for e in earlier if e.known]
    if not earlier:
        return None
    objects = _objects(context)
    if any(possessive and not said for _, possessive, said, _ in objects):
        return None  # "dismissed Roe's road works": an act, not a statement
    speakers = tuple({e.speaker_name for e in earlier})
    # A word only one of them carries first ("Marta's" of two Vilniuses), else any word of a
    # name ("Vilnius's": the later of the two).
    named = [e for e in earlier if _named(context, e.speaker_name, speakers)] or \
        [e for e in earlier if _named(context, e.speaker_name)]
    about = " ".join(a for *_, a in objects if a)
    if about:
        # "dismissed Roe's charges about his record on the harbour": her statement about that,
        # not whatever she said last.
        wanted = min(min_shared, len(_content(about))) or min_shared
        named = [e for e in named if len(_content(about) & _content(e.text)) >= wanted]
    if named:
        return max(named, key=lambda e: e.start)
    if any(possessive for _, possessive, _, _ in objects):
        # "dismissed Clinton's charges", "responded to Clinton's tweet": whoever is answered
        # has no quote here (before the medium, or another's tweet would be taken for it).
        return None
    medium = _MEDIUM.search(context)
    if medium:
        # "responded to that tweet": the statement tweeted, wherever it is; nothing when no
        # statement here was.
        sent = [e for e in earlier if _sent_as(body, e, medium.group(1).lower())]
        return max(sent, key=lambda e: e.start) if sent else None
    if reply and any(_names_someone(name, context) for name, *_ in objects):
        return None  # "responded to Lind", "fired back at Lind": Lind has no quote here
    words = _content(statement) | _content(context)
    scored = [(len(words & _content(e.text)), e.start, e) for e in earlier]
    best = max(scored, key=lambda row: row[:2])
    # The paragraph's statement is what a reply answers ("He replied:", "Putin responded,
    # asserting that the claim is untrue"), not what a denial names as its object ("dismissed
    # the idea that ...", "rejected the notion that ...": that idea is the statement's own
    # words, and nobody's quote unless they share words); an answer to a question put to the
    # speaker ("Asked why, he replied") answers a quoted question or nothing.
    own_object = _DENIES_AN_OBJECT.search(context) and not _SAYS_FALSE_RE.search(statement)
    # A statement of the paragraph before is near only when the answer opens its own: "Sanders
    # hit back" after a sentence of the writer's on what Clinton refused to say answers that,
    # not the quote ending the paragraph before.
    opens = _opens_paragraph(body, start)
    near = [e for e in earlier + unknown if 0 <= start - e.end <= reach
            and (breaks := len(_PARAGRAPH_BREAK.findall(body[e.end:start]))) <= 1
            and (breaks == 0 or opens)]
    if _ASKED.search(context) or _QUESTIONS.search(context):
        near = [e for e in near if _ends_in_question(e.text)]
        if not near:
            return None  # the question is not quoted here
    if reply and _DRAWN.search(context):
        # "Keane said he would back it, drawing a sharp reply from Moe": the reply answers
        # what this sentence reports; a quote of it, or nothing.
        ends = list(_SENTENCE_END.finditer(body, max(start - 400, 0), start))
        opening = ends[-1].end() if ends else max(start - 400, 0)
        reported = [e for e in earlier if e.start >= opening]
        return max(reported, key=lambda e: e.start) if reported else None
    if reply and not own_object:
        # "In response, she said ...": what was just said, not a statement further back that
        # shares its words; nothing when no quote is that near.
        turn = max(near, key=lambda e: e.start) if near else None
        if turn is None or not turn.known:
            return None  # not quoted, or the turn it answers has no speaker to link to
        if not _ends_in_question(turn.text) and _asked_between(body, turn.end, start):
            return None  # "The moderator asked Keane whether ...": a question not quoted
        return _in_turn(turn, earlier, body, words)
    if own_object:
        # "denied that the plant would close": the statement is what is
        # denied, and an earlier one is its source only when it says most of the same
        # ("rejected the suggestion that the port is for sale" against the quote
        # suggesting just that), not when the two share a subject's words.
        shared, _, found = best
        return found if shared >= _RESTATED_SHARED and \
            shared >= _RESTATED_SHARE * len(_content(found.text)) else None
    if best[0] >= min_shared:
        return best[2]
    turn = max(near, key=lambda e: e.start) if near else None
    return turn if turn is not None and turn.known else None


# A reply this sentence's subject drew: "..., drawing a sharp reply from Khan", "prompting a
# rebuke from the senator".
_DRAWN = re.compile(r"\b(?:dr[ae]w\w*|prompt\w*|spark\w*|provok\w*|trigger\w*|elicit\w*)\s+"
                    r"(?:[\w'’-]+\s+){0,3}(?:response|responses|reply|replies|rebuke|retort|"
                    r"answer|riposte)\b", re.I)
# A reply to words in a medium: "responded to that tweet", "in response to her letter". The
# statement answered is the one its attribution says was sent that way.
_MEDIUM = re.compile(
    r"\b(?:respond\w*|respons(?:e|es)\b|repl\w*|answer\w*|react\w*)\s+(?:\w+\s+)?to\s+"
    r"(?:(?:that|this|the|his|her|their|its|a)\s+)?(?:[\w'’-]+\s+)?(tweet|letter|e-?mail|post)s?\b",
    re.I)
_SENT_AS = {"tweet": ("tweet",), "letter": ("letter", "wrote", "writes"),
            "email": ("email", "e-mail", "wrote", "writes"),
            "e-mail": ("email", "e-mail", "wrote", "writes"), "post": ("post", "wrote", "writes")}


def _sent_as(body: str, statement: Earlier, medium: str) -> bool:
    """Whether the attribution in a statement's sentence (the words before it and after it)
    says it was sent as `medium`: "“...,” Roe tweeted", "Roe wrote in a letter that"."""
    before = body[max(statement.start - 120, 0):statement.start]
    ends = list(_SENTENCE_END.finditer(before))
    before = before[ends[-1].end():] if ends else before
    after = body[statement.end:statement.end + 120]
    end = _SENTENCE_END.search(after)
    after = after[:end.start() + 1] if end else after
    words = [w.lower() for w in _WORD.findall(f"{before} {after}")]
    return any(w.startswith(_SENT_AS[medium]) for w in words)


def _in_turn(found: Earlier, earlier: list[Earlier], body: str, words: set[str]) -> Earlier:
    by_start = sorted(earlier, key=lambda e: e.start)
    at = by_start.index(found)
    turn = [found]
    while at > 0 and by_start[at - 1].speaker_name == found.speaker_name and \
            continues(body[by_start[at - 1].end:by_start[at].start]):
        at -= 1
        turn.append(by_start[at])
    # A turn that asks answers with its question: "Paul also asked how it is conservative to
    # add a trillion dollars ... 'You can't be conservative ...,' he argued." The reply answers
    # the question, not the argument after it.
    asks = [e for e in turn if _asks(e, body)]
    if asks:
        return max(asks, key=lambda e: e.start)
    return max(turn, key=lambda e: (len(words & _content(e.text)), e.start))


def _asks(statement: Earlier, body: str) -> bool:
    """A question: its words end on a question mark, or its cue says it asks ("asked how
    ..."), within the words just before it."""
    return _ends_in_question(statement.text) or \
        bool(_ASKED.search(" ".join(_WORD.findall(body[max(statement.start - 40, 0):
                                                        statement.start])[-3:])))


# A question put in the writer's words: "The moderator asked Keane whether ...", "Keane was
# asked about the tax".
_PUT_A_QUESTION = re.compile(r"\b(?:asked|asking|questioned|inquired|wanted to know)\b", re.I)
_QUOTED = re.compile(r"[“\"][^”\"]*[”\"]")


def _asked_between(body: str, turn_end: int, start: int) -> bool:
    """Whether a sentence between the quote just before a reply (after that quote's own
    sentence, which holds its attribution: "“...,” Roe asked the panel.") and the reply
    tells of a question put in the writer's words, outside any quote marks."""
    between = body[turn_end:start]
    own = _SENTENCE_END.search(between)
    if not own:
        return False
    return bool(_PUT_A_QUESTION.search(_QUOTED.sub(" ", between[own.end():])))


def _ends_in_question(text: str) -> bool:
    """Whether quoted words end on a question mark, inside their closing quote marks or not."""
    return text.rstrip(" ”\"'’").endswith("?")


_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s")


def _opens_paragraph(body: str, start: int) -> bool:
    """Whether the statement at `start` is in its paragraph's first sentence: nothing of the
    writer's stands between it and the paragraph before."""
    breaks = list(_PARAGRAPH_BREAK.finditer(body, 0, start))
    return not _SENTENCE_END.search(body[breaks[-1].end() if breaks else 0:start])


# Between an answer and the same speaker's next quote, at most a cue: "“I would say this,” he
# answered. “We will ...”", or a paragraph break before the next paragraph of the same answer.
_CONTINUATION_WORDS = 8


def continues(between: str, following: str | None = None) -> bool:
    """Whether the text between two quotes of one speaker leaves the second a continuation of
    the first (so it answers what the first answers): no more than a few words, a cue, and
    no question put in between. `following`, if given, is the second quote's text: it goes on
    with the same words only when quoted directly ("“We will work out ...”"); a report in
    the writer's words ("In the past, Trump has said his wall might be 40 feet high") is a
    statement of its own."""
    if following is not None and not (following.lstrip()[:1] in _OPENING_MARKS or
                                      between.rstrip()[-1:] in _OPENING_MARKS):
        return False
    return len(_WORD.findall(between)) <= _CONTINUATION_WORDS and "?" not in between


_OPENING_MARKS = frozenset("\"“‘'")


def within_answer_reach(body: str, answer_start: int, start: int) -> bool:
    """Whether a quote at `start` is near enough to the answer at `answer_start` to go on with
    it (`continues`): in its paragraph or the next one. A turn may run into the paragraph
    after its cue; quoted words a paragraph further on are another remark of the speaker
    ("“...,” Smith said last week."), not more of that answer."""
    return len(_PARAGRAPH_BREAK.findall(body[answer_start:start])) <= 1


def cue_at(tail: str, cue: str) -> int:
    """Where the cue's words stand, as words, in the attribution after a statement (`tail`),
    or -1: "said" is not the end of "unsaid", nor "says" of "essays"."""
    words = _WORD.findall(cue or "")
    if not words:
        return -1
    found = re.search(r"(?<![\w'’-])" + r"\W+".join(re.escape(w) for w in words) +
                      r"(?![\w'’-])", tail)
    return found.start() if found else -1


# "X dismissed Y's charges, saying ...": a participle clause after a response word, whose
# words are the responder's (the sentence's subject), not those of whoever is answered.
_SAYING_AFTER_RESPONSE = re.compile(
    _RESPONSE_WORD + r"[^.;:!?]*,\s*(?:saying|adding|arguing|insisting|noting|explaining|"
    r"calling|claiming|contending)(?:\s+that)?\s*[\"“‘']?\s*$", re.I)


def responders_own_words(before: str, speaker_name: str) -> bool:
    """Whether a quote whose sentence reads `before` up to it is the "saying" clause of a
    response ("Lavrov dismissed Bolton's charges, saying [...]") given to a speaker the
    sentence does not name before its response word (`speaker_name`: the name extraction
    gave it, here Bolton's): the words are the responder's, so they are not what anyone
    answers, and a reply right after them answers nothing quoted. A clause whose speaker is
    the sentence's subject ("Stoltenberg dismissed the talks, saying [...]", his) is his."""
    found = _SAYING_AFTER_RESPONSE.search(before)
    if not found:
        return False
    # Any word of the name (`names_speaker`): "Xi dismissed ..." names Xi Jinping. No word to
    # look for: unknown.
    return bool(_name_words(speaker_name or "")) and \
        names_speaker(before[:found.start()], speaker_name) is None
