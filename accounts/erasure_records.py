"""An erased person's records in the apps above accounts, found from the model registry:
accounts cannot import those apps, and a model added later is found without a change here.

- **Training records** are rows with a key named `athlete` to the user model (a workout log, a
  check-in, a flag, a message of their thread, a strength test, an assignment...) and every row
  that hangs from those by a key (a set from its log, a band change from its track), followed
  back from child to parent until nothing new is found. Other keys to the user name who did
  something (`assigned_by`, `author`, `entered_by`, `cleared_by`...): they are not followed, so a
  coach's erasure leaves their athletes' records alone.
- **Own records** are rows with a key named `user` (a calendar feed, the bands they own): they
  go in every case.

Their erasure either keeps the training rows with no words left in them (`records_anonymise`),
or deletes them, children first, in the order PROTECT allows (`records_delete`).
"""

import functools
import graphlib
from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q

# What takes the place of words erased from a kept row. One word, not an empty string: a
# message's body and a clearance's note may not be empty (logbook_message_body_length,
# logbook_painpause_cleared_with_note), and a page shows that something was written there.
ERASED = "(erased)"
# The key naming whom a training record is about, in every app.
SUBJECT_KEY = "athlete"
# The key of a person's own record in the apps above accounts.
OWN_KEY = "user"
# Text fields holding the app's own codes, not words: a band change's action (start, up, set).
CODES = frozenset({"action"})
# The keys under which the app's JSON keeps words: the engine's reasons and a coach's note on
# an exercise left out for the athlete (`programs.overrides`), which a session begun without
# it copies into its doses.
JSON_WORDS = frozenset({"note", "reason"})


@dataclass(frozen=True)
class Kind:
    """A model holding a person's records, and the lookups from its rows to the person."""

    model: type[models.Model]
    lookups: tuple[str, ...]

    def rows(self, user) -> models.QuerySet:
        """The person's rows (one subquery, so an update or delete meets each row once)."""
        matches = Q()
        for lookup in self.lookups:
            matches |= Q(**{lookup: user})
        manager = self.model._base_manager
        return manager.filter(pk__in=manager.filter(matches).values("pk"))


def models_above_accounts() -> list[type[models.Model]]:
    """The models of every app but accounts and Django's own (the admin's log, sessions)."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label != "accounts"
        and not model._meta.app_config.name.startswith("django.")
    ]


def keys_of(model: type[models.Model]) -> list[models.Field]:
    return [
        field
        for field in model._meta.concrete_fields
        if field.is_relation and (field.many_to_one or field.one_to_one)
    ]


def keys_to_user(model: type[models.Model]) -> list[models.Field]:
    return [field for field in keys_of(model) if field.related_model is get_user_model()]


@functools.cache
def own_records() -> tuple[Kind, ...]:
    return tuple(
        Kind(model, (OWN_KEY,))
        for model in models_above_accounts()
        if any(field.name == OWN_KEY for field in keys_to_user(model))
    )


@functools.cache
def training_records() -> tuple[Kind, ...]:
    """Every kind of training record, children before their parents: the order to delete
    them in. A path never passes a model twice, so a key of a model to itself ends there."""
    scope = models_above_accounts()
    children = defaultdict(list)  # parent model -> (child model, key) pointing at it
    for model in scope:
        for field in keys_of(model):
            children[field.related_model].append((model, field.name))
    lookups = defaultdict(set)

    def follow(model, lookup: str, seen: frozenset) -> None:
        lookups[model].add(lookup)
        for child, key in children[model]:
            if child not in seen:
                follow(child, f"{key}__{lookup}", seen | {child})

    for model in scope:
        if any(field.name == SUBJECT_KEY for field in keys_to_user(model)):
            follow(model, SUBJECT_KEY, frozenset({model}))
    order = graphlib.TopologicalSorter(
        {
            parent: {child for child, _ in children[parent] if child in lookups and child != parent}
            for parent in lookups
        }
    )
    return tuple(Kind(model, tuple(sorted(lookups[model]))) for model in order.static_order())


def words_of(model: type[models.Model]) -> list[str]:
    """The fields where a person may have written something: text that is not a choice and
    not one of the app's codes."""
    return [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and not field.choices
        and field.name not in CODES
    ]


def json_of(model: type[models.Model]) -> list[str]:
    return [
        field.name for field in model._meta.concrete_fields if isinstance(field, models.JSONField)
    ]


def json_words_erased(value):
    """The JSON value with every string under a key of `JSON_WORDS` erased."""
    if isinstance(value, dict):
        return {
            key: ERASED
            if key in JSON_WORDS and isinstance(item, str) and item
            else json_words_erased(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [json_words_erased(item) for item in value]
    return value


def records_anonymise(user) -> None:
    """The person's training rows stay, with nothing a person wrote in them: every note,
    comment, message body and reason, whoever wrote it, becomes `ERASED` (an empty one stays
    empty). The numbers, dates, choices and keys stay."""
    for kind in training_records():
        rows = kind.rows(user)
        for name in words_of(kind.model):
            rows.exclude(**{name: ""}).update(**{name: ERASED})
        if fields := json_of(kind.model):
            for pk, *values in rows.values_list("pk", *fields):
                erased = {
                    name: json_words_erased(value)
                    for name, value in zip(fields, values, strict=True)
                }
                if list(erased.values()) != values:
                    kind.model._base_manager.filter(pk=pk).update(**erased)


def records_delete(user) -> None:
    """The person's training rows go, children first: by then nothing of theirs protects a
    parent (PROTECT), and a row of someone else that points at one still refuses it
    (ProtectedError), which undoes the erasure's transaction."""
    for kind in training_records():
        kind.rows(user).delete()


def own_records_delete(user) -> None:
    for kind in own_records():
        kind.rows(user).delete()
