"""Topics: a controlled, hierarchical vocabulary analysts tag claims with."""
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from claims.models import Topic
from claims.services.access import require
from claims.services.refusals import Conflict, Missing

_DASHES = re.compile(r"[\u2010-\u2015\u2212/]+")


def topic_slug(name: str) -> str:
    """A slug keeping every word: "Russia–China relations" gives "russia-china-relations"
    (Django's slugify drops the en dash and joins the two names)."""
    text = _DASHES.sub(" ", name)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _slug(name: str, slug: str) -> str:
    """The analyst's slug when given (lower case words and hyphens), else one from the name."""
    slug = slug.strip()
    if not slug:
        slug = topic_slug(name)
        if not slug:
            raise ValidationError({"name": "The name needs at least one letter or digit."})
        return slug
    if not _SLUG.match(slug):
        raise ValidationError({"slug": "Lower-case letters, digits and single hyphens only "
                                       "(or leave it blank to make one from the name)."})
    return slug


def _check_parent(topic: Topic | None, parent_id: int | None) -> Topic | None:
    if parent_id is None:
        return None
    parent = Topic.objects.filter(pk=parent_id).first()
    if parent is None:
        raise Missing({"parent": f"No topic #{parent_id}."})
    node = parent
    while node is not None:
        if topic is not None and node.pk == topic.pk:
            raise Conflict({"parent": "A topic cannot sit under itself or its children."})
        node = node.parent
    return parent


def topic_create(*, name: str, user, parent_id: int | None = None,
                 description: str = "", slug: str = "") -> Topic:
    """A new topic; its slug is made from the name (every word kept) unless one is given."""
    require(user, "claims.add_topic", "create topics")
    name = name.strip()
    if not name:
        raise ValidationError({"name": "A topic needs a name."})
    slug = _slug(name, slug)
    try:
        with transaction.atomic():
            return Topic.objects.create(name=name, slug=slug, description=description,
                                        parent=_check_parent(None, parent_id))
    except IntegrityError as exc:
        raise Conflict({"name": f"A topic {name!r} (slug {slug!r}) exists already."}) \
            from exc


def topic_update(*, topic_id: int, user, name: str | None = None, parent_id=...,
                 description: str | None = None, slug: str | None = None) -> Topic:
    """Change a topic. A new name gives a new slug unless `slug` is given; a blank `slug`
    is made again from the name."""
    require(user, "claims.change_topic", "edit topics")
    with transaction.atomic():
        topic = Topic.objects.select_for_update().get(pk=topic_id)
        if name is not None and name.strip() != topic.name:
            if not name.strip():
                raise ValidationError({"name": "A topic needs a name."})
            topic.name = name.strip()
            topic.slug = _slug(topic.name, "")
        if slug is not None:
            topic.slug = _slug(topic.name, slug)
        if parent_id is not ...:
            topic.parent = _check_parent(topic, parent_id)
        if description is not None:
            topic.description = description
        try:
            with transaction.atomic():
                topic.save()
        except IntegrityError as exc:
            raise Conflict({"name": "Another topic has this name or slug."}) from exc
    return topic
