"""Grouping quotes into claims where they are stored, and suggesting how claims relate.

A claim is one speaker (or one set of joint speakers) asserting one proposition. Each quote
that is not rejected, and that no analyst placed, is compared with the wordings of claims of the
same speaker(s) (candidates from an index of LSH bands, never a scan of every claim) and the pure
rules of `claims.grouping` decide: join the closest claim, or start one and suggest "same
claim?" for the near ones. Then relations are suggested: answers within an article, agreement
and contradiction across speakers, and a speaker's reversal of an earlier position.

Every way an article comes in reaches `quotes_group` through the extraction service, so they
all group alike. Quotes of one speaker are grouped under a transaction-scoped advisory lock,
so two workers storing the same statement at once make one claim, not two.
"""
import logging
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count
from django.db.models.functions import Coalesce
from django.utils import timezone

from claims import selectors
from claims.grouping import (
    cue_polarity,
    decide,
    display_wording,
    normalise,
    opposite_polarity,
    response_cue,
    statement,
)
from claims.grouping.content import (
    OFFERS_PER_STATEMENT,
    content_match,
    search_terms,
    worth_asking,
)
from claims.grouping.offers import Said, offerable
from claims.grouping.positions import may_be_a_changed_position, one_denial_twice
from claims.grouping.responses import (
    Earlier,
    answered,
    continues,
    cue_at,
    names_speaker,
    responders_own_words,
    says_nothing,
    within_answer_reach,
)
from claims.grouping.similarity import claim_similarity
from claims.grouping.speaker_names import one_entity_possible
from claims.models import Claim, ClaimRelation, ClaimWording, Quote, Speaker
from claims.selectors.content import same_speaker_by_content
from claims.selectors.speaker_keys import speaker_ids_for_quotes, speaker_key_for_quotes
from claims.services.access import as_machine
from claims.services.bulk_sql import column_set
from claims.services.claim_stats import claims_collect_empty, claims_refresh
from claims.services.queue import enqueue_after_commit
from claims.services.relations import RelationSpec, merge_suggest, relations_suggest
from claims.services.wordings import wordings_add
from claims.sql_arrays import int_array, text_array

log = logging.getLogger(__name__)

# The history pages name "grouping" as the actor of records with this reason's prefix.
GROUPING_REASON = "grouping: grouped from extracted quotes"


def thresholds() -> tuple[float, float, float]:
    """(join, suggest, relate): the settings CLAIM_JOIN_THRESHOLD, CLAIM_SUGGEST_THRESHOLD,
    CLAIM_RELATION_THRESHOLD."""
    return (settings.CLAIM_JOIN_THRESHOLD, settings.CLAIM_SUGGEST_THRESHOLD,
            settings.CLAIM_RELATION_THRESHOLD)


# A statement shorter than this many words is too thin to relate to another speaker's.
MIN_WORDS_TO_RELATE = 5
# How far back (in characters) an answer looks for the statement it answers.
RESPONSE_REACH = 800


def _lock_speakers(keys) -> None:
    """Serialise grouping per speaker across workers until the transaction ends (in key order,
    so two workers never wait on each other in a cycle). SQLite serialises writers itself."""
    keys = sorted(k for k in set(keys) if k)
    if not keys or connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(hashtextextended('claims:' || k, 0)) "
            "FROM (SELECT unnest(%s::text[]) AS k ORDER BY 1) AS keys", [keys])


@dataclass(eq=False)
class _New:
    """A claim started in this pass, before it has an id."""

    key: str
    text: str
    speaker_ids: list[int]
    claim: Claim | None = None
    wordings: set[str] = field(default_factory=set)


@dataclass
class _Plan:
    """What one pass decides, quote by quote, before anything is written: each quote's claim
    (an id, or a `_New` one), the wordings and fuller texts claims gain, the merge suggestions
    and the reversals. Quotes of the same speaker in the pass see each other (`local`)."""

    local: dict = field(default_factory=lambda: defaultdict(list))
    placed: dict = field(default_factory=dict)
    new_claims: list = field(default_factory=list)
    joined_wordings: dict = field(default_factory=lambda: defaultdict(set))
    joined_texts: dict = field(default_factory=dict)
    merges: list = field(default_factory=list)
    reversals: list = field(default_factory=list)

    def place(self, quote, key: str, norm: str, speaker_ids: list[int], decision) -> None:
        wording = display_wording(quote.text)
        if decision.join is not None:
            target = decision.join.claim_id
        else:
            target = _New(key=key, text=wording, speaker_ids=speaker_ids)
            self.new_claims.append(target)
            asked = [m for m in decision.merge_candidates if worth_asking(norm, m.wording)]
            for match in asked[:3]:
                self.merges.append((target, match.claim_id, match.score,
                                    {"rule": "close wording", "score": round(match.score, 3),
                                     "wording": match.wording}))
            # Two denials in near-identical words that the parse reads as opposed (one
            # negation more on one side): asked about, never joined; no changed position
            # either (`may_be_a_changed_position` wants one side without a negation).
            denials = [m for m in decision.opposed if m.score >= thresholds()[0]
                       and one_denial_twice(norm, m.wording) and worth_asking(norm, m.wording)]
            for match in denials[:3]:
                self.merges.append((target, match.claim_id, match.score,
                                    {"rule": "close wording, both denials",
                                     "score": round(match.score, 3), "words": match.reason,
                                     "wording": match.wording}))
        if isinstance(target, _New):
            target.wordings.add(norm)
            if len(wording) > len(target.text):
                target.text = wording
        else:
            # A claim is joined only through its own speaker's wordings: its key is this one.
            self.joined_wordings[target].add((key, norm))
            if len(wording) > len(self.joined_texts.get(target, "")):
                self.joined_texts[target] = wording
        if key:
            self.local[key].append((target, norm))
        self.placed[quote.pk] = target
        # A changed position needs a proposition on both sides, or near-identical words: of
        # the 12 read on the tune half, the fragments ("not Christian" / "to protect
        # Christianity", "This is a political thing" / "the pope as a political person")
        # were all wrong; so was a question put to the speaker against a later answer.
        for match in [m for m in decision.opposed
                      if may_be_a_changed_position(norm, m.wording, m.score)][:3]:
            self.reversals.append((target, match.claim_id, match.score, match.reason,
                                   quote.pk))


@dataclass
class GroupingOutcome:
    grouped: int = 0
    created: int = 0
    joined: int = 0
    merge_suggestions: int = 0
    relation_suggestions: int = 0


def quotes_group(*, quote_ids, emptied=()) -> GroupingOutcome:
    """Put each of these quotes (not rejected, not placed by an analyst) in its claim, and
    suggest merges and relations. `emptied`: claims that lost quotes just before (re-extraction
    dropped them), recounted with the rest and deleted if left empty and undecided. A fixed
    number of queries for any number of quotes."""
    outcome = GroupingOutcome()
    ids = list(quote_ids)
    if not ids:
        claims_refresh(claim_ids=emptied)
        claims_collect_empty(claim_ids=emptied)
        return outcome
    join, suggest, _ = thresholds()
    # Inside the extraction's transaction no savepoint is needed: a failure undoes both.
    with transaction.atomic(savepoint=False):
        quotes = list(
            Quote.objects.filter(pk__in=ids, claim_pinned=False)
            .exclude(review_status=Quote.Review.REJECTED)
            .annotate(seen=Coalesce("article__published_at", "article__created_at"))
            .only("id", "text", "speaker_name", "claim_id", "article_id", "start", "end", "cue")
            .order_by("seen", "article_id", "start")
        )
        if not quotes:
            claims_refresh(claim_ids=emptied)
            claims_collect_empty(claim_ids=emptied)
            return outcome
        speaker_ids = speaker_ids_for_quotes(quotes)
        keys = speaker_key_for_quotes(quotes, speaker_ids)
        _lock_speakers(keys.values())
        # The cue's polarity is folded in: "denied that X" is compared as "not X".
        norms = {q.pk: statement(q.text, q.cue) for q in quotes}
        looked_up = [(keys[q.pk], norms[q.pk]) for q in quotes if keys[q.pk]]
        candidates = selectors.wording_candidates(looked_up, threshold=suggest)
        left = {q.claim_id for q in quotes if q.claim_id} | set(emptied)
        plan = _Plan()
        for quote in quotes:
            key, norm = keys[quote.pk], norms[quote.pk]
            found = candidates.get((key, norm), []) + plan.local[key] if key else []
            plan.place(quote, key, norm, sorted(set(speaker_ids[quote.pk])),
                       decide(norm, found, join=join, suggest=suggest))
        placed, new_claims = plan.placed, plan.new_claims
        outcome.created, outcome.joined = len(new_claims), len(quotes) - len(new_claims)
        merges, reversals = plan.merges, plan.reversals
        joined_wordings, joined_texts = plan.joined_wordings, plan.joined_texts
        _store(quotes, placed, new_claims, joined_wordings, joined_texts)
        touched = {c.claim.pk for c in new_claims} | {
            t for t in placed.values() if isinstance(t, int)}
        claims_refresh(claim_ids=touched | left)
        claims_collect_empty(claim_ids=left - touched)
        outcome.grouped = len(quotes)
        outcome.merge_suggestions = _suggest_merges(merges)
        outcome.relation_suggestions = _suggest_relations(quotes, placed, keys, norms, reversals)
    return outcome


def _claim_id(target) -> int:
    return target.claim.pk if isinstance(target, _New) else target


def _store(quotes, placed, new_claims: list[_New],
           joined_wordings: dict[int, set[tuple[str, str]]],
           joined_texts: dict[int, str]) -> None:
    # One insert for the claims; one for their first history records (grouping made them),
    # their speakers and the speakers of those first records.
    made = Claim.objects.bulk_create(
        as_machine(Claim(text=n.text, speaker_key=n.key) for n in new_claims))
    for n, claim in zip(new_claims, made, strict=True):
        n.claim = claim
    _first_records_and_speakers(
        made, [(n.claim.pk, s) for n in new_claims for s in dict.fromkeys(n.speaker_ids)])
    wordings_add([(n.claim.pk, n.key, w) for n in new_claims for w in n.wordings]
                 + [(claim_id, key, w)
                    for claim_id, ws in joined_wordings.items() for key, w in ws])
    for quote in quotes:
        quote.claim_id = _claim_id(placed[quote.pk])
    column_set(Quote, "claim", {q.pk: q.claim_id for q in quotes})
    _fuller_wordings(joined_texts)


# Grouping writes its history records (a new claim's first record with its speakers, a fuller
# wording's record) in two ways, and cannot in one:
# - on PostgreSQL, one statement each, copying the records from the claims' rows as stored
#   (_FIRST_RECORDS_SQL, _FULLER_SQL): data-modifying CTEs (INSERT ... RETURNING inside WITH)
#   and array parameters, which SQLite has neither of;
# - elsewhere, and wherever django-simple-history is switched off (SIMPLE_HISTORY_ENABLED; then
#   no record is written, as simple_history itself writes none), through simple_history's
#   bulk_history_create and bulk_create: the records, the claims' speakers and the records'
#   speakers three statements, a fuller wording four (read, update, read back, records).
# The portable path on PostgreSQL too would cost three more statements a batch that rewords a
# claim and two more one that makes claims (measured: 17 instead of the 14 of
# tests/services/test_grouping.py GROUPING_QUERIES; 21 instead of 16 for a batch doing both),
# and simple_history builds a model instance a record in Python. Both paths write the same
# records: tests/services/test_grouping.py runs its history tests through each on PostgreSQL,
# and the quick start's test (tests/services/test_sqlite_quickstart.py) and tests/sqlite read
# the records the portable path writes on SQLite.


def history_in_sql() -> bool:
    """Whether grouping writes its history records in its own SQL (PostgreSQL, history on)."""
    return connection.vendor == "postgresql" and getattr(settings, "SIMPLE_HISTORY_ENABLED",
                                                         True)


REWORDED_REASON = "grouping: a fuller wording joined"
# The fullest wording becomes the canonical one, unless an analyst chose it, with a history
# record of grouping's own, or the change would show in the next analyst's record as theirs
# (the history page diffs each record against the one before). One statement: the claims
# whose text is shorter are updated and their records copied from the rows returned.
_FULLER_SQL = """
WITH updated AS (
    UPDATE {claims} AS c SET text = v.text
    FROM unnest(%(ids)s::bigint[], %(texts)s::text[]) AS v(id, text)
    WHERE c.id = v.id AND NOT c.wording_by_analyst AND char_length(v.text) > char_length(c.text)
    RETURNING c.*
)
INSERT INTO {records} ({tracked}, history_date, history_change_reason, history_type,
                       history_user_id)
SELECT {tracked}, %(at)s, %(reason)s, '~', NULL FROM updated ORDER BY id
"""


def _fuller_wordings(joined_texts: dict[int, str]) -> None:
    """{claim id: the longest wording that joined it in this pass}: each claim not worded by
    an analyst takes it if it is longer than its text. One statement on PostgreSQL."""
    if not joined_texts:
        return
    if not history_in_sql():
        reworded = {
            pk: joined_texts[pk] for pk, text in Claim.objects.filter(
                pk__in=joined_texts, wording_by_analyst=False).values_list("pk", "text")
            if len(joined_texts[pk]) > len(text)}
        column_set(Claim, "text", reworded)
        if reworded:
            Claim.history.bulk_history_create(
                as_machine(Claim.objects.filter(pk__in=reworded)), update=True,
                default_change_reason=REWORDED_REASON)
        return
    name = connection.ops.quote_name
    records = Claim.history.model
    with connection.cursor() as cursor:
        cursor.execute(_FULLER_SQL.format(
            claims=name(Claim._meta.db_table), records=name(records._meta.db_table),
            tracked=", ".join(name(f.column) for f in records.tracked_fields)), {
            "ids": int_array(joined_texts), "texts": text_array(joined_texts.values()),
            "at": timezone.now(), "reason": REWORDED_REASON})


# The new claims' first history records, their speakers, and the same speakers for those
# records, in one statement: the records are copied from the claims' rows as stored (the
# columns simple_history tracks), and the links' ids, which the records' speaker rows carry,
# come back from their insert. simple_history's bulk_history_create built a model instance a
# claim in Python and sent them in a statement of their own.
_FIRST_RECORDS_SQL = """
WITH firsts AS (
    INSERT INTO {records} ({tracked}, history_date, history_change_reason, history_type,
                           history_user_id)
    SELECT {tracked}, %(at)s, %(reason)s, '+', NULL FROM {claims}
    WHERE id = ANY(%(ids)s::bigint[]) ORDER BY id
    RETURNING id, history_id
), links AS (
    INSERT INTO {links} (claim_id, speaker_id)
    SELECT * FROM unnest(%(claim_ids)s::bigint[], %(speaker_ids)s::bigint[])
    RETURNING id, claim_id, speaker_id
)
INSERT INTO {record_speakers} (id, history_id, claim_id, speaker_id)
SELECT links.id, firsts.history_id, links.claim_id, links.speaker_id
FROM links JOIN firsts ON firsts.id = links.claim_id
"""


def _first_records_and_speakers(made: list[Claim], pairs: list[tuple[int, int]]) -> None:
    """Write the first history record of each claim grouping made, credited to no user (as
    `as_machine`), give the claims their speakers, (claim id, speaker id), and give each
    first record the same speakers, as a record written by save() has them: set after the
    insert, they would show as added in the next record, credited to whoever wrote that
    one. One statement on PostgreSQL, three elsewhere."""
    if not made:
        return
    links, records = Claim.speakers.through, Claim.history.model
    record_speakers = records.speakers.model
    if not history_in_sql():
        firsts = Claim.history.bulk_history_create(made, default_change_reason=GROUPING_REASON)
        linked = links.objects.bulk_create([links(claim_id=c, speaker_id=s) for c, s in pairs])
        first = {record.id: record.history_id for record in firsts or ()}
        if first:
            record_speakers.objects.bulk_create([
                record_speakers(id=link.pk, history_id=first[link.claim_id],
                                claim_id=link.claim_id, speaker_id=link.speaker_id)
                for link in linked])
        return
    name = connection.ops.quote_name
    tracked = ", ".join(name(f.column) for f in records.tracked_fields)
    with connection.cursor() as cursor:
        cursor.execute(_FIRST_RECORDS_SQL.format(
            records=name(records._meta.db_table), claims=name(Claim._meta.db_table),
            links=name(links._meta.db_table), record_speakers=name(record_speakers._meta.db_table),
            tracked=tracked), {
            "at": timezone.now(), "reason": GROUPING_REASON, "ids": int_array(c.pk for c in made),
            "claim_ids": int_array(c for c, _ in pairs),
            "speaker_ids": int_array(s for _, s in pairs)})


def _suggest_merges(merges) -> int:
    pairs = _offerable([(_claim_id(a), _claim_id(b), score, reason)
                        for a, b, score, reason in merges])
    merge_suggest(pairs=pairs)
    return len(pairs)


def _offerable(pairs: list) -> list:
    """The "same claim?" pairs (claim, other, score, reason) that may be asked
    (`claims.grouping.offers`: no claim of questions alone, no quote nested in the other
    claim's in one article). One query, only when there are pairs."""
    if not pairs:
        return pairs
    said: dict[int, list[Said]] = defaultdict(list)
    for claim_id, *row in Quote.objects.filter(
            claim_id__in={c for a, b, *_ in pairs for c in (a, b)}).exclude(
            review_status=Quote.Review.REJECTED).values_list(
            "claim_id", "article_id", "start", "end", "text", "cue"):
        said[claim_id].append(Said(*row))
    return [p for p in pairs if offerable(said[p[0]], said[p[1]])]


def _suggest_relations(quotes, placed, keys, norms, reversals) -> int:
    """Within the speaker and the article, now; across speakers, in a task of its own after
    commit (it reads every speaker's claims: the costly part, kept out of extraction)."""
    specs = []
    for target, other, score, why, quote_id in _reversals_apart(quotes, reversals):
        specs.append(RelationSpec(
            _claim_id(target), _claim_id(other), ClaimRelation.Type.CONTRADICTS,
            {"rule": "changed position", "score": round(score, 3), "words": why},
            [quote_id]))
    specs += _answers(quotes, placed)
    _date_reversals(specs)
    # Quotes of no known speaker too: their words may be a known speaker's claim
    # (`_across_speakers`).
    wanted = [q.pk for q in quotes if len(norms[q.pk].split()) >= MIN_WORDS_TO_RELATE]
    if wanted:
        enqueue_after_commit("claims.tasks.suggest_relations", wanted)
    return relations_suggest(specs=specs)


def _reversals_apart(quotes, reversals) -> list:
    """The reversals whose other claim was said in another article on another day: a
    position changes over time, and two reports of one statement, or two answers in one
    interview, are not a change (one query, only when there are reversals)."""
    if not reversals:
        return []
    when = {q.pk: (q.article_id, q.seen.date() if q.seen else None) for q in quotes}
    said: dict[int, set] = defaultdict(set)
    for claim_id, article_id, seen in Quote.objects.filter(
            claim_id__in={_claim_id(other) for _, other, _, _, _ in reversals}).exclude(
            review_status=Quote.Review.REJECTED).annotate(
            seen=Coalesce("article__published_at", "article__created_at")).values_list(
            "claim_id", "article_id", "seen"):
        said[claim_id].add((article_id, seen.date() if seen else None))
    return [r for r in reversals
            if any(article != when[r[4]][0] and day != when[r[4]][1]
                   for article, day in said[_claim_id(r[1])])]


def quotes_relate_across_speakers(*, quote_ids) -> int:
    """Suggest how these quotes' claims bear on close claims of other speakers (supports,
    contradicts, repeats). Safe to run again: a pair already related or rejected is kept as
    it is. Returns how many suggestions are new."""
    quotes = list(Quote.objects.filter(pk__in=quote_ids).exclude(claim=None)
                  .exclude(review_status=Quote.Review.REJECTED)
                  .annotate(seen=Coalesce("article__published_at", "article__created_at"))
                  .only("id", "text", "cue", "speaker_name", "claim_id", "article_id"))
    if not quotes:
        return 0
    keys = speaker_key_for_quotes(quotes)
    norms = {q.pk: statement(q.text, q.cue) for q in quotes}
    placed = {q.pk: q.claim_id for q in quotes}
    with transaction.atomic():
        specs, merges = _across_speakers(quotes, placed, keys, norms)
        looked_up: dict = {}
        merge_suggest(pairs=_offerable(merges + _same_speaker_by_content(
            quotes, placed, keys, norms, looked_up)))
        specs += _changed_positions_by_content(quotes, placed, norms, looked_up)
        return relations_suggest(specs=specs)


def _answers(quotes, placed) -> list[RelationSpec]:
    """Within an article: a statement whose cue or lead-in answers ("responded", "denied",
    "dismissed", "the claim is untrue") another speaker's earlier statement: the one its
    lead-in names or its words are about, else the one its paragraph answers
    (`claims.grouping.responses.answered`). The speaker's next words, right after it with
    no more than a cue between ("“I would say this,” he answered. “We will ...”"), answer the
    same statement."""
    specs = []
    bodies = selectors.article_bodies({q.article_id for q in quotes})
    fetched: list[dict[int, list[tuple]]] = []

    def article_statements(article_id: int) -> list[tuple]:
        # Asked only for a quote that opens its sentence, and for the answers: one query for
        # the batch, none when neither needs it.
        if not fetched:
            fetched.append(selectors.article_statements({q.article_id for q in quotes}))
        return fetched[0].get(article_id, [])

    answers = []
    for quote in quotes:
        context, trailer, anchor = _lead_in(bodies.get(quote.article_id, ""), quote,
                                            article_statements)
        cue = response_cue(cue=quote.cue, context=context, statement=quote.text,
                           trailer=trailer)
        if cue is not None:
            answers.append((quote, cue, context, trailer, anchor))
    if not answers:
        return specs
    statements = {a: article_statements(a) for a in {q.article_id for q, *_ in answers}}
    made: dict[int, tuple] = {}
    for quote, cue, context, trailer, anchor in answers:
        own = _claim_id(placed[quote.pk])
        rows = statements.get(quote.article_id, [])
        own_key = next((r[4] for r in rows if r[0] == quote.pk), "")
        # Quotes with no speaker key are passed as unknown: never linked to, but a reply
        # right after one answers it ("he responded" after the writer's own quoted remark).
        # A response's own "saying" clause given to the side it answers ("Lavrov dismissed
        # Bolton's charges, saying ..." as Bolton's) is no statement of theirs: unknown too.
        body = bodies.get(quote.article_id, "")
        earlier = [Earlier(pk, name, text, start, end, known=bool(key) and not
                           responders_own_words(selectors.sentence_before(body, start), name))
                   for pk, start, end, claim_id, key, name, text in rows
                   if end <= quote.start and claim_id and claim_id != own
                   and (not key or key != own_key)]
        # The lead-in, and the quote's first words: "dismissed [Clinton's charges ...]".
        cue_words = "" if quote.cue and quote.cue in context else f"{quote.cue} "
        lead_in = f"{cue_words}{context}{quote.text[:80]}"
        if trailer:
            lead_in = f"{lead_in} {trailer}"  # "“...,” she said in response to Smith's remarks"
        found = answered(statement=quote.text, context=lead_in, start=anchor,
                         earlier=earlier,
                         body=bodies.get(quote.article_id, ""), reach=RESPONSE_REACH,
                         reply=cue.relation == ClaimRelation.Type.RESPONDS_TO)
        if found is None:
            continue
        claim_id = next(r[3] for r in rows if r[0] == found.id)
        made[quote.pk] = (cue, claim_id, found.id, quote.start)
        if says_nothing(quote.text):
            continue  # "“I would say this,” he answered.": the words after it answer
        specs.append(RelationSpec(
            own, claim_id, cue.relation,
            {"rule": "answer in the same article", "words": cue.words}, [quote.pk, found.id]))
    in_batch = {q.pk: q for q in quotes}
    for article_id in {q.article_id for q, *_ in answers}:
        rows, body = statements.get(article_id, []), bodies.get(article_id, "")
        for before, after in zip(rows, rows[1:], strict=False):
            follows = made.get(before[0])
            if follows is None or after[0] in made or after[0] not in in_batch or \
                    not after[4] or after[4] != before[4] or \
                    not continues(body[before[2]:after[1]], following=after[6]):
                continue
            cue, claim_id, found_id, answer_start = follows
            if not within_answer_reach(body, answer_start, after[1]):
                continue
            made[after[0]] = follows
            specs.append(RelationSpec(
                _claim_id(placed[after[0]]), claim_id, cue.relation,
                {"rule": "answer in the same article", "words": cue.words,
                 "continues": before[0]}, [after[0], found_id]))
    return specs


_QUOTE_MARKS = re.compile("[\"“”]")


def _lead_in(body: str, quote, article_statements) -> tuple[str, str, int]:
    """The words before a quote in its sentence, the attribution after it in the same
    sentence ("“...,” Pence said in response."), and where the lead-in starts. A quote that
    opens its sentence is led in by the sentence before when that one names its speaker: the
    writer announces the answer, then quotes it ("Fox and Calderón fired back at Trump over
    the proposal. “We are not going to pay ...,” Calderón said."); what it answers is then
    looked for before that sentence. `article_statements(article_id)`: the article's quotes
    (`selectors.article_statements`), with whose other speakers a name word of the speaker
    must not be shared."""
    context = selectors.sentence_before(body, quote.start)
    tail = selectors.sentence_after(body[quote.end:quote.end + 300])
    # Only the cue and the few words after it ("said in response", "said, responding to
    # Jones"): further on, a response word is about something else ("said at a
    # question-and-answer session", "said donors would want answers").
    at = cue_at(tail, quote.cue)
    trailer = " ".join(tail[at:].split()[:len(quote.cue.split()) + 3]) if at >= 0 else ""
    anchor = quote.start
    if not context.strip():
        # A name, not a description of someone unnamed ("a New Hampshire Republican"),
        # named in the sentence before, by a word of it no other speaker of the article
        # carries (`names_speaker`: "Oskar Vilnius" is not named by "Marta Vilnius").
        opening = len(body[:quote.start].rstrip())
        before = selectors.sentence_before(body, opening)
        # Not a sentence with a quote of its own: the quote then goes on from that one
        # (`continues`), and a response word there is in those words ("I'd want answers").
        named = names_speaker(before, quote.speaker_name or "")
        if named is not None:
            # Named at all: then by a word no other speaker of the article carries too
            # (the other names only take words away, so the article's quotes are asked for
            # rarely).
            others = tuple({r[5] for r in article_statements(quote.article_id)
                            if r[5] and r[5] != quote.speaker_name})
            named = names_speaker(before, quote.speaker_name or "", others)
        if named is not None and not _QUOTE_MARKS.search(before):
            # What the sentence says the speaker did: from the name on ("Calderón promptly
            # fired back at Trump"), not what it says of others before ("He dismissed efforts
            # ... to spotlight their differences with Trump" leads in no quote of Trump's).
            context = before[named:] + " "
            anchor = opening - len(before) + named
    return context, trailer, anchor


def _same_speaker_by_content(quotes, placed, keys, norms, looked_up=None) -> list:
    """"Same claim?" for a statement and one of its speaker's other claims that says it in
    other words (an excerpt too short to join, a headline, a paraphrase: see
    claims.grouping.content), found by content words (selectors.content). At most
    `OFFERS_PER_STATEMENT` a statement, the closest first, one a claim, and never one of the
    opposite polarity. `looked_up`, if given, receives each statement's claims found
    ({quote: [claim ids]}), for the changed positions."""
    # Only a statement that started a claim of its own: one that joined a claim is already
    # grouped, and the look-up is the task's costliest query.
    asked = [q for q in quotes if keys[q.pk] and len(norms[q.pk].split()) >= MIN_WORDS_TO_RELATE]
    crowded = set(Quote.objects.filter(claim_id__in={placed[q.pk] for q in asked})
                  .values("claim_id").annotate(n=Count("id")).filter(n__gt=1)
                  .values_list("claim_id", flat=True)) if asked else set()
    asked = [q for q in asked if placed[q.pk] not in crowded]
    wanted = [(keys[q.pk], search_terms(norms[q.pk]), placed[q.pk]) for q in asked]
    by_index = dict(enumerate(asked))
    # One query for the batch: the look-up has no time limit any more (selectors.content), so
    # the parts of 25 statements that kept each under it are not needed.
    found = same_speaker_by_content(wanted)
    merges = []
    for i, rows in found.items():
        quote = by_index[i]
        if looked_up is not None:
            looked_up[quote] = [claim_id for claim_id, _ in rows]
        best: dict[int, tuple] = {}
        for claim_id, text in rows:
            other = normalise(text)
            match = content_match(norms[quote.pk], other)
            if match is None or opposite_polarity(norms[quote.pk], other):
                continue
            rank = (match.overlap, match.shared)
            if claim_id not in best or rank > best[claim_id][0]:
                best[claim_id] = (rank, claim_id, match, other)
        for _, claim_id, match, other in sorted(best.values(), key=lambda b: b[0],
                                                reverse=True)[:OFFERS_PER_STATEMENT]:
            merges.append((placed[quote.pk], claim_id, round(match.overlap, 3), {
                "rule": f"same content words ({match.kind})", "score": round(match.overlap, 3),
                "shared": match.shared, "wording": other}))
    return merges


def _changed_positions_by_content(quotes, placed, norms, looked_up) -> list[RelationSpec]:
    """Changed positions in other words: a claim of the speaker found by content words (not
    close enough in trigrams to be a grouping candidate: "opposed the deal with Berlin on the
    northern gas pipeline" / "praised the agreement Berlin signed for a pipeline carrying
    northern gas" score about 0.27) whose every wording says the opposite
    of the statement on the same proposition (`content.content_match`: the content words of
    one, most of them in the other) and may be a change (`positions`), said in another article
    on another day. Words this far apart are trusted only where one side's negation is the
    stance its cue reports ("opposed", "came out against" the deal, its wording folded to
    "not ..."): a negation inside a longer sentence that shares the other's words was, both
    times on the tune half, another point ("her paid speeches to the bank" / "for not
    releasing transcripts of her paid speeches"). One query for the claims' wordings, only
    when some were found."""
    wanted = {c for claims in looked_up.values() for c in claims}
    if not wanted:
        return []
    wordings: dict[int, list[str]] = defaultdict(list)
    for claim_id, wording in ClaimWording.objects.filter(claim_id__in=wanted).values_list(
            "claim_id", "normalized"):
        wordings[claim_id].append(wording)
    reversals = []
    for quote, claims in looked_up.items():
        norm = norms[quote.pk]
        for claim_id in dict.fromkeys(claims):
            said = wordings.get(claim_id, [])
            opposed = [(w, opposite_polarity(norm, w)) for w in said]
            if not said or not all(why for _, why in opposed):
                continue  # a wording of the same polarity: the claim holds both, or agrees
            wording, why = max(opposed, key=lambda o: claim_similarity(norm, o[0]))
            score = claim_similarity(norm, wording)
            if content_match(norm, wording) is None or \
                    not may_be_a_changed_position(norm, wording, score) or \
                    not (cue_polarity(quote.cue) < 0 or wording.startswith("not ")):
                continue  # see the docstring: a stance the cue reports, on one side
            reversals.append((placed[quote.pk], claim_id, score, why, quote.pk))
    specs = [RelationSpec(own, other, ClaimRelation.Type.CONTRADICTS,
                          {"rule": "changed position", "score": round(score, 3), "words": why,
                           "found": "content words"}, [quote_id])
             for own, other, score, why, quote_id in _reversals_apart(quotes, reversals)]
    _date_reversals(specs)
    return specs


def _speaker_names(keys) -> dict[str, str]:
    """Each speaker key's name, normalised: a registry key's speakers' names ("12-40": both),
    a name key's name ("n:her office"). One query, for registry keys only."""
    ids = {int(i) for key in keys if key and not key.startswith("n:") for i in key.split("-")}
    registry = dict(Speaker.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}
    return {key: normalise(key[2:] if key.startswith("n:") else " ".join(
        registry.get(int(i), "") for i in key.split("-"))) for key in keys if key}


def _across_speakers(quotes, placed, keys, norms) -> tuple[list[RelationSpec], list]:
    """Across articles: close claims of other speakers. Opposite polarity contradicts; the same
    polarity supports, or repeats when the words are near-identical, unless the two speakers'
    names may name one entity ("her office" / "Ms. Roe's office", or two registry speakers
    "Hillary Clinton" / "Bill Clinton": one claim split by a speaker error), which is offered
    as "same claim?" instead. Returns the relation specs and
    the merge suggestions."""
    join, _, relate = thresholds()
    wanted = [(keys[q.pk], norms[q.pk]) for q in quotes
              if len(norms[q.pk].split()) >= MIN_WORDS_TO_RELATE]
    if not wanted:
        return [], []
    found = selectors.other_speaker_candidates(wanted, threshold=relate)
    close = []
    for quote in quotes:
        own = _claim_id(placed[quote.pk])
        for other_claim, wording in found.get((keys[quote.pk], norms[quote.pk]), [])[:5]:
            if other_claim == own or len(wording.split()) < MIN_WORDS_TO_RELATE:
                continue
            score = claim_similarity(norms[quote.pk], wording)
            if score >= relate:
                close.append((quote, own, other_claim, wording, score))
    other_keys = dict(Claim.objects.filter(pk__in={c[2] for c in close}).values_list(
        "pk", "speaker_key")) if close else {}
    near = {other for _, _, other, _, score in close if score >= join}
    names = _speaker_names({other_keys.get(c, "") for c in near}
                           | {keys[q.pk] for q, *_ in close}) if near else {}
    specs, merges = [], []
    for quote, own, other_claim, wording, score in close:
        why = opposite_polarity(norms[quote.pk], wording)
        if not keys[quote.pk] or not other_keys.get(other_claim, ""):
            # One side's speaker was not found (tune half: Obama's "anyone claiming that
            # America's economy is in decline ..." in two articles, one with no speaker):
            # the same words are offered as one claim; nothing else is said of a claim of
            # nobody's (no supports or contradicts between a speaker and no one).
            if not why and score >= join:
                merges.append((own, other_claim, score, {
                    "rule": "same words, a speaker unknown", "score": round(score, 3),
                    "wording": wording}))
            continue
        if why:
            kind, reason = ClaimRelation.Type.CONTRADICTS, {"rule": "opposite polarity",
                                                            "words": why}
        elif score >= join:
            mine, theirs = keys[quote.pk], other_keys.get(other_claim, "")
            # Registry speakers too: "Clinton" resolved to Bill on one side of a quote of
            # Hillary's (tune half of the claim pairs) gave two registry keys of one surname.
            if one_entity_possible(names.get(mine, ""), names.get(theirs, "")):
                merges.append((own, other_claim, score, {
                    "rule": "same words, speaker may be the same", "score": round(score, 3),
                    "wording": wording}))
                continue
            kind, reason = ClaimRelation.Type.REPEATS, {"rule": "same words, other speaker"}
        else:
            kind, reason = ClaimRelation.Type.SUPPORTS, {"rule": "same point, other speaker"}
        reason["score"] = round(score, 3)
        specs.append(RelationSpec(own, other_claim, kind, reason, [quote.pk]))
    return specs, merges


def _date_reversals(specs: list[RelationSpec]) -> None:
    """Say when each side of a changed position was first seen, so a position can be followed
    over time ("will not send troops" in March, "ready to send troops" in June)."""
    reversal = [s for s in specs if s.reason.get("rule") == "changed position"]
    if not reversal:
        return
    seen = dict(Claim.objects.filter(
        pk__in={s.from_claim_id for s in reversal} | {s.to_claim_id for s in reversal}
    ).values_list("pk", "first_seen"))
    for spec in reversal:
        then, now = seen.get(spec.to_claim_id), seen.get(spec.from_claim_id)
        spec.reason["earlier"] = then.date().isoformat() if then else None
        spec.reason["later"] = now.date().isoformat() if now else None
        if then and now and then > now:
            # The later statement is the one that contradicts the earlier.
            spec.from_claim_id, spec.to_claim_id = spec.to_claim_id, spec.from_claim_id
            spec.reason["earlier"], spec.reason["later"] = spec.reason["later"], \
                spec.reason["earlier"]
