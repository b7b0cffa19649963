"""Storing articles once: canonical URL and content hash decide what is already here."""
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q

from claims.ingest.hashing import content_hash
from claims.ingest.urls import canonicalize_url
from claims.models import Article, ArticleAppearance, ImportRun, Outlet


@dataclass(frozen=True)
class StoredArticle:
    article: Article
    created: bool
    # Set when the text was already stored under another URL: this URL became an appearance.
    appearance: ArticleAppearance | None = None


def outlet_for(*, name: str = "", url: str | None = None) -> Outlet | None:
    """The outlet named, or the one whose domain the URL has; created when new."""
    domain = ""
    if url:
        host = (urlsplit(url).hostname or "").lower()
        domain = host.removeprefix("www.")
    if name:
        outlet = Outlet.objects.filter(name=name).first()
        if outlet is None:
            # The domain is unique among outlets: when another outlet already has it (a
            # section's own site name, a syndicating portal), the new one gets none.
            if domain and Outlet.objects.filter(domain=domain).exists():
                domain = ""
            outlet, _ = Outlet.objects.get_or_create(name=name, defaults={"domain": domain})
        return outlet
    if domain:
        outlet = Outlet.objects.filter(domain=domain).first()
        if outlet is None:
            outlet, _ = Outlet.objects.get_or_create(name=domain, defaults={"domain": domain})
        return outlet
    return None


def article_store(
    *,
    title: str,
    body: str,
    url: str | None = None,
    canonical_url: str | None = None,
    published_at: datetime | None = None,
    byline: str = "",
    outlet_name: str = "",
    language: str = "",
    import_run: ImportRun | None = None,
) -> StoredArticle:
    """Store an article unless it is already here; idempotent under reruns and races.

    The same canonical URL, or the same normalised text, is the same article. Text already
    stored under another URL is recorded as another appearance of that article (syndication),
    so its quotes are not counted twice.
    """
    if not body.strip():
        raise ValueError("the article has no text")
    canonical = canonicalize_url(canonical_url or url) if (canonical_url or url) else None
    digest = content_hash(body)

    existing = _find_existing(canonical, digest)
    if existing is not None:
        return _as_duplicate(existing, canonical, url, outlet_name, published_at)
    outlet = outlet_for(name=outlet_name, url=url or canonical)
    try:
        with transaction.atomic():
            article = Article.objects.create(
                title=(title or "").strip()[:500] or "(untitled)",
                body=body,
                url=url or "",
                canonical_url=canonical,
                published_at=published_at,
                byline=byline[:500],
                outlet=outlet,
                language=language or "",
                content_hash=digest,
                import_run=import_run,
            )
    except IntegrityError:
        # Another worker stored it between our lookup and insert: it is a duplicate now.
        existing = _find_existing(canonical, digest)
        if existing is None:
            raise
        return _as_duplicate(existing, canonical, url, outlet_name, published_at)
    return StoredArticle(article=article, created=True)


def _find_existing(canonical: str | None, digest: str) -> Article | None:
    """The article already stored under this canonical URL (or as an appearance of one), else
    the one with the same text. Two queries for a new article; bodies are not fetched."""
    match = Q(content_hash=digest)
    if canonical:
        match |= Q(canonical_url=canonical)
    found = list(Article.objects.filter(match).defer("body")[:2])
    by_url = [a for a in found if canonical and a.canonical_url == canonical]
    if by_url:
        return by_url[0]
    if canonical:
        appearance = (
            ArticleAppearance.objects.select_related("article").defer("article__body")
            .filter(canonical_url=canonical).first()
        )
        if appearance is not None:
            return appearance.article
    return found[0] if found else None


def _as_duplicate(article, canonical, url, outlet_name, published_at) -> StoredArticle:
    appearance = None
    if canonical and canonical != article.canonical_url:
        appearance, _ = ArticleAppearance.objects.get_or_create(
            canonical_url=canonical,
            defaults={
                "article": article,
                "url": url or canonical,
                "outlet": outlet_for(name=outlet_name, url=url or canonical),
                "published_at": published_at,
            },
        )
    return StoredArticle(article=article, created=False, appearance=appearance)


# What an editor may change on an article; where it came from (its run, its hash) follows.
EDITABLE = ("title", "body", "url", "canonical_url", "byline", "published_at", "outlet",
            "language")


def _edit_errors(article: Article, changes: dict) -> dict[str, str]:
    """Why `changes` cannot be saved, per field: a text or canonical URL another article has
    (the two keys that make an article one), an empty text or title."""
    errors = {}
    if "title" in changes and not (changes["title"] or "").strip():
        errors["title"] = "An article needs a title."
    if "body" in changes:
        if not (changes["body"] or "").strip():
            errors["body"] = "An article needs its text."
        else:
            twin = (Article.objects.filter(content_hash=content_hash(changes["body"]))
                    .exclude(pk=article.pk).values_list("pk", flat=True).first())
            if twin:
                errors["body"] = (f"Article #{twin} has this text already: one article per "
                                  "text (a copy elsewhere is an appearance of it).")
    canonical = _canonical(article, changes)
    if canonical and canonical != article.canonical_url:
        twin = (Article.objects.filter(canonical_url=canonical).exclude(pk=article.pk)
                .values_list("pk", flat=True).first())
        if twin:
            field = "canonical_url" if changes.get("canonical_url") else "url"
            errors[field] = f"Article #{twin} has this canonical URL ({canonical})."
    return errors


def _canonical(article: Article, changes: dict) -> str | None:
    """The canonical URL the article has after `changes`: the typed one canonicalised, else
    the URL's, as when it was imported."""
    typed = changes.get("canonical_url", article.canonical_url) or changes.get("url",
                                                                              article.url)
    return canonicalize_url(typed) if typed else None


def article_edit_check(*, article_id: int, changes: dict) -> None:
    """Raise the ValidationError article_edit would, without saving (the admin's form asks, so
    each message stands next to its field)."""
    article = Article.objects.defer("body").get(pk=article_id)
    errors = _edit_errors(article, changes)
    if errors:
        raise ValidationError(errors)


def article_edit(*, article_id: int, user, **changes) -> Article:
    """An editor's change to an article (the admin's article page).

    The dedupe keys follow the edit: a new text gets its content hash again, a typed canonical
    URL is canonicalised (tracking parameters, fragment, case of the host), and neither may be
    another article's. A new text is extracted again (quotes an analyst reviewed lock the text,
    so only machine quotes are replaced). A URL with no canonical one gives it.
    """
    from claims.services.access import require
    from claims.services.queue import enqueue_extraction

    require(user, "claims.change_article", "edit articles")
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable here: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article_id)
        changes = {k: v for k, v in changes.items() if getattr(article, k) != v}
        errors = _edit_errors(article, changes)
        if errors:
            raise ValidationError(errors)
        canonical = _canonical(article, changes)
        for name, value in changes.items():
            setattr(article, name, value)
        if "title" in changes:
            article.title = article.title.strip()[:500]
        article.canonical_url = canonical
        if "body" in changes:
            article.content_hash = content_hash(article.body)
        # Article.save refuses a new text under reviewed quotes (and PostgreSQL's trigger too).
        article.save()
        if "body" in changes:
            enqueue_extraction([article.pk])
    return article
