"""Database helpers every app may use: `AnyOf`, a filter on a long list of ids, and `Ids`, a
list of ids sent to PostgreSQL as one binary array."""

from django.db.backends.signals import connection_created
from django.db.models import Lookup
from psycopg.types.array import ListBinaryDumper


class Ids(list):
    """Ids bound as a binary array. psycopg writes a list of numbers as an array's text, in
    Python (about 0.7 us an id: 1.7 ms for the board's 2,400 workouts); binary is a third of
    that. Registered on each new connection (a list of anything else stays text)."""


def bind_ids_binary(sender, connection, **kwargs) -> None:
    if connection.vendor == "postgresql":
        connection.connection.adapters.register_dumper(Ids, ListBinaryDumper)


connection_created.connect(bind_ids_binary)


class AnyOf(Lookup):
    """`column = ANY(%s)` with the ids as one array parameter, used as an expression:
    `.filter(AnyOf(F("workout"), ids))`. An `__in` of thousands of ids costs milliseconds to
    build in Python and again to parse in PostgreSQL; one array costs neither."""

    lookup_name = "any"
    prepare_rhs = False

    def get_db_prep_lookup(self, value, connection):
        return "%s", [Ids(value)]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", (*lhs_params, *rhs_params)
