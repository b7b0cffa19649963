"""The import services check the editor's permission themselves, whichever face calls them."""
import pytest
from django.core.exceptions import PermissionDenied

from claims.models import ImportRun
from claims.services.ingestion import paste_import, uploads_import_by_user, urls_import

pytestmark = pytest.mark.django_db

CALLS = {
    "paste": lambda user: paste_import(user=user, title="t", body="Some text here."),
    "upload": lambda user: uploads_import_by_user(user=user, files=[("a.txt", b"Some text here.")]),
    "urls": lambda user: urls_import(user=user, urls=["https://news.example.com/a"]),
}


@pytest.mark.parametrize("role", ["analyst", "viewer", "outsider"])
@pytest.mark.parametrize("way", list(CALLS))
def test_only_editors_import(request, role, way):
    with pytest.raises(PermissionDenied):
        CALLS[way](request.getfixturevalue(role))
    assert not ImportRun.objects.exists()


def test_an_editors_upload_is_a_run_named_for_its_files(editor):
    run = uploads_import_by_user(user=editor, files=[("a.txt", b"Some text here, long enough.")])
    assert (run.source, run.requested_by, run.description) == (
        ImportRun.Source.UPLOAD, editor, "1 file(s): a.txt")
