"""Change forms saved by a service: the service's refusal shows next to the field it names,
and nothing is stored unless the whole object is.

The form calls its service while it validates (inside the admin's change view, which is one
transaction), because only then can a ValidationError still become a field error; the admin's
save_model then only copies back what the service stored.
"""
from django import forms
from django.core.exceptions import ValidationError

from claims.admin.actions import ServiceErrorsMixin


def add_service_errors(form, exc: ValidationError, renames: dict | None = None) -> None:
    """Show a service's ValidationError on the form: next to the field it names (`renames`
    maps a service's argument to the form's field), else above the form."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        field = (renames or {}).get(field, field)
        form.add_error(field if field in form.fields else None, errors)


class ServiceModelForm(forms.ModelForm):
    user = None  # set per request by ServiceFormAdmin.get_form
    service_field_names: dict = {}  # the service's argument -> this form's field

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.saved = None

    def validate_unique(self):
        pass  # the service says what is taken, in its own words

    def _post_clean(self):
        # Not the model's own validation: it would refuse what the service fills in (a blank
        # slug) and say in its own words what the service says better.
        if self.errors:
            return
        try:
            self.saved = self.save_through_service(self.cleaned_data)
        except ValidationError as exc:
            add_service_errors(self, exc, self.service_field_names)

    def save_through_service(self, data):
        raise NotImplementedError


class ServiceFormAdmin(ServiceErrorsMixin):
    """The admin side of a ServiceModelForm: it hands the form the signed-in user and stores
    nothing itself."""

    saved_fields: tuple[str, ...] = ()  # copied back so messages and the log name the object

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    def save_model(self, request, obj, form, change):
        for field in ("pk", *self.saved_fields):
            setattr(obj, field, getattr(form.saved, field))
        obj._state.adding = False

    def save_related(self, request, form, formsets, change):
        pass  # these pages edit no relations beside the object
