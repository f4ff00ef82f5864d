"""What the monitoring files of `slo_sources` hold, as `monitoring.load_monitoring` reads it:
their SLOs (each objective with its file and line) and the findings of reading them.

Kept apart from the reading (which needs PyYAML, 10 ms to import) so that the rules can name
these types without loading it when `slo_sources` is not set."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Finding
from .objectives import Objective


@dataclass(frozen=True)
class MonitoredSLO:
    """One objective of a monitoring file."""

    service: str
    name: str  # the SLO's name in the file (OpenSLO metadata.name, Sloth slos[].name)
    names: tuple[str, ...]  # every name the file gives it (display names, indicator), for kinds
    format: str  # "OpenSLO v1", "OpenSLO v1alpha", "Sloth"
    path: str  # relative to docs_dir (for findings)
    shown: str  # relative to the folder of mkdocs.yml (for messages)
    line: int  # of the objective's target
    objective: Objective  # kind, target, window (None in Sloth files), latency bound
    window_line: int | None = None

    @property
    def where(self) -> str:
        return f"{self.shown}:{self.line}"


@dataclass(frozen=True)
class Monitoring:
    """What `slo_sources` gave: the objectives, the files read, and the findings of reading."""

    slos: tuple[MonitoredSLO, ...] = ()
    files: tuple[str, ...] = ()  # shown paths of the files read
    problems: tuple[Finding, ...] = ()
    #: services named in files that do not parse (their SLOs cannot be checked) -> file
    unreadable: tuple[tuple[str, str], ...] = ()
