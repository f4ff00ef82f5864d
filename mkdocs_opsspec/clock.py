"""The reference date of a build: today, or the date of `SOURCE_DATE_EPOCH` when it is set, so a
build of unchanged sources gives the same findings on any day (reproducible builds)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping


class ClockError(ValueError):
    pass


def reference_date(environ: Mapping[str, str] | None = None) -> dt.date:
    env = os.environ if environ is None else environ
    raw = env.get("SOURCE_DATE_EPOCH")
    if raw is None or raw.strip() == "":
        return dt.datetime.now(dt.timezone.utc).date()
    try:
        return dt.datetime.fromtimestamp(int(raw.strip()), dt.timezone.utc).date()
    except (ValueError, OverflowError, OSError) as exc:
        raise ClockError(f"SOURCE_DATE_EPOCH={raw!r} is not a Unix timestamp") from exc
