"""The baseline of bench_api.py: the app's URLs plus plain Django views returning the same rows
as the API's quote and claim lists, as JSON, with no DRF in between. Used only by the
benchmark (its settings module adds this URLconf); never part of the app."""
