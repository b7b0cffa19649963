"""Many rows written in one statement with little Python, where Django's bulk methods cost far
more in Python than the database spends on the statement.

Profiled (cProfile) on two extraction batches of 280 quotes at 100,000 stored quotes
(benchmarks/bench_grouping_scale.py (d)): `bulk_update` of the quotes' claims and the claims'
fuller wordings built and copied a CASE WHEN expression per row, 0.73 s of Python for
statements of about 16 ms; `bulk_create` of the new wordings' LSH bands (48 a wording) built
and prepared a model instance per row, 0.55 s. On PostgreSQL the columns go as arrays through
unnest(); elsewhere (the SQLite quick start) Django's methods are used, as before.
"""
from collections.abc import Iterable, Mapping

from django.db import connection

from claims.sql_arrays import int_array, is_int_column, is_text_column, text_array


def _array_type(field) -> str:
    return f"{field.db_type(connection)}[]"


def column_set(model, field_name: str, values: Mapping[int, object]) -> None:
    """Set one column of the rows with these primary keys: {pk: value}. One statement; no
    signals and no history records, as with `bulk_update`."""
    columns_set(model, [field_name], {pk: (value,) for pk, value in values.items()})


def columns_set(model, field_names: list[str], values: Mapping[int, tuple]) -> None:
    """Set these columns of the rows with these primary keys: {pk: (value, ...)} in the order
    of `field_names`. One statement, as `column_set`."""
    if not values:
        return
    fields = [model._meta.get_field(name) for name in field_names]
    if connection.vendor != "postgresql":
        rows = [model(pk=pk, **{f.attname: v for f, v in zip(fields, row, strict=True)})
                for pk, row in values.items()]
        model.objects.bulk_update(rows, field_names)
        return
    pk = model._meta.pk
    table, quote = model._meta.db_table, connection.ops.quote_name
    names = [f"v{n}" for n in range(len(fields))]
    assignments = ", ".join(f"{quote(f.column)} = v.{name}"
                            for f, name in zip(fields, names, strict=True))
    arrays = ", ".join([f"%s::{_array_type(pk)}"] + [f"%s::{_array_type(f)}" for f in fields])
    columns = [list(values)] + [list(column)
                                for column in zip(*values.values(), strict=True)]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {quote(table)} SET {assignments} "
            f"FROM unnest({arrays}) AS v(pk, {', '.join(names)}) "
            f"WHERE {quote(table)}.{quote(pk.column)} = v.pk",
            [_array(column) for column in columns])


# Rows a statement: an extraction batch's bands (about 13,000) go in one; a regrouping of
# every kept claim's wordings in statements whose parameters stay a few megabytes.
INSERT_CHUNK = 100_000


def rows_insert(model, field_names: list[str], rows: Iterable[tuple]) -> None:
    """Insert rows given as tuples in the order of `field_names` (no primary key: the
    database makes it). One statement per INSERT_CHUNK rows; no signals, no ids returned."""
    rows = list(rows)
    if not rows:
        return
    fields = [model._meta.get_field(name) for name in field_names]
    if connection.vendor != "postgresql":
        model.objects.bulk_create(
            [model(**{f.attname: v for f, v in zip(fields, row, strict=True)}) for row in rows],
            batch_size=5000)
        return
    sql = _insert_sql(model, fields)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), INSERT_CHUNK):
            chunk = rows[start:start + INSERT_CHUNK]
            cursor.execute(sql, [_array(list(column)) for column in zip(*chunk, strict=True)])


def rows_insert_new(model, field_names: list[str], rows: list[tuple],
                    returning: list[str]) -> list[tuple]:
    """PostgreSQL only: insert these rows, skipping any that conflicts with a unique
    constraint, and return the `returning` columns of the rows inserted (the new ones only).
    One statement."""
    fields = [model._meta.get_field(name) for name in field_names]
    back = ", ".join(connection.ops.quote_name(model._meta.get_field(name).column)
                     for name in returning)
    sql = f"{_insert_sql(model, fields)} ON CONFLICT DO NOTHING RETURNING {back}"
    with connection.cursor() as cursor:
        cursor.execute(sql, [_array(list(column)) for column in zip(*rows, strict=True)])
        return cursor.fetchall()


def _insert_sql(model, fields) -> str:
    """INSERT of one array parameter per column, unnested into rows."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    arrays = ", ".join(f"%s::{_array_type(f)}" for f in fields)
    return f"INSERT INTO {quote(model._meta.db_table)} ({columns}) SELECT * FROM unnest({arrays})"


def _array(values: list):
    """A column's values as one parameter: whole numbers and text as an array literal (far
    cheaper to bind, see claims.sql_arrays), anything else as a list for psycopg to adapt."""
    if is_int_column(values):
        return int_array(values)
    return text_array(values) if is_text_column(values) else values
