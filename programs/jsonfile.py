"""JSON that remembers where each value stands, and a reader of its objects that notes each
problem with its line: so a file refused can say "Line 42: week 3, ...: unknown key". Standard
library only."""

import json
from bisect import bisect_right
from json.decoder import JSONArray, JSONObject
from json.scanner import py_make_scanner


class Located(dict):
    line: int | None = None
    lines: dict
    repeated: tuple[str, int] | None = None  # a key given twice, and the line of the repeat


class LocatedList(list):
    line: int | None = None
    lines: list


def loads_with_lines(text: str):
    """json.loads, with `.line` and `.lines` on every object and array."""
    return _LocatingDecoder(text).decode(text)


class _LocatingDecoder(json.JSONDecoder):
    """The standard decoder with its pure-Python scanner, told to note where values start."""

    def __init__(self, text: str):
        super().__init__()
        newlines = [index for index, char in enumerate(text) if char == "\n"]

        def line_of(index: int) -> int:
            return bisect_right(newlines, index - 1) + 1

        def parse_object(s_and_end, strict, scan_once, object_hook, pairs_hook, memo=None):
            starts = []

            def scan_value(string, index):
                starts.append(index)
                return scan_once(string, index)

            def located(pairs):
                obj = Located()
                obj.line, obj.lines = line_of(s_and_end[1] - 1), {}
                for (key, value), start in zip(pairs, starts, strict=True):
                    if key in obj:  # the first one stands; the repeat is the mistake
                        obj.repeated = obj.repeated or (key, line_of(start))
                        continue
                    obj[key], obj.lines[key] = value, line_of(start)
                return obj

            return JSONObject(s_and_end, strict, scan_value, object_hook, located, memo)

        def parse_array(s_and_end, scan_once):
            starts = []

            def scan_value(string, index):
                starts.append(index)
                return scan_once(string, index)

            values, end = JSONArray(s_and_end, scan_value)
            array = LocatedList(values)
            array.line, array.lines = line_of(s_and_end[1] - 1), [line_of(s) for s in starts]
            return array, end

        self.parse_object, self.parse_array = parse_object, parse_array
        self.scan_once = py_make_scanner(self)


class Problems(list):
    def add(self, line: int | None, where: str, text: str) -> None:
        prefix = f"Line {line}: " if line else ""
        self.append(
            f"{prefix}{where}: {text}." if where else f"{prefix}{text[0].upper()}{text[1:]}."
        )


MISSING = object()


class Fields:
    """Reads one object of the file field by field, noting each problem at its line."""

    def __init__(self, obj, where: str, problems: Problems, known: set[str], line=None):
        self.obj = obj if isinstance(obj, dict) else {}
        self.where, self.problems = where, problems
        self.lines = getattr(obj, "lines", {})
        self.line = getattr(obj, "line", None) or line
        if not isinstance(obj, dict):
            self.fail(None, "should be an object {...}")
            return
        if getattr(obj, "repeated", None):
            key, repeat_line = obj.repeated
            problems.add(repeat_line, where, f"{show(key)} is given twice")
        for key in obj:
            if key not in known:
                self.fail(key, f"unknown key {show(key)}")

    def fail(self, key: str | None, text: str) -> None:
        self.problems.add(self.lines.get(key, self.line), self.where, text)

    def get(self, key: str, default=MISSING):
        value = self.obj.get(key, default)
        if value is MISSING:
            self.fail(None, f"'{key}' is missing")
        return value

    def integer(self, key: str, low: int, high: int, default=MISSING, *, null=False):
        value = self.get(key, default)
        if value is MISSING or (value is None and null):
            return None
        if type(value) is not int or not low <= value <= high:  # True is an int: not here
            self.fail(
                key, f"{key} should be a whole number from {low} to {high}, not {show(value)}"
            )
            return None
        return value

    def text(self, key: str, max_length: int, default=MISSING, *, required=False) -> str:
        value = self.get(key, default)
        if value is MISSING:
            return ""
        if not isinstance(value, str) or "\x00" in value or has_surrogate(value):
            self.fail(key, f"{key} should be text, not {show(value)}")
            return ""
        if len(value) > max_length:
            self.fail(key, f"{key} is longer than {max_length} characters")
        elif required and not value.strip():
            self.fail(key, f"{key} is empty")
        return value

    def boolean(self, key: str, default=False) -> bool:
        value = self.get(key, default)
        if value is not MISSING and not isinstance(value, bool):
            self.fail(key, f"{key} should be true or false, not {show(value)}")
        return value is True

    def items(self, key: str, noun: str) -> list:
        value = self.get(key, [])
        if not isinstance(value, list):
            self.fail(key, f"{key} should be a list [...] of {noun}")
            return []
        return value


def show(value) -> str:
    """A value as a message quotes it: 'nordic-curlz', 25, null, [...]."""
    if isinstance(value, str) and "\x00" not in value and not has_surrogate(value):
        text = f"'{value}'"
    else:  # escaped, so the message itself prints and stores
        text = json.dumps(value)
    return text if len(text) <= 40 else text[:37] + "..."


def has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def each(items: list, where: str):
    """(where, item, line) for each item of a list of objects: 'week 2', {...}, 14."""
    lines = getattr(items, "lines", None) or [None] * len(items)
    for index, (item, line) in enumerate(zip(items, lines, strict=True), start=1):
        yield f"{where} {index}", item, line
