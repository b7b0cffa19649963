"""Topics: the hierarchy analysts tag claims with, shown as a tree with each topic's claims
counted; created and edited through claims.services.topics, which makes the slug (every word
kept: Django's prepopulated slug script drops the dash of "Russia–China relations")."""
from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.urls import reverse
from django.utils.html import format_html

from claims.admin.service_forms import ServiceFormAdmin, ServiceModelForm
from claims.models import Topic
from claims.selectors.topics import topic_admin_list, topic_tree
from claims.services import topics as topic_services


class TopicForm(ServiceModelForm):
    """Saved by the topic services (the slug made from the name, keeping every word)."""

    class Meta:
        model = Topic
        fields = ["name", "slug", "parent", "description"]
        help_texts = {"slug": "Leave blank to make it from the name, keeping every word."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:  # a reader's page has no editable field
            self.fields["slug"].required = False

    def save_through_service(self, data):
        parent = data.get("parent")
        if self.instance.pk is None:
            return topic_services.topic_create(
                name=data["name"], user=self.user, parent_id=parent.pk if parent else None,
                description=data.get("description", ""), slug=data.get("slug") or "")
        changed = set(self.changed_data)
        return topic_services.topic_update(
            topic_id=self.instance.pk, user=self.user,
            name=data["name"] if "name" in changed else None,
            parent_id=(parent.pk if parent else None) if "parent" in changed else ...,
            description=data.get("description", "") if "description" in changed else None,
            slug=(data.get("slug") or "") if "slug" in changed else None)


class TopicTreeList(ChangeList):
    # Tree order unless a column is sorted. Not the admin's `ordering`: other admins' topic
    # filters read that on a plain topic queryset, which has no tree position.
    def _get_default_ordering(self):
        return ["tree_position"]


@admin.register(Topic)
class TopicAdmin(ServiceFormAdmin, admin.ModelAdmin):
    saved_fields = ("name", "slug", "parent_id", "description")
    form = TopicForm
    list_display = ["tree_name", "slug", "claims_link"]
    search_fields = ["name", "slug"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]
    list_per_page = 200

    def get_queryset(self, request):
        # The tree is read once per request and kept on it (this admin is shared by threads).
        if not hasattr(request, "_topic_tree"):
            request._topic_tree = topic_tree()
        return topic_admin_list(request._topic_tree)

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        tree = request._topic_tree
        for topic in changelist.result_list:
            topic.tree_node = tree.get(topic.pk)
        return changelist

    def get_changelist(self, request, **kwargs):
        return TopicTreeList

    @admin.display(description="topic", ordering="tree_position")
    def tree_name(self, topic):
        node = getattr(topic, "tree_node", None)
        if node is None:
            return str(topic)
        above = " > ".join(node.path[:-1])
        return format_html('<span class="topic-path" style="padding-left:{}em">'
                           '<span style="color:#767676">{}</span><strong>{}</strong></span>',
                           2 * node.depth, f"{above} > " if above else "", node.path[-1])

    @admin.display(description="claims", ordering="claim_count")
    def claims_link(self, topic):
        url = reverse("admin:claims_claim_changelist")
        return format_html('<a class="topic-claims" href="{}?topics__id__exact={}">{}</a>',
                           url, topic.pk, topic.claim_count)

