"""The LSH band index carries the wording id, so candidate lookups are index-only scans on
PostgreSQL (benchmarks/bench_grouping_scale.py (d): the band probes of one extraction batch at
100,000 quotes went from about 90 ms to 45 ms). The new index is built before the old one goes,
so lookups always have one."""
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("claims", "0006_claims_grouping")]
    operations = [
        migrations.AddIndex(
            model_name="claimwordingband",
            index=models.Index(fields=["band", "wording"], name="wording_band_pair_idx"),
        ),
        migrations.RemoveIndex(model_name="claimwordingband", name="wording_band_idx"),
    ]
