"""Beat's periodic tasks in the admin: what a task runs, with which arguments, is never
editable, and no new one is added there.

Every role only reads them (claims/roles.py); a feed's poll interval is changed on the feed
(claims.services.feeds). Superusers may still switch an entry on or off and change its
schedule, not point it at another task or arguments: beat would run whatever is written there.
django-celery-beat's changelist actions (enable, disable, run now) would be offered to anyone
who may view the list; they need the change permission here.
"""
from django import forms
from django.contrib import admin
from django_celery_beat import admin as beat_admin
from django_celery_beat.models import PeriodicTask

LOCKED = ("task", "args", "kwargs", "queue", "exchange", "routing_key", "headers")


class LockedTaskForm(beat_admin.PeriodicTaskForm):
    def clean(self):
        if "task" not in self.fields:  # read-only here: django-celery-beat's check needs it
            return forms.ModelForm.clean(self)
        return super().clean()


class PeriodicTaskAdmin(beat_admin.PeriodicTaskAdmin):
    form = LockedTaskForm
    # Django's own change form: beat's adds an inline script the Content-Security-Policy
    # blocks (it only rewrote the crontab's help text).
    change_form_template = None

    def has_add_permission(self, request):
        return False

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), *LOCKED)

    def get_fieldsets(self, request, obj=None):
        # `regtask` is the form's picker of a registered task: not shown at all.
        return [(name, {**options, "fields": tuple(f for f in options["fields"]
                                                   if f != "regtask")})
                for name, options in super().get_fieldsets(request, obj)]

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not self.has_change_permission(request):
            return {}
        return actions


admin.site.unregister(PeriodicTask)
admin.site.register(PeriodicTask, PeriodicTaskAdmin)
