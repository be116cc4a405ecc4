"""What every app shares, below all of them: answering htmx (`htmx`), reading typed ids and
dates (`params`), queries compiled once per process (`compiled`) and the `AnyOf` lookup
(`lookups`). It imports no app; `hamstrings/` keeps the project's settings and URLs."""
