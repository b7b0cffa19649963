"""Reads of the topic pages: the hierarchy in tree order with each topic's claims counted."""
from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, QuerySet, Value, When

from claims.models import Topic


@dataclass(frozen=True)
class TreeNode:
    path: tuple[str, ...]  # names from the root down to the topic
    position: int  # place in tree order: each parent before its children, names A to Z

    @property
    def depth(self) -> int:
        return len(self.path) - 1


def topic_tree() -> dict[int, TreeNode]:
    """Every topic's path and place in the tree, from one query of (id, name, parent)."""
    rows = list(Topic.objects.values_list("pk", "name", "parent_id"))
    children: dict[int | None, list[tuple[str, int]]] = {}
    for pk, name, parent in rows:
        children.setdefault(parent, []).append((name.casefold(), pk))
    names = {pk: name for pk, name, _ in rows}
    tree: dict[int, TreeNode] = {}
    stack = [(pk, ()) for _, pk in sorted(children.get(None, []), reverse=True)]
    while stack:
        pk, above = stack.pop()
        if pk in tree:
            continue  # a cycle cannot be stored (topic_update refuses it); never loop on one
        path = (*above, names[pk])
        tree[pk] = TreeNode(path=path, position=len(tree))
        stack += [(child, path) for _, child in sorted(children.get(pk, []), reverse=True)]
    return tree


def topic_admin_list(tree: dict[int, TreeNode]) -> QuerySet[Topic]:
    """Topics in tree order with `claim_count`, in one query however many there are."""
    order = Case(*[When(pk=pk, then=Value(node.position)) for pk, node in tree.items()],
                 default=Value(len(tree)), output_field=IntegerField())
    return (Topic.objects.annotate(claim_count=Count("claims", distinct=True),
                                   tree_position=order)
            .order_by("tree_position", "name"))
