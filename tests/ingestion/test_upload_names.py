"""Uploaded files are named by their own names on the ImportRun, and two files of the same
name in one upload are two items, not one silently lost."""
import pytest

from claims.models import Article, ImportRun
from claims.services.ingestion import import_run_start, uploads_import_into_run

pytestmark = pytest.mark.django_db


def test_upload_items_carry_the_file_name_and_row():
    run = import_run_start(source=ImportRun.Source.UPLOAD)
    csv = (b"url,title,body\n"
           b"https://a.example.org/1,One,Lavrov said the talks were over.\n"
           b"https://a.example.org/2,Two,\n")
    uploads_import_into_run(run=run, files=[("articles.csv", csv)])
    sources = list(run.items.order_by("id").values_list("source", "outcome"))
    assert sources == [("articles.csv row 2", "created"), ("articles.csv row 3", "failed")]


def test_two_files_of_the_same_name_are_both_imported():
    run = import_run_start(source=ImportRun.Source.UPLOAD)
    uploads_import_into_run(run=run, files=[
        ("note.txt", b"First headline\n\nBiden said the first thing."),
        ("note.txt", b"Second headline\n\nBiden said another thing entirely."),
    ])
    assert sorted(run.items.values_list("source", flat=True)) == ["note (2).txt", "note.txt"]
    assert run.created_count == 2
    assert Article.objects.filter(title__in=["First headline", "Second headline"]).count() == 2
