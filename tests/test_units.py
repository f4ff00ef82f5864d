"""Tests for mkdocs_opsspec.units. Every expected value is written out by hand from the rules."""

from __future__ import annotations

from decimal import Decimal

import pytest

from mkdocs_opsspec.model import Duration, Latency, Percentage, Window
from mkdocs_opsspec.units import (
    UnitError,
    format_duration,
    parse_duration,
    parse_frequency,
    parse_latency,
    parse_percentage,
    parse_window,
)

D = Decimal

# --- durations --------------------------------------------------------------------------------

# (text, seconds, comparator)
DURATIONS: list[tuple[str, Decimal, str | None]] = [
    ("15 minutes", D(900), None),
    ("15 minute", D(900), None),
    ("15 min", D(900), None),
    ("15 mins", D(900), None),
    ("15m", D(900), None),
    ("15 Minutes", D(900), None),
    ("100ms", D("0.1"), None),
    ("100 ms", D("0.1"), None),
    ("250 msec", D("0.25"), None),
    ("5 milliseconds", D("0.005"), None),
    ("1 millisecond", D("0.001"), None),
    ("30s", D(30), None),
    ("30 sec", D(30), None),
    ("30 secs", D(30), None),
    ("1 second", D(1), None),
    ("30 seconds", D(30), None),
    ("4h", D(14400), None),
    ("4H", D(14400), None),
    ("4 hr", D(14400), None),
    ("4 hrs", D(14400), None),
    ("1 hour", D(3600), None),
    ("4 hours", D(14400), None),
    ("1.5 hours", D(5400), None),
    ("0.5h", D(1800), None),
    (".5 h", D(1800), None),
    ("2.5s", D("2.5"), None),
    ("1d", D(86400), None),
    ("1 day", D(86400), None),
    ("3 days", D(259200), None),
    ("1w", D(604800), None),
    ("1 wk", D(604800), None),
    ("1 week", D(604800), None),
    ("2 weeks", D(1209600), None),
    # compound
    ("1h30m", D(5400), None),
    ("1h 30m", D(5400), None),
    ("1hr30min", D(5400), None),
    ("2 hours 30 minutes", D(9000), None),
    ("2 hours and 30 minutes", D(9000), None),
    ("1d 1h 1m 1s", D(90061), None),
    ("1m 30s", D(90), None),
    ("1s 500ms", D("1.5"), None),
    # ISO-8601
    ("PT15M", D(900), None),
    ("PT1H30M", D(5400), None),
    ("P1D", D(86400), None),
    ("PT30S", D(30), None),
    ("PT0.5S", D("0.5"), None),
    ("P1W", D(604800), None),
    ("P1DT12H", D(129600), None),
    ("pt15m", D(900), None),
    # comparators, symbols
    ("< 1 hour", D(3600), "<"),
    ("<1 hour", D(3600), "<"),
    ("<100ms", D("0.1"), "<"),
    ("< 100 ms", D("0.1"), "<"),
    ("<= 15 minutes", D(900), "<="),
    ("<=15m", D(900), "<="),
    ("≤ 4 hours", D(14400), "<="),
    ("≤4h", D(14400), "<="),
    ("> 5 minutes", D(300), ">"),
    (">= 1 day", D(86400), ">="),
    ("≥ 1 day", D(86400), ">="),
    ("= 30s", D(30), "="),
    ("< PT15M", D(900), "<"),
    # comparators, words
    ("under 1 hour", D(3600), "<"),
    ("Under 1 hour", D(3600), "<"),
    ("below 5 minutes", D(300), "<"),
    ("less than 15 minutes", D(900), "<"),
    ("Less Than 15 minutes", D(900), "<"),
    ("at most 4 hours", D(14400), "<="),
    ("within 15 minutes", D(900), "<="),
    ("Within 1h", D(3600), "<="),
    ("up to 2 hours", D(7200), "<="),
    ("no more than 2 hours", D(7200), "<="),
    ("over 1 minute", D(60), ">"),
    ("above 1 minute", D(60), ">"),
    ("more than 1 minute", D(60), ">"),
    ("at least 30 seconds", D(30), ">="),
    ("no less than 30 seconds", D(30), ">="),
    # zero
    ("0", D(0), None),
    ("0 (no data loss)", D(0), None),
    ("Zero", D(0), None),
    ("zero (no data loss)", D(0), None),
    ("none (no data loss)", D(0), None),
    ("None - no data loss", D(0), None),
    ("0s", D(0), None),
    ("0 minutes", D(0), None),
    ("0.0", D(0), None),
    # trailing explanations are ignored
    ("4 hours (maximum downtime)", D(14400), None),
    ("4 hours(maximum downtime)", D(14400), None),
    ("4 hours - maximum downtime", D(14400), None),
    ("4 hours – maximum downtime", D(14400), None),
    ("< 1 hour (business hours)", D(3600), "<"),
    ("15 minutes (last backup)", D(900), None),
    ("  15 minutes  ", D(900), None),
    ("15\u00a0minutes", D(900), None),
]


@pytest.mark.parametrize(("text", "seconds", "comparator"), DURATIONS)
def test_parse_duration(text: str, seconds: Decimal, comparator: str | None) -> None:
    result = parse_duration(text)
    assert result == Duration(raw=text, seconds=seconds, comparator=comparator)
    assert isinstance(result.seconds, Decimal)


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("15 minutes", "900"),
        ("100ms", "0.1"),
        ("1.5 hours", "5400"),
        ("2.5s", "2.5"),
        ("PT1H30M", "5400"),
    ],
)
def test_parse_duration_is_exact(text: str, digits: str) -> None:
    """Seconds are exact Decimals written without trailing zeros or exponents."""
    seconds = parse_duration(text).seconds
    assert seconds is not None
    assert str(seconds) == digits


NOT_APPLICABLE = [
    "N/A",
    "n/a",
    "NA",
    "na",
    "not applicable",
    "Not Applicable",
    "None (stateless)",
    "none (stateless service)",
    "N/A (stateless)",
    "N/A - read-only service",
]


@pytest.mark.parametrize("text", NOT_APPLICABLE)
def test_parse_duration_not_applicable(text: str) -> None:
    assert parse_duration(text) == Duration(
        raw=text, seconds=None, comparator=None, not_applicable=True
    )


@pytest.mark.parametrize("text", NOT_APPLICABLE)
def test_parse_duration_not_applicable_refused(text: str) -> None:
    with pytest.raises(UnitError, match="N/A"):
        parse_duration(text, allow_na=False)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "15",  # no unit
        "4",
        "< 15",
        "15M",  # minutes or months?
        "15 M",
        "1h 30M",
        "PT15M15M",
        "P1M",  # ISO months
        "P1Y",
        "P1Y2M",
        "P",
        "PT",
        "P1DT",
        "[time]",
        "[X]",
        "[X] minutes",
        "< [X] hours",
        "TBD",
        "-5 minutes",
        "- 5 minutes",
        "−5 minutes",
        "< -5 minutes",
        "Immediate",
        "immediately",
        "None",  # ambiguous: no data loss, or not applicable?
        "none (see below)",
        "1 month",
        "3 months",
        "1 year",
        "2 yrs",
        "15 parsecs",
        "fifteen minutes",
        "an hour",
        "1:30",
        "1-2 hours",
        "1h - 2h",
        "4 to 8 hours",
        "1,000 ms",
        "30m 1h",  # out of order
        "1h 1h",  # repeated
        "1h and",
        "and 1h",
        "4 hours maximum",
        "~4 hours",
        "approx. 4 hours",
        "<",
        "< N/A",
        "< 0",
        "(4 hours)",
        "15 minutes per incident",
        "99.9%",
    ],
)
def test_parse_duration_errors(text: str) -> None:
    with pytest.raises(UnitError):
        parse_duration(text)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "empty"),
        ("15", "unit"),
        ("15M", "ambiguous"),
        ("P1M", "months"),
        ("[time]", "placeholder"),
        ("-5 minutes", "negative"),
        ("None", "ambiguous"),
        ("Immediate", "not a measurable duration"),
        ("1 month", "not a fixed length"),
        ("15 parsecs", "parsecs"),
        ("30m 1h", "order"),
        ("1h - 2h", "range"),
    ],
)
def test_parse_duration_error_messages(text: str, fragment: str) -> None:
    with pytest.raises(UnitError) as info:
        parse_duration(text)
    message = str(info.value)
    assert fragment in message
    assert f'"{text}"' in message  # names the raw text
    assert "expected" in message or "write" in message or "use" in message
    assert info.value.raw == text


def test_unit_error_is_value_error() -> None:
    assert issubclass(UnitError, ValueError)


def test_unit_error_message_shortens_long_text() -> None:
    text = "about " + "very " * 30 + "long"
    with pytest.raises(UnitError) as info:
        parse_duration(text)
    assert len(str(info.value)) < 200
    assert info.value.raw == text


# --- percentages ------------------------------------------------------------------------------

PERCENTAGES: list[tuple[str, Decimal, str | None]] = [
    ("99.95%", D("99.95"), None),
    ("99.9%", D("99.9"), None),
    ("100%", D(100), None),
    ("0%", D(0), None),
    ("> 99.9%", D("99.9"), ">"),
    (">99.9%", D("99.9"), ">"),
    ("≥ 99.9 %", D("99.9"), ">="),
    (">= 99.9%", D("99.9"), ">="),
    ("< 0.1%", D("0.1"), "<"),
    ("<= 1%", D(1), "<="),
    ("≤ 0.5%", D("0.5"), "<="),
    ("99.9 percent", D("99.9"), None),
    ("99.9 Percent", D("99.9"), None),
    ("99.9percent", D("99.9"), None),
    ("at least 99.9%", D("99.9"), ">="),
    ("below 1%", D(1), "<"),
    ("99.9% (three nines)", D("99.9"), None),
    (" 99.9% ", D("99.9"), None),
]


@pytest.mark.parametrize(("text", "value", "comparator"), PERCENTAGES)
def test_parse_percentage(text: str, value: Decimal, comparator: str | None) -> None:
    assert parse_percentage(text) == Percentage(raw=text, value=value, comparator=comparator)


def test_parse_percentage_keeps_digits() -> None:
    assert str(parse_percentage("99.95%").value) == "99.95"
    assert str(parse_percentage("99.90%").value) == "99.90"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "99.9",
        "> 99.9",
        "%",
        "99.9%%",
        "101%",
        "-1%",
        "99,9%",
        "ninety-nine percent",
        "[X]%",
        "99.9% uptime",
        "99.9 per cent",
        "N/A",
    ],
)
def test_parse_percentage_errors(text: str) -> None:
    with pytest.raises(UnitError):
        parse_percentage(text)


def test_parse_percentage_missing_sign_message() -> None:
    with pytest.raises(UnitError, match="%"):
        parse_percentage("99.9")


# --- latency ----------------------------------------------------------------------------------

LATENCIES: list[tuple[str, Decimal, str | None, Decimal | None]] = [
    ("< 300ms", D("0.3"), "<", None),
    ("<300ms", D("0.3"), "<", None),
    ("300 ms", D("0.3"), None, None),
    ("300ms", D("0.3"), None, None),
    ("< 0.3s", D("0.3"), "<", None),
    ("< 1s", D(1), "<", None),
    ("<= 2 seconds", D(2), "<=", None),
    ("≤ 200ms", D("0.2"), "<=", None),
    ("under 500ms", D("0.5"), "<", None),
    ("p99 < 300ms", D("0.3"), "<", None),
    ("P99 < 300ms", D("0.3"), "<", None),
    ("p99<300ms", D("0.3"), "<", None),
    ("p95: 200ms", D("0.2"), None, None),
    ("p99.9 < 1s", D(1), "<", None),
    ("95% of requests < 300ms", D("0.3"), "<", D(95)),
    ("95% < 300ms", D("0.3"), "<", D(95)),
    ("95%<300ms", D("0.3"), "<", D(95)),
    ("99.9% of requests <= 1s", D(1), "<=", D("99.9")),
    ("95% of all requests < 300ms", D("0.3"), "<", D(95)),
    ("< 300ms for 95% of requests", D("0.3"), "<", D(95)),
    ("< 300ms for 95%", D("0.3"), "<", D(95)),
    ("< 300ms (p99)", D("0.3"), "<", None),
]


@pytest.mark.parametrize(("text", "seconds", "comparator", "share"), LATENCIES)
def test_parse_latency(
    text: str, seconds: Decimal, comparator: str | None, share: Decimal | None
) -> None:
    assert parse_latency(text) == Latency(
        raw=text, seconds=seconds, comparator=comparator, share=share
    )


@pytest.mark.parametrize("text", ["< 300", "300", "95% < 300", "p99 < 300", "< 300 for 95%"])
def test_parse_latency_missing_unit(text: str) -> None:
    with pytest.raises(UnitError, match="unit"):
        parse_latency(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "fast",
        "< 300M",
        "< [X]ms",
        "< 300 parsecs",
        "150% < 300ms",
        "0% < 300ms",
        "< -300ms",
        "95% of requests",
        "N/A",
        "< 300ms for most requests",
    ],
)
def test_parse_latency_errors(text: str) -> None:
    with pytest.raises(UnitError):
        parse_latency(text)


# --- windows ----------------------------------------------------------------------------------

# (text, seconds, calendar, rolling)
WINDOWS: list[tuple[str, int, str | None, bool]] = [
    ("30 days", 2592000, None, False),
    ("24 hours", 86400, None, False),
    ("5 minutes", 300, None, False),
    ("7d", 604800, None, False),
    ("1 week", 604800, None, False),
    ("2 weeks", 1209600, None, False),
    ("1 day", 86400, None, False),
    ("1.5 hours", 5400, None, False),
    ("rolling 28 days", 2419200, None, True),
    ("Rolling 30 days", 2592000, None, True),
    ("28-day rolling", 2419200, None, True),
    ("28 days rolling", 2419200, None, True),
    ("rolling 28-day window", 2419200, None, True),
    ("28-day", 2419200, None, False),
    ("30-day window", 2592000, None, False),
    ("30 days (rolling)", 2592000, None, True),
    ("30 days (measured monthly)", 2592000, None, False),
    ("PT1H", 3600, None, False),
    ("Monthly", 2592000, "month", False),
    ("monthly", 2592000, "month", False),
    ("calendar month", 2592000, "month", False),
    ("Calendar Month", 2592000, "month", False),
    ("calendar-month", 2592000, "month", False),
    ("per calendar month", 2592000, "month", False),
    ("per month", 2592000, "month", False),
    ("month", 2592000, "month", False),
    ("1 month", 2592000, "month", False),
    ("30-day month", 2592000, "month", False),
    ("calendar week", 604800, "week", False),
    ("Weekly", 604800, "week", False),
    ("per week", 604800, "week", False),
    ("calendar quarter", 7776000, "quarter", False),
    ("Quarterly", 7776000, "quarter", False),
    ("calendar year", 31536000, "year", False),
    ("Yearly", 31536000, "year", False),
    ("Annually", 31536000, "year", False),
    ("Daily", 86400, "day", False),
    ("daily", 86400, "day", False),
    ("calendar day", 86400, "day", False),
    ("per day", 86400, "day", False),
]


@pytest.mark.parametrize(("text", "seconds", "calendar", "rolling"), WINDOWS)
def test_parse_window(text: str, seconds: int, calendar: str | None, rolling: bool) -> None:
    result = parse_window(text)
    assert result == Window(raw=text, seconds=seconds, calendar=calendar, rolling=rolling)
    assert type(result.seconds) is int


@pytest.mark.parametrize(
    "text",
    [
        "",
        "30",
        "forever",
        "30M",
        "3 months",
        "2 years",
        "P1M",
        "rolling month",
        "rolling calendar month",
        "< 30 days",
        "within 30 days",
        "0 days",
        "0.5s",
        "[window]",
        "N/A",
        "fortnight",
        "30 days ending today",
    ],
)
def test_parse_window_errors(text: str) -> None:
    with pytest.raises(UnitError):
        parse_window(text)


# --- frequencies ------------------------------------------------------------------------------

FREQUENCIES: list[tuple[str, Decimal]] = [
    ("Daily", D(86400)),
    ("daily", D(86400)),
    ("Nightly", D(86400)),
    ("Hourly", D(3600)),
    ("Weekly", D(604800)),
    ("Monthly", D(2592000)),
    ("Every 30 seconds", D(30)),
    ("every 30s", D(30)),
    ("every 6 hours", D(21600)),
    ("Every 6h", D(21600)),
    ("every 15 min", D(900)),
    ("every hour", D(3600)),
    ("Every day", D(86400)),
    ("every minute", D(60)),
    ("every 1h30m", D(5400)),
    ("30 seconds", D(30)),
    ("5m", D(300)),
    ("PT30S", D(30)),
    ("Daily (full), hourly (incremental)", D(3600)),
    ("Hourly (incremental), daily (full)", D(3600)),
    ("Weekly (full); daily (incremental); every 15 minutes (WAL)", D(900)),
    ("daily + hourly", D(3600)),
    ("Continuous", D(0)),
    ("continuous", D(0)),
    ("continuous (WAL streaming)", D(0)),
    ("Continuous (WAL), daily (snapshots)", D(0)),
    ("real-time", D(0)),
    ("Real-time", D(0)),
    ("realtime", D(0)),
    ("twice daily", D(43200)),
    ("Twice a day", D(43200)),
    ("twice per day", D(43200)),
    ("once a day", D(86400)),
    ("3 times daily", D(28800)),
    ("4x daily", D(21600)),
    ("twice hourly", D(1800)),
    ("Daily - at 02:00 UTC", D(86400)),
    # a frequency followed by plain qualifier words naming the kind of backup
    ("Hourly incremental, daily full", D(3600)),
    ("Daily full, hourly incremental", D(3600)),
    ("Every 5 minutes (WAL archiving), daily full snapshot", D(300)),
    ("Every 15 minutes (incremental export), daily full", D(900)),
    ("every 15 minutes incremental", D(900)),
    ("weekly full-backup", D(604800)),
]


@pytest.mark.parametrize(("text", "seconds"), FREQUENCIES)
def test_parse_frequency(text: str, seconds: Decimal) -> None:
    assert parse_frequency(text) == Duration(raw=text, seconds=seconds)


@pytest.mark.parametrize("text", ["N/A", "n/a", "not applicable", "N/A (no state)"])
def test_parse_frequency_not_applicable(text: str) -> None:
    assert parse_frequency(text) == Duration(
        raw=text, seconds=None, comparator=None, not_applicable=True
    )


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Every [X] seconds",
        "[frequency]",
        "On every change (version controlled)",
        "on every change",
        "on demand",
        "Manual",
        "every 15M",
        "every 0 seconds",
        "0 seconds",
        "every other day",
        "every",
        "daily or hourly",  # a trailing time word is not a qualifier
        "daily and every 5 minutes",
        "daily on demand",
        "daily except weekends",
        "hourly during business hours",
        "every 15M incremental",
        "30 seconds incremental",  # qualifiers follow frequency phrases, not bare durations
        "full daily",
        "Daily,",
        "Daily (full), on demand",
        "< 1 hour",
        "every -5 minutes",
        "biweekly",
        "0 times daily",
        "N/A, daily",
        "30",
    ],
)
def test_parse_frequency_errors(text: str) -> None:
    with pytest.raises(UnitError):
        parse_frequency(text)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("On every change (version controlled)", "not a fixed interval"),
        ("Every [X] seconds", "placeholder"),
        ("every 15M", "ambiguous"),
        ("every 30", "unit"),
        ("every 0 seconds", "positive"),
        ("every 15M incremental", "ambiguous"),
        ("daily or hourly", "not a fixed interval"),
    ],
)
def test_parse_frequency_error_messages(text: str, fragment: str) -> None:
    with pytest.raises(UnitError) as info:
        parse_frequency(text)
    assert fragment in str(info.value)
    assert f'"{text}"' in str(info.value)


# --- format_duration --------------------------------------------------------------------------

FORMATS: list[tuple[Decimal | int, str]] = [
    (2592, "43m 12s"),
    (D("2592"), "43m 12s"),
    (D("2419.2"), "40m 19s"),
    (D("2678.4"), "44m 38s"),
    (90061, "1d 1h 1m 1s"),
    (86400, "1d"),
    (3600, "1h"),
    (3660, "1h 1m"),
    (86401, "1d 1s"),
    (604800, "7d"),
    (60, "1m"),
    (D("60.4"), "1m"),
    (D("60.5"), "1m 1s"),
    (0, "0s"),
    (D(0), "0s"),
    (D("0.25"), "250ms"),
    (D("0.1"), "100ms"),
    (D("0.001"), "1ms"),
    (D("0.0005"), "0.5ms"),
    (D("0.9999999"), "1s"),
    (D("2.5"), "2.5s"),
    (45, "45s"),
    (D("14.4"), "14.4s"),
    (1, "1s"),
    (D("1.000"), "1s"),
    (D("59.9999"), "1m"),
    (D("59.5"), "59.5s"),
    (D(900), "15m"),
    (D(14400), "4h"),
]


@pytest.mark.parametrize(("seconds", "expected"), FORMATS)
def test_format_duration(seconds: Decimal | int, expected: str) -> None:
    assert format_duration(seconds) == expected


def test_format_duration_accepts_float() -> None:
    assert format_duration(0.25) == "250ms"  # type: ignore[arg-type]
    assert format_duration(2.5) == "2.5s"  # type: ignore[arg-type]


def test_format_duration_negative() -> None:
    assert format_duration(-90) == "-1m 30s"


@pytest.mark.parametrize("seconds", [D("NaN"), D("Infinity")])
def test_format_duration_rejects_non_finite(seconds: Decimal) -> None:
    with pytest.raises(ValueError):
        format_duration(seconds)


# --- the module stays standalone --------------------------------------------------------------


def test_units_imports_no_mkdocs() -> None:
    import ast
    from pathlib import Path

    import mkdocs_opsspec.units as units

    tree = ast.parse(Path(units.__file__).read_text(encoding="utf-8"))
    imported: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            imported.add("." * node.level + (node.module or ""))
    assert imported <= {"__future__", "re", "decimal", ".model"}
