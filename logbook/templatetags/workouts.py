from django import template

from logbook.links import occurrence_query

register = template.Library()

register.filter("occurrence_query", occurrence_query)
