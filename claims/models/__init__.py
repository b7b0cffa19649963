"""The domain model, split by domain: sources, speakers, quotes, claims."""
from claims.models.claims import (
    Claim,
    ClaimAssessment,
    ClaimMergeSuggestion,
    ClaimRelation,
    ClaimWording,
    ClaimWordingBand,
    Topic,
)
from claims.models.quotes import Quote
from claims.models.sources import Article, ArticleAppearance, Feed, ImportItem, ImportRun, Outlet
from claims.models.speakers import Role, Speaker, SpeakerAlias

__all__ = [
    "Article",
    "ArticleAppearance",
    "Claim",
    "ClaimAssessment",
    "ClaimMergeSuggestion",
    "ClaimRelation",
    "ClaimWording",
    "ClaimWordingBand",
    "Feed",
    "ImportItem",
    "ImportRun",
    "Outlet",
    "Quote",
    "Role",
    "Speaker",
    "SpeakerAlias",
    "Topic",
]
