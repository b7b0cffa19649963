"""History pages whose queries do not grow with the records shown.

simple_history diffs each record against the one before it, and for every tracked M2M field
(a claim's speakers and topics, a quote's speakers) that diff queries both records' rows: two
queries per record and field, more when they differ, and one per topic named (a topic's name
reads its parents). Here the rows of the whole page are read once per field and named once.
"""
from itertools import pairwise

from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject, ModelChange, ModelDelta
from simple_history.utils import get_m2m_reverse_field_name

from claims.admin.actions import ServiceErrorsMixin
from claims.admin.filters import topic_names
from claims.models import Topic


def _names(model, pks) -> dict[int, str]:
    """What each object is called, in the order a list of them is shown; one query."""
    if model is Topic:
        return topic_names(pks)
    return {obj.pk: str(obj) for obj in model._default_manager.filter(pk__in=pks)}


def _m2m_rows(record_type, field, records) -> dict[int, set[int]]:
    """The related ids each record of `records` kept for `field`: {history_id: {pk, ...}}."""
    m2m_model = getattr(record_type, field.name).model
    related = m2m_model._meta.get_field(get_m2m_reverse_field_name(field)).attname
    kept: dict[int, set[int]] = {record.pk: set() for record in records}
    rows = m2m_model._default_manager.filter(history__in=list(kept)).values_list(
        "history_id", related)
    for history_id, pk in rows:
        kept[history_id].add(pk)
    return kept


class HistoryAdmin(ServiceErrorsMixin, SimpleHistoryAdmin):
    """SimpleHistoryAdmin whose history page runs the same queries for 3 records as for 100,
    read-only, and whose change form turns a service's refusal into a message."""

    # Fields the services recount in SQL without a history record (a claim's counts and dates):
    # diffed, their drift would show in the next person's record as that person's change.
    history_derived_fields: tuple[str, ...] = ()

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # SIMPLE_HISTORY_REVERT_DISABLED only hides the button: a POST would still save the
        # old version directly, past the services.
        if request.method == "POST":
            raise PermissionDenied("History is read-only: change the object itself.")
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        # For a model with no tracked foreign key (a speaker) simple_history ends with a bare
        # select_related(), which follows non-null keys only and drops the user it asked for.
        return super().get_history_queryset(
            request, history_manager, pk_name, object_id).select_related("history_user")

    def set_history_delta_changes(self, request, historical_records,
                                  foreign_keys_are_objs=True):
        records = list(historical_records)
        if len(records) < 2:
            return
        m2m_fields = list(type(records[0])._history_m2m_fields)
        kept = {field.name: _m2m_rows(type(records[0]), field, records) for field in m2m_fields}
        names = {field.name: _names(field.related_model,
                                    set().union(*kept[field.name].values()))
                 for field in m2m_fields}
        # Newest first: each record is diffed against the older one after it.
        for newer, older in pairwise(records):
            delta = newer.diff_against(older, excluded_fields=[*kept,
                                                               *self.history_derived_fields],
                                       foreign_keys_are_objs=foreign_keys_are_objs)
            changes = [*delta.changes, *self._m2m_changes(m2m_fields, kept, names, older, newer)]
            changes.sort(key=lambda change: change.field)
            delta = ModelDelta(changes, [change.field for change in changes], older, newer)
            helper = self.get_historical_record_context_helper(request, newer)
            newer.history_delta_changes = helper.context_for_delta_changes(delta)

    @staticmethod
    def _m2m_changes(m2m_fields, kept, names, older, newer) -> list[ModelChange]:
        changes = []
        for field in m2m_fields:
            old, new = kept[field.name][older.pk], kept[field.name][newer.pk]
            if old != new:
                changes.append(ModelChange(field.name, _shown(field, old, names[field.name]),
                                           _shown(field, new, names[field.name])))
        return changes


def _shown(field, pks: set[int], names: dict[int, str]) -> list[dict[str, str]]:
    """M2M rows as simple_history's context helper reads them: {related field: its name};
    an object deleted since reads "Deleted speaker (pk=…)", as simple_history has it."""
    key = get_m2m_reverse_field_name(field)
    rows = [{key: name} for pk, name in names.items() if pk in pks]
    rows += [{key: str(DeletedObject(field.related_model, pk))}
             for pk in sorted(pks - names.keys())]
    return rows
