"""Strict parsers for the quantities an operations spec states: durations, percentages,
latencies, SLO windows and backup / health-check frequencies.

Every parser either returns a value from `model` or raises `UnitError`; nothing is guessed.
Only the standard library is used here (no MkDocs), so the rules layer and tests can use it alone.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .model import Duration, Latency, Percentage, Window


class UnitError(ValueError):
    """A value that is not understood. `str(e)` names the raw text and what was expected."""

    def __init__(self, message: str, raw: str | None = None) -> None:
        super().__init__(message)
        self.raw = raw


# --- constants -------------------------------------------------------------------------------

_ZERO = Decimal(0)
_ONE = Decimal(1)
_MILLI = Decimal("0.001")
#: Seconds per unit of time, nominal for the calendar periods (a month is 30 days, a quarter
#: 90, a year 365): the one table of unit lengths (durations, windows, monitoring files).
SECONDS: dict[str, int] = {
    "second": 1,
    "minute": 60,
    "hour": 3600,
    "day": 86400,
    "week": 7 * 86400,
    "month": 30 * 86400,
    "quarter": 90 * 86400,
    "year": 365 * 86400,
}
_MINUTE = SECONDS["minute"]
_HOUR = SECONDS["hour"]
_DAY = SECONDS["day"]
_WEEK = SECONDS["week"]
_MONTH = SECONDS["month"]
_QUARTER = SECONDS["quarter"]
_YEAR = SECONDS["year"]

_UNIT_NAMES: tuple[tuple[str, Decimal], ...] = (
    ("ms msec msecs millisecond milliseconds", _MILLI),
    ("s sec secs second seconds", _ONE),
    ("m min mins minute minutes", Decimal(_MINUTE)),
    ("h hr hrs hour hours", Decimal(_HOUR)),
    ("d day days", Decimal(_DAY)),
    ("w wk wks week weeks", Decimal(_WEEK)),
)
#: Lower-case unit name -> seconds per unit. "M" alone is rejected before the lookup.
_UNITS: dict[str, Decimal] = {name: scale for names, scale in _UNIT_NAMES for name in names.split()}
#: Units that are not a fixed length of time.
_VARIABLE_UNITS = frozenset(
    {
        "mo",
        "mos",
        "mon",
        "month",
        "months",
        "quarter",
        "quarters",
        "y",
        "yr",
        "yrs",
        "year",
        "years",
    }
)

_COMPARATOR_SYMBOLS = {"<": "<", "<=": "<=", "≤": "<=", ">": ">", ">=": ">=", "≥": ">=", "=": "="}
_COMPARATOR_WORDS = {
    "under": "<",
    "below": "<",
    "less than": "<",
    "at most": "<=",
    "within": "<=",
    "up to": "<=",
    "no more than": "<=",
    "over": ">",
    "above": ">",
    "more than": ">",
    "at least": ">=",
    "no less than": ">=",
}

_NA_WORDS = frozenset(("n/a", "na", "n.a.", "not applicable"))

# --- regular expressions (compiled once) -----------------------------------------------------

_NUM = r"(?:\d+(?:\.\d+)?|\.\d+)"
_WS = re.compile(r"\s+")
_PLACEHOLDER = re.compile(r"\[[^\]]*\]|\{\{|\b(?:TBD|TBC|TODO|XXX)\b", re.IGNORECASE)
#: Where a trailing explanation starts: "(" or a spaced dash.
# (?<!\s): a match starts only where a whitespace run starts, so long runs stay linear
_NOTE = re.compile(r"(?<!\s)\s*\(|(?<!\s)\s+[-–—]\s+")
_COMPARATOR = re.compile(
    r"(<=|>=|≤|≥|<|>|=)\s*"
    r"|(no\s+more\s+than|no\s+less\s+than|less\s+than|more\s+than|at\s+most|at\s+least|up\s+to"
    r"|under|below|over|above|within)\s+",
    re.IGNORECASE,
)
_NUMBER = re.compile(_NUM)
_FIRST_COMPONENT = re.compile(rf"({_NUM})\s*([A-Za-z]+)")
_NEXT_COMPONENT = re.compile(rf"\s*(?:and\s+)?({_NUM})\s*([A-Za-z]+)", re.IGNORECASE)
_ISO = re.compile(
    r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?"
    rf"(?:T(?:({_NUM})H)?(?:({_NUM})M)?(?:({_NUM})S)?)?",
    re.IGNORECASE,
)
_PERCENT = re.compile(rf"({_NUM})\s*(%|percent\b)", re.IGNORECASE)
_REQUESTS = r"(?:of\s+(?:all\s+)?(?:requests|calls|queries|responses))"
_SHARE_FIRST = re.compile(rf"({_NUM})\s*%\s*(?:{_REQUESTS}\s*)?", re.IGNORECASE)
_SHARE_LAST = re.compile(rf"(?<!\s)\s+for\s+({_NUM})\s*%(?:\s+{_REQUESTS})?$", re.IGNORECASE)
_QUANTILE = re.compile(r"p\d+(?:\.\d+)?\b\s*:?\s*", re.IGNORECASE)
_HYPHEN_UNIT = re.compile(r"(\d)-([A-Za-z])")
_WINDOW_TAIL = re.compile(r"\s+window$", re.IGNORECASE)
_ROLLING = re.compile(r"^rolling\s+|\s+rolling$", re.IGNORECASE)
_FREQ_SPLIT = re.compile(r"(?:(?<!\s)\s+)?[,;+]\s*")
_PARENS = re.compile(r"\([^()]*\)")
_TIMES = re.compile(
    r"(once|twice|thrice|(\d+)\s*(?:x|times))\s+(?:(?:a|an|per|each|every)\s+)?"
    r"(hourly|daily|weekly|monthly|hour|day|week|month)",
    re.IGNORECASE,
)
_EVERY = re.compile(r"(?:every|each)\s+(.+)", re.IGNORECASE)


def _fail(raw: str, detail: str) -> UnitError:
    """'"15M" <detail>': the raw text (shortened if long) followed by what is wrong."""
    shown = " ".join(raw.split())
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return UnitError(f'"{shown}" {detail}', raw)


def _unknown(raw: str, what: str) -> UnitError:
    return _fail(raw, f"is not understood; expected {what}")


def _clean(value: Decimal) -> Decimal:
    """900.0 -> 900, 0.100 -> 0.1: exact values without trailing zeros or exponents."""
    integral = value.to_integral_value()
    if value == integral:
        return integral.quantize(_ONE)
    return value.normalize()


def _split_note(text: str) -> tuple[str, str]:
    """Split '4 hours (maximum downtime)' into ('4 hours', 'maximum downtime')."""
    m = _NOTE.search(text)
    if m is None:
        return text, ""
    return text[: m.start()], text[m.end() :].rstrip(") ").strip()


def _prepare(text: str, what: str) -> tuple[str, str]:
    """Strip, reject placeholders and empty text, split off a trailing note."""
    stripped = text.strip()
    if not stripped:
        raise _fail(text, f"is empty; expected {what}")
    if _PLACEHOLDER.search(stripped):
        raise _fail(text, f"is an unfilled template placeholder; expected {what}")
    m = _NOTE.search(stripped)
    if m is None:
        return stripped, ""
    core, note = stripped[: m.start()], stripped[m.end() :].rstrip(") ").strip()
    if not core:
        raise _unknown(text, what)
    if note[:1].isdigit() and "(" not in m.group():
        raise _fail(text, f"looks like a range; expected {what}")
    return core, note


def _comparator(core: str) -> tuple[str | None, str]:
    m = _COMPARATOR.match(core)
    if m is None:
        return None, core
    if m.group(1):
        op = _COMPARATOR_SYMBOLS[m.group(1)]
    else:
        op = _COMPARATOR_WORDS[_WS.sub(" ", m.group(2).lower())]
    return op, core[m.end() :]


def _amount(body: str, raw: str, what: str) -> Decimal:
    """Seconds in '15 minutes', '1h30m', '2 hours and 30 minutes', '100ms' or 'PT15M'."""
    if body[:1] in ("-", "−", "–"):
        raise _fail(raw, f"is negative; expected {what}")
    m = _FIRST_COMPONENT.fullmatch(body)
    if m is not None:  # one number and one unit
        return _clean(Decimal(m.group(1)) * _unit(m.group(2), raw))
    if body[:1] in ("P", "p"):
        return _iso(body, raw, what)
    if _NUMBER.fullmatch(body):
        raise _fail(raw, f"is missing a time unit (ms, s, min, h, d); expected {what}")
    m = _FIRST_COMPONENT.match(body)
    if m is None:
        raise _unknown(raw, what)
    total = Decimal(m.group(1)) * (last := _unit(m.group(2), raw))
    pos, end = m.end(), len(body)
    while pos < end:
        m = _NEXT_COMPONENT.match(body, pos)
        if m is None:
            raise _unknown(raw, what)
        scale = _unit(m.group(2), raw)
        if scale >= last:
            raise _fail(raw, f"has units repeated or out of order; expected {what}")
        total += Decimal(m.group(1)) * scale
        last, pos = scale, m.end()
    return _clean(total)


def _unit(name: str, raw: str) -> Decimal:
    if name == "M":
        raise _fail(raw, 'is ambiguous: "M" could be minutes or months; write "min" for minutes')
    key = name.lower()
    scale = _UNITS.get(key)
    if scale is not None:
        return scale
    if key in _VARIABLE_UNITS:
        raise _fail(raw, f'uses "{name}", which is not a fixed length of time; use days or weeks')
    raise _fail(raw, f'has an unknown time unit "{name}"; expected ms, s, min, h, d or w')


def _iso(body: str, raw: str, what: str) -> Decimal:
    m = _ISO.fullmatch(body)
    if m is None or not any(m.groups()) or body.upper().endswith("T"):
        raise _unknown(raw, what)
    years, months, weeks, days, hours, minutes, seconds = m.groups()
    if years or months:
        raise _fail(raw, "uses ISO-8601 months or years, which are not a fixed length; use days")
    total = _ZERO
    for value, scale in (
        (weeks, _WEEK),
        (days, _DAY),
        (hours, _HOUR),
        (minutes, _MINUTE),
        (seconds, 1),
    ):
        if value:
            total += Decimal(value) * scale
    return _clean(total)


# --- durations ------------------------------------------------------------------------------


def parse_duration(text: str, *, allow_na: bool = True) -> Duration:
    """Parse an RTO/RPO-style duration: '4 hours', '< 15 min', 'PT1H30M', '0 (no data loss)'.

    'N/A', 'not applicable' and 'None (stateless)' give `not_applicable=True` when `allow_na`.
    """
    what = "a duration such as '15 minutes', '< 4 hours' or 'PT1H'"
    core, note = _prepare(text, what)
    lower = core.lower()
    if lower in _NA_WORDS:
        return _na(text, allow_na, what)
    if lower in ("0", "zero"):
        return Duration(text, _ZERO)
    if lower == "none":
        note = note.lower()
        if "loss" in note:
            return Duration(text, _ZERO)
        if "stateless" in note or note in _NA_WORDS:
            return _na(text, allow_na, what)
        raise _fail(text, 'is ambiguous; write "0 (no data loss)" or "N/A"')
    if lower in ("immediate", "immediately", "instant", "instantly"):
        raise _fail(text, f"is not a measurable duration; expected {what}")
    op, body = _comparator(core)
    if not body:
        raise _unknown(text, what)
    if op is None and _NUMBER.fullmatch(body) and Decimal(body) == 0:
        return Duration(text, _ZERO)
    return Duration(text, _amount(body, text, what), op)


def _na(text: str, allow_na: bool, what: str) -> Duration:
    if not allow_na:
        raise _fail(text, f"is N/A, which is not allowed here; expected {what}")
    return Duration(text, None, None, True)


# --- percentages ----------------------------------------------------------------------------


def parse_percentage(text: str) -> Percentage:
    """Parse '99.95%', '> 99.9%', '≥ 99.9 %', '< 0.1%' or '99.9 percent'."""
    what = "a percentage such as '99.9%'"
    core, _ = _prepare(text, what)
    op, body = _comparator(core)
    m = _PERCENT.fullmatch(body)
    if m is None:
        if _NUMBER.fullmatch(body):
            raise _fail(text, f"is missing the % sign; expected {what}")
        raise _unknown(text, what)
    value = Decimal(m.group(1))
    if value > 100:
        raise _fail(text, f"is more than 100%; expected {what}")
    return Percentage(text, value, op)


# --- latency --------------------------------------------------------------------------------


def parse_latency(text: str) -> Latency:
    """Parse '< 300ms', 'p99 < 300ms', '95% of requests < 300ms', '< 300ms for 95% of requests'."""
    what = "a latency such as '< 300ms' or '95% of requests < 300ms'"
    core, _ = _prepare(text, what)
    share: str | None = None
    m = _SHARE_FIRST.match(core)
    if m is not None:
        share, core = m.group(1), core[m.end() :]
    else:
        m = _SHARE_LAST.search(core)
        if m is not None:
            share, core = m.group(1), core[: m.start()]
        m = _QUANTILE.match(core)
        if m is not None:
            core = core[m.end() :]
    op, body = _comparator(core)
    if not body:
        raise _unknown(text, what)
    seconds = _amount(body, text, what)
    if share is None:
        return Latency(text, seconds, op)
    value = Decimal(share)
    if not 0 < value <= 100:
        raise _fail(text, f"has a share of requests outside 0-100%; expected {what}")
    return Latency(text, seconds, op, value)


# --- windows --------------------------------------------------------------------------------

#: The calendar periods a window may be aligned to.
_PERIODS: dict[str, int] = {p: SECONDS[p] for p in ("day", "week", "month", "quarter", "year")}
_ADJECTIVES: dict[str, str] = {
    "daily": "day",
    "weekly": "week",
    "monthly": "month",
    "quarterly": "quarter",
    "yearly": "year",
    "annually": "year",
    "annual": "year",
}


def _calendar_forms() -> dict[str, str]:
    forms: dict[str, str] = dict(_ADJECTIVES)
    for period in _PERIODS:
        for prefix in ("", "per ", "each ", "calendar ", "per calendar ", "each calendar "):
            forms[prefix + period] = period
    for period in ("month", "quarter", "year"):  # not a fixed length: "1 month" is calendar
        forms["1 " + period] = period
        forms["one " + period] = period
    forms["30 day month"] = "month"
    return forms


_CALENDAR = _calendar_forms()


def parse_window(text: str) -> Window:
    """Parse an SLO window: '30 days', 'rolling 28 days', '28-day rolling', 'calendar month'.

    Calendar periods get `calendar` set and a nominal length (month 30 d, quarter 90 d, year 365 d).
    """
    what = "a window such as '30 days', 'rolling 28 days' or 'calendar month'"
    core, note = _prepare(text, what)
    body = _WINDOW_TAIL.sub("", _WS.sub(" ", core))
    rolling = note.lower() in ("rolling", "rolling window")
    m = _ROLLING.search(body)
    if m is not None:
        body, rolling = body[: m.start()] + body[m.end() :], True
    key = _WS.sub(" ", body.lower().replace("-", " ")).strip()
    calendar = _CALENDAR.get(key)
    if calendar is not None:
        if rolling:
            raise _fail(text, f"is a rolling calendar period; expected {what}")
        return Window(text, _PERIODS[calendar], calendar)
    if _COMPARATOR.match(body):
        raise _fail(text, f"has a comparator, which a window cannot have; expected {what}")
    seconds = _amount(_HYPHEN_UNIT.sub(r"\1 \2", body), text, what)
    if seconds <= 0:
        raise _fail(text, f"is not a positive length; expected {what}")
    if seconds != seconds.to_integral_value():
        raise _fail(text, f"is not a whole number of seconds; expected {what}")
    return Window(text, int(seconds), None, rolling)


# --- frequencies ----------------------------------------------------------------------------

_FREQ_WORDS: dict[str, int] = {
    "hourly": _HOUR,
    "daily": _DAY,
    "nightly": _DAY,
    "weekly": _WEEK,
    "fortnightly": 2 * _WEEK,
    "monthly": _MONTH,
    "quarterly": _QUARTER,
    "yearly": _YEAR,
    "annually": _YEAR,
    "continuous": 0,
    "continuously": 0,
    "real time": 0,
    "real-time": 0,
    "realtime": 0,
}
_EVERY_WORDS: dict[str, int] = {
    "second": 1,
    "minute": _MINUTE,
    "hour": _HOUR,
    "day": _DAY,
    "night": _DAY,
    "week": _WEEK,
    "month": _MONTH,
    "quarter": _QUARTER,
    "year": _YEAR,
}
_TIMES_PERIOD: dict[str, int] = {
    "hourly": _HOUR,
    "hour": _HOUR,
    "daily": _DAY,
    "day": _DAY,
    "weekly": _WEEK,
    "week": _WEEK,
    "monthly": _MONTH,
    "month": _MONTH,
}
_TIMES_COUNT = {"once": 1, "twice": 2, "thrice": 3}
_QUALIFIER = re.compile(r"[a-z][a-z-]*")
#: Words that may not trail a frequency as a mere qualifier: they could change the interval.
_NOT_QUALIFIERS = frozenset(
    set(_UNITS)
    | _VARIABLE_UNITS
    | set(_FREQ_WORDS)
    | set(_EVERY_WORDS)
    | {word + "s" for word in _EVERY_WORDS}
    | set(_TIMES_PERIOD)
    | set(_TIMES_COUNT)
    | {"every", "each", "times", "x", "real", "time", "or", "and", "plus", "then", "otherwise"}
    | {"to", "until", "unless", "if", "when", "whenever", "during", "between", "except"}
    | {"on", "upon", "as", "after", "before", "per", "demand", "request", "manual", "manually"}
    | {"change", "changes", "ad-hoc", "adhoc", "needed", "required", "triggered"}
)


def parse_frequency(text: str) -> Duration:
    """Parse a backup or health-check frequency into the shortest interval it states.

    'Daily' -> 86400 s, 'every 6 hours' -> 21600 s, 'twice daily' -> 43200 s,
    'Daily (full), hourly (incremental)' -> 3600 s, 'Continuous' -> 0 s, 'N/A' -> not_applicable.
    """
    what = "a fixed interval such as 'Daily', 'Hourly' or 'every 30 seconds'"
    core, _ = _prepare(text, what)
    if core.lower() in _NA_WORDS:
        return Duration(text, None, None, True)
    parts = _FREQ_SPLIT.split(_PARENS.sub(" ", text.strip()))
    shortest: Decimal | None = None
    for part in parts:
        seconds = _interval(part, text, what)
        if shortest is None or seconds < shortest:
            shortest = seconds
    if shortest is None:  # pragma: no cover - split always yields one part
        raise _unknown(text, what)
    return Duration(text, shortest)


def _interval(part: str, raw: str, what: str) -> Decimal:
    """One comma-separated part of a frequency, e.g. 'hourly' or 'every 15 minutes'.

    A frequency phrase may be followed by plain qualifier words naming the kind of backup
    ('Hourly incremental', 'daily full snapshot'); qualifiers that carry a number, a time word,
    a connective or a trigger ('daily or hourly', 'daily on demand') are not ignored.
    """
    core, _ = _split_note(part.strip())
    core = _WS.sub(" ", core).strip()
    if not core:
        raise _unknown(raw, what)
    try:
        return _phrase(core, raw, what, bare=True)
    except UnitError as exc:
        # keep the message, not the exception: its traceback and context hold this frame,
        # and a frame that holds them back is a cycle that outlives every parse
        error = (str(exc), exc.raw)
    words = core.split(" ")
    for k in range(len(words) - 1, 0, -1):
        word = words[k].lower()
        if not _QUALIFIER.fullmatch(word) or word in _NOT_QUALIFIERS:
            break
        try:
            return _phrase(" ".join(words[:k]), raw, what, bare=False)
        except UnitError:
            continue
    raise UnitError(*error)


def _phrase(core: str, raw: str, what: str, *, bare: bool) -> Decimal:
    """'Daily', 'twice daily', 'every 6 hours'; with `bare` also a plain duration ('30s')."""
    fixed = _FREQ_WORDS.get(core.lower())
    if fixed is not None:
        return Decimal(fixed)
    m = _TIMES.fullmatch(core)
    if m is not None:
        count = _TIMES_COUNT[m.group(1).lower()] if m.group(2) is None else int(m.group(2))
        if count <= 0:
            raise _fail(raw, f"is not a fixed interval; expected {what}")
        return _clean(Decimal(_TIMES_PERIOD[m.group(3).lower()]) / count)
    m = _EVERY.fullmatch(core)
    if m is not None:
        core = m.group(1)
        fixed = _EVERY_WORDS.get(core.lower())
        if fixed is not None:
            return Decimal(fixed)
    elif not bare:
        raise _fail(raw, f"is not a fixed interval; expected {what}")
    try:
        seconds = _amount(core, raw, what)
    except UnitError:
        if core[:1].isdigit():  # a number with a bad unit: keep the specific message
            raise
        raise _fail(raw, f"is not a fixed interval; expected {what}") from None
    if seconds <= 0:
        raise _fail(raw, f"is not a positive interval; expected {what}")
    return seconds


# --- formatting -----------------------------------------------------------------------------


def _plain(value: Decimal) -> str:
    s = format(value, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


def format_duration(seconds: Decimal | int) -> str:
    """A short human form: 2592 -> '43m 12s', 90061 -> '1d 1h 1m 1s', 0.25 -> '250ms'.

    Below a minute, fractions are kept to the millisecond ('14.4s'); from a minute up the value
    is rounded to whole seconds (half up) and shown in days, hours, minutes and seconds.
    """
    try:
        value = seconds if isinstance(seconds, Decimal) else Decimal(str(seconds))
    except InvalidOperation:
        raise ValueError(f"not a number of seconds: {seconds!r}") from None
    if not value.is_finite():
        raise ValueError(f"not a finite number of seconds: {seconds!r}")
    if value < 0:
        return "-" + format_duration(-value)
    if value == 0:
        return "0s"
    if value < 1:
        ms = (value * 1000).quantize(_MILLI, ROUND_HALF_UP)
        if ms < 1000:
            return _plain(ms) + "ms"
        value = _ONE
    if value < 60:
        secs = value.quantize(_MILLI, ROUND_HALF_UP)
        if secs < 60:
            return _plain(secs) + "s"
    total = int(value.quantize(_ONE, ROUND_HALF_UP))
    days, rest = divmod(total, _DAY)
    hours, rest = divmod(rest, _HOUR)
    minutes, secs_int = divmod(rest, _MINUTE)
    parts = [
        f"{n}{unit}"
        for n, unit in ((days, "d"), (hours, "h"), (minutes, "m"), (secs_int, "s"))
        if n
    ]
    return " ".join(parts)
