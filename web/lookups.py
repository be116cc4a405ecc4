"""A database helper every app may use: `AnyOf`, a filter on a long list of ids."""

from django.db.models import Lookup


class AnyOf(Lookup):
    """`column = ANY(%s)` with the ids as one array parameter, used as an expression:
    `.filter(AnyOf(F("workout"), ids))`. An `__in` of thousands of ids costs milliseconds to
    build in Python and again to parse in PostgreSQL; one array costs neither."""

    lookup_name = "any"
    prepare_rhs = False

    def get_db_prep_lookup(self, value, connection):
        return "%s", [list(value)]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", (*lhs_params, *rhs_params)
