"""Analysts' changes to claims: create one from a quote, edit its wording and topics, merge two,
split quotes off, move a quote. Every quote an analyst places is pinned to its claim, so
neither re-extraction nor regrouping undoes the decision; counts, dates, wordings and relations
are kept right in the same transaction; history names the user."""
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from claims.grouping import display_wording, normalise, statement
from claims.grouping.speaker_keys import speaker_key
from claims.models import (
    Claim,
    ClaimAssessment,
    ClaimMergeSuggestion,
    ClaimRelation,
    ClaimWording,
    Quote,
    Speaker,
    Topic,
)
from claims.selectors.speaker_keys import speaker_key_for_quotes
from claims.services.access import require, with_history_user
from claims.services.claim_stats import claims_collect_empty, claims_refresh
from claims.services.references import existing
from claims.services.refusals import Conflict, Missing
from claims.services.wordings import wordings_add, wordings_rekey


def quotes_placeable_check(quotes, quote_ids) -> None:
    """Why these quotes (the rows found for `quote_ids`) cannot be put in a claim."""
    missing = set(quote_ids) - {q.pk for q in quotes}
    if missing:
        raise Missing(f"No quote #{', #'.join(map(str, sorted(missing)))}: it was "
                              "deleted or never existed.")
    rejected = [q.pk for q in quotes if q.review_status == Quote.Review.REJECTED]
    if rejected:
        raise Conflict(f"Quote #{rejected[0]} was rejected; a rejected quote belongs to "
                              "no claim. Confirm it first.")


def _placeable_quotes(quote_ids) -> list[Quote]:
    quotes = list(Quote.objects.select_for_update().filter(pk__in=quote_ids).order_by("pk"))
    quotes_placeable_check(quotes, quote_ids)
    return quotes


def _place(quotes: list[Quote], claim: Claim, user) -> set[int]:
    """Put quotes in `claim`, pinned; move their wordings with them. Returns the claims they
    left."""
    left = {q.claim_id for q in quotes if q.claim_id and q.claim_id != claim.pk}
    wordings = {statement(q.text, q.cue) for q in quotes}
    if left:
        # A wording leaves the claim it was in unless another of that claim's quotes has it.
        staying = {statement(t, c) for t, c in Quote.objects.filter(claim_id__in=left)
                   .exclude(pk__in=[q.pk for q in quotes]).values_list("text", "cue")}
        ClaimWording.objects.filter(claim_id__in=left, normalized__in=wordings - staying).delete()
    wordings_add((claim.pk, claim.speaker_key, w) for w in wordings)
    for q in quotes:
        q.claim = claim
        q.claim_pinned = True
        with_history_user(q, user).save(update_fields=["claim", "claim_pinned", "updated_at"])
    return left


def _wording(claim: Claim, text: str, by_analyst: bool) -> None:
    claim.text = text.strip()
    if not claim.text:
        raise ValidationError({"text": "A claim needs a wording."})
    claim.wording_by_analyst = by_analyst
    wordings_add([(claim.pk, claim.speaker_key, normalise(claim.text))])


def claim_create(*, text: str, user, speaker_ids=(), topic_ids=()) -> Claim:
    """An analyst's own claim, from no quote: its wording, speakers and topics as given."""
    require(user, "claims.add_claim", "create claims")
    if not text.strip():
        raise ValidationError({"text": "A claim needs a wording."})
    ids = sorted(set(speaker_ids))
    with transaction.atomic():
        found_speakers = existing(Speaker, ids, argument="speaker_ids")
        found_topics = existing(Topic, topic_ids, argument="topic_ids")
        claim = Claim(text=text.strip(), speaker_key=speaker_key(ids), created_by=user,
                      wording_by_analyst=True)
        with_history_user(claim, user).save()
        _wording(claim, text, by_analyst=True)
        claim.speakers.set(found_speakers)
        if found_topics:
            claim.topics.set(found_topics)
    return claim


def claim_create_from_quote(*, quote_id: int, user, text: str = "",
                            topic_ids=()) -> Claim:
    """A new claim holding this quote: its wording, speakers and dates taken from the quote
    (or the analyst's wording), created by `user`."""
    require(user, "claims.add_claim", "create claims")
    with transaction.atomic():
        (quote,) = _placeable_quotes([quote_id])
        found_topics = existing(Topic, topic_ids, argument="topic_ids")
        key = speaker_key_for_quotes([quote])[quote.pk]
        claim = Claim(text=display_wording(quote.text), speaker_key=key, created_by=user)
        with_history_user(claim, user).save()
        if text.strip():
            _wording(claim, text, by_analyst=True)
            claim.save(update_fields=["text", "wording_by_analyst"])
        claim.speakers.set(quote.speakers.all())
        if found_topics:
            claim.topics.set(found_topics)
        left = _place([quote], claim, user)
        claims_refresh(claim_ids={claim.pk} | left)
        claims_collect_empty(claim_ids=left)
    claim.refresh_from_db()
    return claim


def claim_edit(*, claim_id: int, user, text: str | None = None, topic_ids=None,
               speaker_ids=None) -> Claim:
    """Change a claim's wording (kept from then on: grouping no longer rewrites it), its
    topics or its speakers."""
    require(user, "claims.change_claim", "edit claims")
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=claim_id)
        with_history_user(claim, user)
        if text is not None and text.strip() != claim.text:
            _wording(claim, text, by_analyst=True)
        if speaker_ids is not None:
            found_speakers = existing(Speaker, speaker_ids, argument="speaker_ids")
            ids = [speaker.pk for speaker in found_speakers]
            claim.speakers.set(found_speakers)
            claim.speaker_key = speaker_key(ids)
            wordings_rekey(claim_id=claim.pk, speaker_key=claim.speaker_key)
        claim.save()
        if topic_ids is not None:
            claim.topics.set(existing(Topic, topic_ids, argument="topic_ids"))
    return claim


MERGED_INTO = "merged into claim #"


def claim_merge_check(*, source_id: int, target_id: int) -> None:
    """Why `source` cannot be merged into `target`, on the `target` field (the admin's merge
    form asks too)."""
    if source_id == target_id:
        raise Conflict({"target": "A claim cannot be merged into itself."})


def claim_merge(*, source_id: int, target_id: int, user) -> Claim:
    """Merge `source` into `target`: every quote (pinned), wording, topic, speaker, assessment
    and relation moves over; relations that would point at the claim itself or repeat one the
    target has are dropped (a decided one wins over a suggestion); then `source` is deleted."""
    require(user, "claims.change_claim", "merge claims")
    require(user, "claims.delete_claim", "merge claims")
    claim_merge_check(source_id=source_id, target_id=target_id)
    with transaction.atomic():
        claims = {c.pk: c for c in Claim.objects.select_for_update()
                  .filter(pk__in=[source_id, target_id]).order_by("pk")}
        if len(claims) != 2:
            raise Missing("Both claims must exist to merge them.")
        source, target = claims[source_id], claims[target_id]
        quotes = list(Quote.objects.filter(claim=source))
        for q in quotes:
            q.claim, q.claim_pinned = target, True
            with_history_user(q, user).save(update_fields=["claim", "claim_pinned",
                                                            "updated_at"])
        wordings_add((target.pk, target.speaker_key, w)
                     for w in source.wordings.values_list("normalized", flat=True))
        target.topics.add(*source.topics.all())
        if not target.wording_by_analyst and (
            source.wording_by_analyst or len(source.text) > len(target.text)
        ):
            target.text, target.wording_by_analyst = source.text, source.wording_by_analyst
        ClaimAssessment.objects.filter(claim=source).update(claim=target)
        _move_relations(source, target, user)
        ClaimMergeSuggestion.objects.filter(
            Q(claim=source) | Q(other=source)).exclude(
            Q(claim=target) | Q(other=target)).delete()
        with_history_user(target, user).save()
        # The deleted claim's last history record says where it went, so its address can
        # still lead there (selectors.claim_page.claim_merged_into).
        source._change_reason = f"{MERGED_INTO}{target.pk}"
        with_history_user(source, user).delete()
        claims_refresh(claim_ids=[target.pk])
    target.refresh_from_db()
    return target


_RANK = {ClaimRelation.Status.CONFIRMED: 2, ClaimRelation.Status.REJECTED: 1,
         ClaimRelation.Status.SUGGESTED: 0}


def _move_relations(source: Claim, target: Claim, user) -> None:
    kept = {(r.from_claim_id, r.to_claim_id, r.type): r
            for r in ClaimRelation.objects.filter(Q(from_claim=target) | Q(to_claim=target))}
    for relation in ClaimRelation.objects.filter(Q(from_claim=source) | Q(to_claim=source)):
        new_from = target.pk if relation.from_claim_id == source.pk else relation.from_claim_id
        new_to = target.pk if relation.to_claim_id == source.pk else relation.to_claim_id
        key = (new_from, new_to, relation.type)
        twin = kept.get(key) or kept.get((new_to, new_from, relation.type))
        if new_from == new_to:
            relation.delete()
            continue
        if twin is not None:
            if _RANK[relation.status] > _RANK[twin.status]:
                for field in ("status", "decided_by", "decided_at", "note"):
                    setattr(twin, field, getattr(relation, field))
                with_history_user(twin, user).save()
            twin.quotes.add(*relation.quotes.all())
            relation.delete()
            continue
        relation.from_claim_id, relation.to_claim_id = new_from, new_to
        with_history_user(relation, user).save()
        kept[key] = relation


def claim_split(*, claim_id: int, quote_ids, user, text: str = "") -> Claim:
    """Move some of a claim's quotes into a new claim of their own (pinned, so regrouping
    keeps them apart)."""
    require(user, "claims.add_claim", "split claims")
    require(user, "claims.change_claim", "split claims")
    with transaction.atomic():
        original = Claim.objects.select_for_update().get(pk=claim_id)
        quotes = _placeable_quotes(list(quote_ids))
        if not quotes:
            raise ValidationError("Choose the quotes to split off.")
        strangers = [q.pk for q in quotes if q.claim_id != original.pk]
        if strangers:
            raise Conflict(f"Quote #{strangers[0]} is not in claim #{original.pk}.")
        if len(quotes) == original.quotes.count():
            raise Conflict("Splitting off every quote leaves the claim empty; edit the "
                                  "claim instead.")
        longest = max(quotes, key=lambda q: len(q.text))
        claim = Claim(text=display_wording(longest.text), speaker_key=original.speaker_key,
                      created_by=user)
        with_history_user(claim, user).save()
        if text.strip():
            _wording(claim, text, by_analyst=True)
            claim.save(update_fields=["text", "wording_by_analyst"])
        claim.speakers.set(original.speakers.all())
        claim.topics.set(original.topics.all())
        _place(quotes, claim, user)
        # What stays is now a decision too: pin it, so regrouping does not join them again.
        Quote.objects.filter(claim=original).update(claim_pinned=True)
        claims_refresh(claim_ids=[claim.pk, original.pk])
    claim.refresh_from_db()
    return claim


def quote_move(*, quote_id: int, claim_id: int, user) -> Quote:
    """Put a quote in another claim, pinned there."""
    require(user, "claims.change_claim", "move quotes between claims")
    with transaction.atomic():
        (quote,) = _placeable_quotes([quote_id])
        claim = Claim.objects.select_for_update().filter(pk=claim_id).first()
        if claim is None:
            raise Missing(f"No claim #{claim_id}.")
        left = _place([quote], claim, user)
        claims_refresh(claim_ids={claim.pk} | left)
        claims_collect_empty(claim_ids=left)
    return quote
