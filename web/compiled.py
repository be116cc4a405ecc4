"""Queries of a fixed shape that every request runs: built and compiled by the ORM once per
process, then run with each request's values. Building a query with subqueries from the ORM costs
milliseconds of Python on every request, for a query PostgreSQL answers in a fraction of one."""

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet
from django.db.models.sql import Query
from django.db.models.sql.compiler import SQLCompiler

from web.lookups import Ids

# Stand-ins the query is compiled with: no row can hold them, so they are found among its
# parameters and replaced there by the real values.
SOMEONE = -918_273
SOME_DAY = date(1901, 2, 3)
SOME_IDS = [SOMEONE]  # for `AnyOf`: the ids go as one array parameter


@dataclass(frozen=True)
class Compiled:
    sql: str
    params: tuple
    slots: dict  # value name -> where it goes among the parameters

    def params_with(self, **values) -> tuple:
        params = list(self.params)
        for name, value in values.items():
            if isinstance(value, list | tuple | set):
                value = Ids(value)  # as `AnyOf` binds them
            for slot in self.slots[name]:
                params[slot] = value
        return tuple(params)


def compiled(queryset, **stand_ins) -> Compiled:
    """`queryset`, built with the stand-ins (`someone=SOMEONE`, `day=SOME_DAY`,
    `ids=SOME_IDS`), as SQL whose parameters `params_with(someone=..., day=..., ids=[...])`
    fills in."""
    sql, params = queryset.query.sql_with_params()
    return Compiled(sql, tuple(params), slots_of(params, stand_ins))


def same_kind(value, stand_in) -> bool:
    if isinstance(stand_in, list):
        return isinstance(value, list)  # `AnyOf` binds ids as `Ids`
    return type(value) is type(stand_in)


def slots_of(params, stand_ins: dict) -> dict:
    """Where each stand-in is among the parameters."""
    slots = {
        name: [
            n for n, value in enumerate(params) if same_kind(value, stand_in) and value == stand_in
        ]
        for name, stand_in in stand_ins.items()
    }
    if not all(slots.values()):
        raise ImproperlyConfigured(f"A stand-in is missing from the parameters: {params}.")
    return slots


class Shape:
    """A queryset of one fixed shape, run with each call's values: the same rows, model
    instances (select_related included) or values as the queryset would give, but built and
    compiled by the ORM once per process, on first use, from `build()` with the stand-ins.

        open_assignments = Shape(
            lambda: Assignment.objects.filter(athlete_id=SOMEONE).select_related("program"),
            someone=SOMEONE,
        )
        open_assignments(someone=user.pk)  # a QuerySet: iterate it, list it, index it

    The queryset it gives cannot be changed (filtered, ordered, sliced): change `build`. Ids go
    as one array (`web.lookups.AnyOf` with `ids=SOME_IDS`); an empty list finds nothing without
    asking the database."""

    def __init__(self, build: Callable[[], QuerySet], **stand_ins):
        self.build = build
        self.stand_ins = stand_ins

    @functools.cached_property
    def frozen(self) -> tuple[QuerySet, SQLCompiler, Compiled]:
        queryset = self.build()
        compiler = queryset.query.get_compiler(using=DEFAULT_DB_ALIAS)
        sql, params = compiler.as_sql()
        # The columns' converters too (each run asked every column for them again).
        columns = [column for column, _, _ in compiler.select[: compiler.col_count]]
        converters = compiler.get_converters(columns)
        compiler.get_converters = lambda expressions: converters
        return queryset, compiler, Compiled(sql, tuple(params), slots_of(params, self.stand_ins))

    def __call__(self, **values) -> QuerySet:
        queryset, compiler, query = self.frozen
        if any(value == [] for value in values.values()):
            return queryset.none()
        run = shallow_copy(queryset)  # copy.copy would evaluate it (QuerySet.__getstate__)
        # `_query`: the `query` setter would make a values_list give dicts.
        run._query = FrozenQuery.of(
            queryset.query, compiler, query.sql, query.params_with(**values)
        )
        return run


class FrozenQuery(Query):
    """A Query whose SQL is already written: its compiler answers with it."""

    @classmethod
    def of(cls, query: Query, compiler: SQLCompiler, sql: str, params: tuple) -> "FrozenQuery":
        frozen = shallow_copy(query, cls)
        frozen.written = (compiler, sql, params)
        return frozen

    def get_compiler(self, using=None, connection=None, elide_empty=True):
        template, sql, params = self.written
        compiler = shallow_copy(template)  # its select, klass_info and columns, as compiled
        compiler.using = using or DEFAULT_DB_ALIAS
        compiler.connection = connection or connections[compiler.using]
        compiler.as_sql = lambda *args, **kwargs: (sql, params)
        return compiler

    def chain(self, klass=None):
        raise TypeError("A Shape's queryset runs as built: change the Shape's build instead.")

    clone = chain


def shallow_copy(thing, cls=None):
    """A new object of `cls` (or the same class) sharing `thing`'s attributes."""
    copied = object.__new__(cls or type(thing))
    copied.__dict__.update(thing.__dict__)
    return copied
