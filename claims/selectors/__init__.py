"""Reads shared by the admin, the API, the tasks and the commands, in modules named for what
they hold. The names most callers use are gathered here, so `selectors.claim_list()` and
`from claims.selectors import claim_graph` read the same as before the split.

- lists: the base QuerySets of each list (relations fetched up front)
- filters: the filters every quote and claim list offers
- text_search: full-text search and its snippets; database: what needs PostgreSQL
- graph: the claim graph; registry: the speaker registry for the extraction library
- similar: claims and speakers that look like a given one; related: other speakers' claims
  that bear on a claim (its related list and panel)
- content: one speaker's statements found by their content words (grouping's look-up for an
  excerpt, headline or paraphrase); sentences: where a sentence ends, for context reads
- candidates: grouping's candidate SQL; answers: reads for answers within an article;
  speaker_keys: quotes' speaker keys
- articles, claim_page, dashboard, imports, quotes, speakers, topics: reads of one admin page
"""
from claims.selectors.answers import article_bodies, article_statements
from claims.selectors.candidates import other_speaker_candidates, wording_candidates
from claims.selectors.database import FeatureUnavailable, search_mode
from claims.selectors.filters import claims_filter, quotes_filter
from claims.selectors.graph import claim_graph
from claims.selectors.lists import (
    article_list,
    assessment_list,
    claim_list,
    feed_list,
    import_run_list,
    merge_suggestion_list,
    quote_list,
    relation_list,
    relations_of,
    speaker_list,
    topic_list,
)
from claims.selectors.registry import speaker_registry
from claims.selectors.sentences import sentence_after, sentence_before
from claims.selectors.similar import claim_similar, speaker_similar
from claims.selectors.text_search import (
    SearchResults,
    article_search,
    claim_search,
    headlines,
    quote_search,
    search,
)

__all__ = [
    "FeatureUnavailable",
    "SearchResults",
    "article_bodies",
    "article_list",
    "article_statements",
    "article_search",
    "assessment_list",
    "claim_graph",
    "claim_list",
    "claim_search",
    "claim_similar",
    "claims_filter",
    "feed_list",
    "headlines",
    "import_run_list",
    "merge_suggestion_list",
    "other_speaker_candidates",
    "quote_list",
    "quote_search",
    "quotes_filter",
    "relation_list",
    "relations_of",
    "search",
    "search_mode",
    "sentence_after",
    "sentence_before",
    "speaker_list",
    "speaker_registry",
    "speaker_similar",
    "topic_list",
    "wording_candidates",
]
