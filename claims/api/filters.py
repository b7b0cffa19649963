"""Query filters (django-filter), applied by the selectors' shared filter functions so the
admin, the API and search filter alike."""
import re

import django_filters as filters
from django import forms
from django.db import models
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter

from claims import selectors
from claims.models import Claim, ClaimRelation, Quote
from claims.params import MAX_ID


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(filters.Filter):
    """A related object by id: any id from 1 to bigint's largest, an unknown one matching
    nothing. (django-filter's ModelChoiceFilter answered 400 for an id with no row, `?outlet=0`
    included, where the schema promised any integer; and an id past 64 bits was a server error
    on SQLite.)"""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


@extend_schema_field({"type": "number", "minimum": 0, "maximum": 1})
class ConfidenceFilter(filters.NumberFilter):
    """A confidence, 0 to 1 (django-filter's bound, 1e50, was a 400 the schema did not say)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=0, max_value=1, **kwargs)


class IdFilterSet(filters.FilterSet):
    """The base of every filter set here, and of those django-filter builds from a view's
    `filterset_fields`: foreign keys are filtered with IdFilter."""

    FILTER_DEFAULTS = {
        **filters.FilterSet.FILTER_DEFAULTS,
        models.ForeignKey: {"filter_class": IdFilter},
        models.OneToOneField: {"filter_class": IdFilter},
    }

    def is_valid(self):
        # django-filter ignores `?kind=` or `?date_to=` given empty; the schema says a choice,
        # a date or an id, so an empty one is refused like any other that is none. (Text
        # filters may be empty: an empty search is no search.)
        valid = super().is_valid()
        for name, given in self.data.items():
            target = self.filters.get(name)
            if given == "" and target is not None and not isinstance(target, filters.CharFilter):
                self.form.add_error(name, "Give a value, or leave the parameter out.")
                valid = False
            elif isinstance(target, filters.BooleanFilter) and given not in ("true", "false"):
                # django-filter reads "null", "1", "unknown" as no filter at all.
                self.form.add_error(name, "true or false.")
                valid = False
        return valid


class FilterBackend(DjangoFilterBackend):
    filterset_base = IdFilterSet


class _Shared(IdFilterSet):
    speaker = filters.CharFilter(method="_noop", help_text="Speaker id, or part of a name or "
                                 "alias (\"Putin\")")
    topic = filters.CharFilter(method="_noop", help_text="Topic id or slug, with its subtopics")
    outlet = filters.CharFilter(method="_noop", help_text="Outlet id, name or domain")
    date_from = filters.DateFilter(method="_noop", help_text="Published on or after (ISO 8601)")
    date_to = filters.DateFilter(method="_noop", help_text="Published on or before")
    kind = filters.ChoiceFilter(choices=Quote.Kind.choices, method="_noop")
    review_status = filters.ChoiceFilter(choices=Quote.Review.choices, method="_noop")

    shared_filter = None  # selectors.quotes_filter or selectors.claims_filter

    def _noop(self, queryset, name, value):
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        wanted = {k: self.form.cleaned_data.get(k) for k in
                  ("speaker", "topic", "outlet", "date_from", "date_to", "kind",
                   "review_status")}
        return type(self).shared_filter(queryset, **{k: v for k, v in wanted.items() if v})


class QuoteFilter(_Shared):
    shared_filter = staticmethod(selectors.quotes_filter)
    claim = IdFilter()
    article = IdFilter()
    min_confidence = ConfidenceFilter(field_name="confidence", lookup_expr="gte")
    max_confidence = ConfidenceFilter(field_name="confidence", lookup_expr="lte")

    class Meta:
        model = Quote
        fields = ["claim", "article", "min_confidence", "max_confidence"]


class ClaimFilter(_Shared):
    shared_filter = staticmethod(selectors.claims_filter)

    class Meta:
        model = Claim
        fields = []


class RelationFilter(IdFilterSet):
    claim = IdFilter(method="_either", help_text="Relations from or to this claim")

    class Meta:
        model = ClaimRelation
        fields = ["type", "status", "claim"]

    def _either(self, queryset, name, value):
        return selectors.relations_of(queryset, int(value))


class StrictOrdering(OrderingFilter):
    """DRF's ordering, except that a field it cannot sort by is a 400 naming the ones it can
    (DRF drops it silently and answers in its default order); the schema lists them."""

    def _names(self, queryset, view, request=None) -> list[str]:
        return [name for name, _ in self.get_valid_fields(queryset, view, {"request": request})]

    def _pattern(self, names: list[str]) -> str:
        one = "-?(" + "|".join(re.escape(n) for n in names) + ")"
        return rf"^({one}(,{one})*)?$"

    def get_ordering(self, request, queryset, view):
        given = request.query_params.get(self.ordering_param)
        if not given:
            return self.get_default_ordering(view)
        names = self._names(queryset, view, request)
        if not re.fullmatch(self._pattern(names), given):
            raise ValidationError({self.ordering_param: [
                f"One or more of {', '.join(names)}, comma-separated, each optionally "
                "preceded by '-' (descending)."]})
        return given.split(",")

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        names = self._names(view.get_queryset(), view)
        parameters[0]["schema"]["pattern"] = self._pattern(names)
        parameters[0]["description"] = ("Order by " + ", ".join(names) + " (comma-separated; "
                                        "'-' before a field for descending)")
        return parameters
