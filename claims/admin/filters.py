"""Sidebar filters whose queries do not grow with the topics: a topic's name reads its parents
(Topic.__str__), so naming each choice from its own row costs a query per level; the tree is
read once instead (claims.selectors.topics.topic_tree)."""
from django.contrib import admin

from claims.selectors.topics import topic_tree


def topic_names(pks=None) -> dict[int, str]:
    """Each topic's name with all its parents ("Security > Alliances > NATO"), in tree order
    (each parent before its children), from one query; only `pks` if given."""
    tree = topic_tree()
    shown = tree if pks is None else [pk for pk in pks if pk in tree]
    return {pk: " > ".join(tree[pk].path)
            for pk in sorted(shown, key=lambda pk: tree[pk].position)}


class TopicListFilter(admin.RelatedFieldListFilter):
    """The filter of a relation to topics (list_filter = [("topics", TopicListFilter)])."""

    def field_choices(self, field, request, model_admin):
        return list(topic_names().items())
