"""`manage.py generate_claims --quotes 100000 --claims 20000 [--speakers 400] [--seed 1] [--append]`

Synthetic but news-like data for benchmarks (PostgreSQL only): outlets, speakers (a few hold
most claims), claims worded from a political vocabulary, each with quotes that vary its wording
(a word dropped or added, a synonym, a leading "that"), articles made of those quotes and filler
sentences (each quote is exactly its article's body[start:end]), wordings and claim counts.
"""
import hashlib
import random
from collections import defaultdict
from datetime import UTC, datetime, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from tqdm import tqdm

from claims.grouping import display_wording, normalise
from claims.models import Article, Claim, Outlet, Quote, Speaker
from claims.services.wordings import wordings_add


def _words(text: str) -> list[str]:
    return [w.replace("_", " ") for w in text.split()]


SUBJECTS = _words(
    "the_government our_troops the_alliance Moscow Washington Kyiv the_ministry the_opposition "
    "the_central_bank the_coalition parliament the_army Beijing our_country the_European_Union "
    "NATO the_president the_administration the_Kremlin Brussels the_prime_minister the_senate "
    "the_unions farmers the_regional_governor the_party the_cabinet the_security_council Berlin "
    "Paris Warsaw Ankara Tehran the_military_junta the_election_commission the_supreme_court "
    "the_foreign_ministry the_treasury rebel_commanders the_navy the_police local_authorities")
VERBS = _words(
    "will_not_send is_ready_to_discuss has_rejected will_never_accept is_preparing supports "
    "will_continue_to_fund has_approved cannot_ignore will_impose is_considering has_demanded "
    "will_block is_negotiating has_promised opposes plans_to_expand wants_to_freeze condemned "
    "is_drafting has_postponed intends_to_challenge refuses_to_recognise welcomed will_review "
    "has_suspended vowed_to_defend is_investigating agreed_to_extend threatened_to_cancel "
    "will_double is_cutting quietly_abandoned has_ratified urged_others_to_join backs "
    "will_veto is_seeking has_leaked denied_funding_for")
ADJECTIVES = _words(
    "new military economic nuclear regional humanitarian long-term joint illegal western "
    "bilateral strategic emergency secret fragile costly unprecedented temporary binding "
    "cross-border disputed controversial ambitious symbolic corrupt expanded green digital "
    "maritime rural urban fiscal constitutional electoral provisional sweeping modest")
NOUNS = _words(
    "sanctions aid talks deals agreements corridors exports tariffs guarantees loans reforms "
    "budgets pipelines exercises referendums ceasefires elections treaties subsidies pensions "
    "vaccines refugees borders drones missiles grain gas oil ports railways bridges courts "
    "journalists protests strikes wages taxes debts bonds mines factories hospitals schools "
    "satellites warships inspections quotas permits visas patrols checkpoints amendments "
    "investigations tribunals embassies")
PLACES = _words(
    "Ukraine the_Baltic_states Taiwan the_Middle_East Gaza Syria the_Black_Sea Europe Africa "
    "the_Arctic the_Balkans Crimea the_Sahel Kosovo Georgia Moldova Armenia the_Caucasus Yemen "
    "Libya Sudan Venezuela the_Pacific the_Red_Sea Kharkiv Donbas the_border_regions Belarus "
    "Serbia Hungary Poland Finland the_capital the_north the_south the_east the_west")
TAILS = _words(
    "before_the_election in_the_coming_weeks without_preconditions at_the_next_summit "
    "under_any_circumstances as_long_as_the_war_continues because_the_threat_is_real "
    "despite_pressure_from_abroad for_the_sake_of_our_people until_the_occupation_ends "
    "within_the_framework_of_international_law if_the_other_side_keeps_its_word by_the_end_of_"
    "the_year after_months_of_delay to_protect_national_security whatever_it_costs "
    "once_the_fighting_stops in_defiance_of_the_courts with_the_support_of_our_partners "
    "before_winter_sets_in as_soon_as_possible over_the_next_decade")
SYNONYMS = dict(p.split(":") for p in _words(
    "talks:negotiations sanctions:restrictions troops:soldiers will:would new:fresh deals:pacts "
    "aid:assistance elections:polls military:defence strongly:fully has:had cannot:can't"))
EXTRA = _words("clearly now also certainly still really")
FIRST = _words("Anna Oleksandr Maria Sergei Olaf Emmanuel Ursula Antony Jens Kaja Mark Giorgia "
               "Pedro Viktor Recep Narendra Li Fumio Yoon Lula Javier Keir Donald Joe Kamala Petr")
LAST = _words("Kovalenko Petrova Ivanov Schneider Dubois Novak Rossi Garcia Horvath Yilmaz Sharma"
              " Wang Tanaka Kim Silva Lopez Smith Johnson Brown Nowak Berg Lindqvist Costa Meyer")
FILLER = ["The talks are expected to resume next week.", "Officials gave no further details.",
          "The statement came after a day of heavy fighting.", "Markets fell on the news.",
          "Diplomats described the meeting as tense.", "The ministry did not respond."]
OUTLETS = _words("Sample_Wire Daily_Courier Evening_Post Global_Dispatch Capital_Times "
                 "Metro_News Eastern_Herald Policy_Review")
BATCH = 5000


def wording(rng: random.Random) -> str:
    """A statement of 8 to 40 words: clauses 'subject verb [adjective] noun [in place] [tail]'."""
    target, words, kept = int(rng.triangular(8, 41, 10)), [], 0
    while len(words) < target:
        kept = len(words)
        words += [rng.choice(["and", "because", "while", "but", "so"])] if words else []
        words += [rng.choice(SUBJECTS), rng.choice(VERBS)]
        words += [rng.choice(ADJECTIVES)] * (rng.random() < 0.7) + [rng.choice(NOUNS)]
        if rng.random() < 0.6:
            words += [rng.choice(["in", "for", "across", "near", "beyond"]), rng.choice(PLACES)]
        words += [rng.choice(TAILS)] * (rng.random() < 0.6)
        words = " ".join(words).split()
    return " ".join(words if len(words) <= 40 else words[:kept])


def vary(text: str, rng: random.Random) -> str:
    """A small variation another report gives of the same statement."""
    words = text.split()
    for _ in range(rng.choice([0, 1, 1, 2])):
        op, swap = rng.random(), [i for i, w in enumerate(words) if w in SYNONYMS]
        if op < 0.3 and len(words) > 8:
            del words[rng.randrange(1, len(words))]
        elif op < 0.55 or not swap:
            words.insert(rng.randrange(1, len(words)), rng.choice(EXTRA))
        else:
            i = rng.choice(swap)
            words[i] = SYNONYMS[words[i]]
    return ("that " if rng.random() < 0.3 else "") + " ".join(words)


def _bulk(model, rows, bar, **kw):
    for i in range(0, len(rows), BATCH):
        model.objects.bulk_create(rows[i:i + BATCH], **kw)
        bar.update(len(rows[i:i + BATCH]))
    return rows


def _article(n: int, items, outlet, day, rng) -> tuple[Article, list[Quote]]:
    """An article made of (claim, speaker, text) items and filler; quotes point into its body."""
    body, quotes = f"Report {n}: {rng.choice(SUBJECTS)} and {rng.choice(NOUNS)}", []
    for claim, speaker, text in items:
        direct = not text.startswith("that ")
        body += f"\n\n{rng.choice(FILLER)} " + ('"' if direct else f"{speaker.name} said ")
        start = len(body)
        body += (text[0].upper() + text[1:]) if direct else text
        body += f'," {speaker.name} said.' if direct else "."
        at = body.rindex(speaker.name)
        quotes.append(Quote(start=start, end=start + len(text), text=body[start:start + len(text)],
                            kind="direct" if direct else "indirect", cue="said", claim=claim,
                            speaker_mention=speaker.name, speaker_name=speaker.name,
                            mention_start=at, mention_end=at + len(speaker.name),
                            confidence=0.9, extractor_version="synthetic"))
    article = Article(outlet=outlet, title=body.split("\n")[0], body=body, language="en",
                      published_at=day, content_hash=hashlib.sha256(body.encode()).hexdigest(),
                      extraction_status=Article.Extraction.DONE, extractor_version="synthetic")
    return article, quotes


def _speakers(count: int, seed: int, bar) -> list[Speaker]:
    """`count` verified speakers with generated names (the same names for the same seed)."""
    names = list(dict.fromkeys(f"{f} {la}" for f in FIRST for la in LAST))
    names = random.Random(seed).sample(names, min(count, len(names)))
    have = set(Speaker.objects.filter(name__in=names, verified=True).values_list("name", flat=True))
    _bulk(Speaker, [Speaker(name=n, verified=True) for n in names if n not in have], bar)
    by_name = {s.name: s for s in Speaker.objects.filter(name__in=names, verified=True)}
    return [by_name[n] for n in names]


def _store(made: list[Claim], articles: list[Article], rows, bar) -> None:
    """Insert the claims with their counts, the articles, quotes, wordings and speaker links."""
    of = defaultdict(list)
    for q, article in rows:
        q.article = article
        of[id(q.claim)].append(q)
    for c in made:
        seen = [q.article.published_at for q in of[id(c)]]
        c.first_seen, c.last_seen, c.appearance_count = min(seen), max(seen), len(seen)
        c.outlet_count = len({q.article.outlet_id for q in of[id(c)]})
    wordings = {(id(c), normalise(t)): c
                for c in made for t in [c.text] + [q.text for q in of[id(c)]]}
    bar.total = bar.n + 2 * len(made) + len(articles) + 2 * len(rows) + len(wordings)
    _bulk(Claim, made, bar)
    _bulk(Article, articles, bar)
    quotes = _bulk(Quote, [q for q, _ in rows], bar)
    # Through the service, so every wording gets its LSH bands as in production.
    items = [(c.pk, c.speaker_key, w) for (_, w), c in wordings.items()]
    for i in range(0, len(items), BATCH):
        wordings_add(items[i:i + BATCH])
        bar.update(len(items[i:i + BATCH]))
    link = Quote.speakers.through
    _bulk(link, [link(quote_id=q.pk, speaker_id=int(q.claim.speaker_key)) for q in quotes], bar)
    link = Claim.speakers.through
    _bulk(link, [link(claim_id=c.pk, speaker_id=int(c.speaker_key)) for c in made], bar)


class Command(BaseCommand):
    help = "Fill the (PostgreSQL) database with synthetic claims, quotes and articles."

    def add_arguments(self, parser):
        parser.add_argument("--quotes", type=int, required=True)
        parser.add_argument("--claims", type=int, required=True)
        parser.add_argument("--speakers", type=int, default=400)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--append", action="store_true", help="add to the claims there are")

    def handle(self, *args, quotes, claims, speakers, seed, append, **opts):
        if connection.vendor != "postgresql":
            raise CommandError("generate_claims needs PostgreSQL (trigram and full-text indexes)")
        if not append and Claim.objects.exists():
            raise CommandError("the database already has claims; pass --append to add more")
        if not 0 < claims <= quotes:
            raise CommandError("need 0 < --claims <= --quotes")
        offset = Article.objects.count()  # appended articles get other titles, other hashes
        rng = random.Random(f"{seed}:{offset}")
        with transaction.atomic(), tqdm(total=quotes * 4, unit="row", mininterval=1) as bar:
            people = _speakers(speakers, seed, bar)
            weights = [1 / (rank + 1) ** 1.1 for rank in range(len(people))]  # a few talk most
            owners = rng.choices(people, weights, k=claims)
            bases = [wording(rng) for _ in range(claims)]
            made = [Claim(text=display_wording(b), speaker_key=str(s.pk))
                    for b, s in zip(bases, owners, strict=True)]
            popular = [rng.paretovariate(1.2) for _ in range(claims)]
            picks = list(range(claims)) + rng.choices(range(claims), popular, k=quotes - claims)
            items = [(made[i], owners[i], bases[i] if n < claims else vary(bases[i], rng))
                     for n, i in enumerate(picks)]
            rng.shuffle(items)
            outlets = [Outlet.objects.get_or_create(name=n)[0] for n in OUTLETS]
            articles, rows, start = [], [], datetime(2023, 1, 1, tzinfo=UTC)
            while items:
                day = start + timedelta(minutes=rng.randrange(2 * 365 * 24 * 60))
                size = rng.choice([3, 4, 5, 6, 7])
                article, made_quotes = _article(offset + len(articles) + 1, items[:size],
                                                rng.choice(outlets), day, rng)
                articles.append(article)
                rows += [(q, article) for q in made_quotes]
                del items[:size]
            _store(made, articles, rows, bar)
        self.stdout.write(f"{claims} claims, {quotes} quotes, {len(articles)} articles, "
                          f"{len(people)} speakers")
