"""manage.py regroup_claims: group the stored quotes into claims again (after a threshold
change), keeping every analyst decision. See claims.services.regrouping."""
from django.core.management.base import BaseCommand
from tqdm import tqdm

from claims.models import Quote
from claims.services.regrouping import claims_regroup


class Command(BaseCommand):
    help = "Regroup stored quotes into claims, keeping what analysts decided."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, batch_size, no_progress, **options):
        total = Quote.objects.exclude(review_status=Quote.Review.REJECTED).filter(
            claim_pinned=False).count()
        with tqdm(total=total, unit="quote", disable=no_progress,
                  file=self.stderr._out) as bar:
            result = claims_regroup(batch_size=batch_size, progress=bar.update)
        self.stdout.write(f"Regrouped {result['quotes']} quotes: {result['claims_before']} "
                          f"claims before, {result['claims_after']} after.")
