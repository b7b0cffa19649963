from django.core.management.base import BaseCommand

from claims.services.sample_data import sample_data_load


class Command(BaseCommand):
    help = ("Load the starting speaker registry, the sample articles and a small topic tree "
            "(idempotent).")

    def handle(self, *args, **options):
        report = sample_data_load()
        self.stdout.write(
            f"speakers: {report.speakers_created} created, {report.speakers_updated} already "
            f"present; articles: {report.articles_created} created, "
            f"{report.articles_existing} already present; topics: {report.topics_created} "
            "created"
        )
        for note in report.notes:
            self.stdout.write(self.style.WARNING(note))
