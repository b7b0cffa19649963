"""The LSH bands' wording link loses its database constraint: PostgreSQL checked it row by row
at commit, about 45 ms for the 13,000 bands of an extraction batch (see the model). The index
on wording_id stays: deleting a wording's bands goes through it."""
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('claims', '0007_wording_band_pair_index'),
    ]

    operations = [
        migrations.AlterField(
            model_name='claimwordingband',
            name='wording',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.CASCADE, related_name='bands', to='claims.claimwording'),
        ),
    ]
