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
    """What `slo_sources` gave: the objectives and the findings of reading the files."""

    slos: tuple[MonitoredSLO, ...] = ()
    problems: tuple[Finding, ...] = ()
    #: (service, why) of the services whose SLOs cannot all be read (named in a file that does
    #: not parse, or in an invalid document): their spec rows are not checked
    unreadable: tuple[tuple[str, str], ...] = ()
