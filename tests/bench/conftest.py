# The benchmark is run by hand (tests/bench/run.py), never by pytest: collect nothing here.
collect_ignore_glob = ["*.py"]
