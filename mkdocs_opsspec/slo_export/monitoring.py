"""Monitoring files read back: the SLOs of OpenSLO (`openslo/v1`, `openslo/v1alpha`) and Sloth
(`prometheus/v1`, the `PrometheusServiceLevel` custom resource) YAML files, each objective with
its file and line, reduced to an `Objective` (objectives.py) for the drift check.

`load_monitoring(globs, root, docs_dir)` reads the files that globs relative to `root` (the
folder of mkdocs.yml) match. What it cannot read becomes a finding with file and line (never an
exception): YAML that does not parse, a document of no known format, an SLO that lacks a
service, a target or a window, and a glob that matches no file.

OpenSLO objectives with `op` and `value` are latency bounds (the value in milliseconds, as
`export` writes them); other objectives take their kind from their names (displayName, name,
indicator), as a spec's Metric cell does.
"""

from __future__ import annotations

import glob
import os
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..model import Finding
from ..parser.operations import slo_kind
from ..rules.registry import (
    SLO_SOURCE_INVALID,
    SLO_SOURCE_UNMATCHED,
    SLO_SOURCE_UNRECOGNISED,
    Rule,
)
from ..units import SECONDS
from .monitored import MonitoredSLO, Monitoring
from .objectives import OPENSLO_UNITS, Objective, TimeWindow

_DURATION_RE = re.compile(r"^([1-9][0-9]*)([mhdwMQY])$")
#: A `service:` line of a file that does not parse (its services cannot be checked).
_SERVICE_LINE_RE = re.compile(
    r"^[ \t-]*service[ \t]*:[ \t]*['\"\[{]*[ \t]*([A-Za-z0-9][-A-Za-z0-9_.]*)", re.MULTILINE
)
OPENSLO_VERSIONS = ("openslo/v1", "openslo/v1alpha")
SLOTH_VERSION = "prometheus/v1"
SLOTH_KIND = "PrometheusServiceLevel"


def load_monitoring(
    globs: tuple[str, ...] | list[str],
    root: str | Path,
    docs_dir: str | Path,
    config_file: str = "",
) -> Monitoring:
    """The monitoring files matched by `globs` (relative to `root`, `**` allowed)."""
    root, docs = Path(root).resolve(), Path(docs_dir).resolve()
    config = Path(config_file).resolve() if config_file else root / "mkdocs.yml"
    problems: list[Finding] = []
    found: dict[Path, None] = {}
    for pattern in globs:
        matches = sorted(glob.glob(pattern, root_dir=root, recursive=True))
        files = [root / m for m in matches if (root / m).is_file()]
        if not files:
            problems.append(_unmatched(pattern, config, docs))
        for f in files:
            found.setdefault(f.resolve(), None)
    slos: list[MonitoredSLO] = []
    unreadable: list[tuple[str, str]] = []
    for file in sorted(found):
        reader = _Reader(_rel(file, docs), _rel(file, root))
        reader.read(file)
        slos.extend(reader.slos)
        problems.extend(reader.problems)
        unreadable.extend(reader.unreadable)
    return Monitoring(tuple(slos), tuple(problems), tuple(unreadable))


def _rel(path: Path, start: Path) -> str:
    return Path(os.path.relpath(path, start)).as_posix()


def _unmatched(pattern: str, config: Path, docs: Path) -> Finding:
    line = None
    try:
        for k, text in enumerate(config.read_text("utf-8").splitlines(), start=1):
            if pattern in text:
                line = k
                break
    except (OSError, UnicodeDecodeError):
        pass
    return Finding(
        _rel(config, docs),
        line,
        SLO_SOURCE_UNMATCHED.severity,
        SLO_SOURCE_UNMATCHED.code,
        f"slo_sources: '{pattern}' matches no file (globs are relative to the folder of "
        "mkdocs.yml; '**' matches folders): fix the pattern or remove it",
    )


# --- YAML nodes ------------------------------------------------------------------------------


def _line(node: Node) -> int:
    return node.start_mark.line + 1


def _get(node: Node | None, key: str) -> Node | None:
    if not isinstance(node, MappingNode):
        return None
    for k, v in node.value:
        if isinstance(k, ScalarNode) and k.value == key:
            return v
    return None


def _text(node: Node | None) -> str | None:
    if isinstance(node, ScalarNode) and node.tag != "tag:yaml.org,2002:null":
        return str(node.value)
    return None


def _number(node: Node | None) -> Decimal | None:
    """A YAML int or float, exactly as written (no float rounding); None for anything else."""
    if not isinstance(node, ScalarNode):
        return None
    if node.tag not in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
        return None
    try:
        value = Decimal(node.value.replace("_", ""))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _bool(node: Node | None) -> bool | None:
    if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:bool":
        return node.value.lower() in ("true", "yes", "on", "y")
    return None


def _items(node: Node | None) -> list[Node]:
    return list(node.value) if isinstance(node, SequenceNode) else []


class _Invalid(Exception):
    """A document that lacks what the check needs: (line, message), and the service it names
    (None when it names none)."""

    def __init__(self, line: int, message: str, service: str | None = None) -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.service = service


class _Reader:
    """The SLOs and the problems of one monitoring file."""

    def __init__(self, path: str, shown: str) -> None:
        self.path = path
        self.shown = shown
        self.slos: list[MonitoredSLO] = []
        self.problems: list[Finding] = []
        #: services whose SLOs cannot all be read (a file that does not parse, an invalid
        #: document), each with why: their spec rows are not checked
        self.unreadable: list[tuple[str, str]] = []
        self._unrecognised: list[int] = []  # lines of the documents of no known format

    def _problem(self, rule: Rule, line: int | None, message: str) -> None:
        self.problems.append(Finding(self.path, line, rule.severity, rule.code, message))

    def read(self, file: Path) -> None:
        try:
            data = file.read_bytes()
        except OSError as exc:
            self._problem(
                SLO_SOURCE_INVALID,
                None,
                f"{self.shown} cannot be read ({exc.strerror}): make it readable to the build, "
                "or remove it from slo_sources",
            )
            return
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = exc.object[: exc.start].count(b"\n") + 1  # after the BOM, if any
            self._problem(
                SLO_SOURCE_INVALID,
                line,
                f"{self.shown} is not UTF-8 text: save it as UTF-8; its SLOs are not checked "
                "until it reads",
            )
            text = data.decode("utf-8-sig", errors="replace")
            why = f"{self.shown} is not UTF-8"
            self.unreadable = [(s, why) for s in sorted(set(_SERVICE_LINE_RE.findall(text)))]
            return
        try:
            documents = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
            line = mark.line + 1 if mark is not None else None
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            self._problem(
                SLO_SOURCE_INVALID,
                line,
                f"{self.shown} is not valid YAML ({problem}): fix the file; its SLOs are not "
                "checked until it parses",
            )
            why = f"{self.shown} does not parse"
            self.unreadable = [(s, why) for s in sorted(set(_SERVICE_LINE_RE.findall(text)))]
            return
        for doc in documents:
            if doc is None:
                continue
            objects = [doc]
            if isinstance(doc, SequenceNode):  # a list of objects (a Kubernetes List's items)
                objects = [item for item in doc.value if isinstance(item, MappingNode)]
                others = [item for item in doc.value if not isinstance(item, MappingNode)]
                if others:  # scalars or lists: one document of no known format
                    self._unrecognised.append(_line(others[0]))
            for obj in objects:
                try:
                    # all of an object's SLOs or none: an invalid one is its only finding
                    self.slos.extend(self._object(obj))
                except _Invalid as bad:
                    self._problem(SLO_SOURCE_INVALID, bad.line, f"{self.shown}: {bad.message}")
                    if bad.service:
                        self.unreadable.append((bad.service, f"{self.shown}:{bad.line} is invalid"))
        if self._unrecognised:
            # one cause (the file is no monitoring file, or holds other objects): one finding
            n = len(self._unrecognised)
            what = "a document that is" if n == 1 else f"{n} documents (the first here) that are"
            self._problem(
                SLO_SOURCE_UNRECOGNISED,
                self._unrecognised[0],
                f"{self.shown}: {what} neither OpenSLO (apiVersion openslo/v1 or "
                f"openslo/v1alpha) nor Sloth (version {SLOTH_VERSION}, or kind {SLOTH_KIND}): "
                "remove the file from slo_sources or narrow the glob",
            )

    def _object(self, obj: Node) -> list[MonitoredSLO]:
        """The SLOs of one object (none for the OpenSLO kinds without objectives). Raises
        _Invalid."""
        version, kind = _text(_get(obj, "apiVersion")), _text(_get(obj, "kind"))
        if version in OPENSLO_VERSIONS:
            if kind == "SLO":
                return self._openslo(obj, version)
            return []  # SLIs, services, data sources, alert policies: nothing to compare
        if _text(_get(obj, "version")) == SLOTH_VERSION:
            return self._sloth(obj, obj)
        if kind == SLOTH_KIND and (version or "").startswith("sloth.slok.dev/"):
            return self._sloth(obj, _get(obj, "spec"))
        self._unrecognised.append(_line(obj))
        return []

    # --- OpenSLO ---

    def _openslo(self, obj: Node, version: str) -> list[MonitoredSLO]:
        meta, spec = _get(obj, "metadata"), _get(obj, "spec")
        name = _text(_get(meta, "name")) or ""
        what = f"OpenSLO SLO '{name}'" if name else "an OpenSLO SLO"
        service = _text(_get(spec, "service"))
        if not service:
            raise _Invalid(_line(spec or obj), f"{what} has no spec.service")
        try:
            return self._openslo_objectives(obj, version, service, what)
        except _Invalid as bad:
            bad.service = service
            raise

    def _openslo_objectives(
        self, obj: Node, version: str, service: str, what: str
    ) -> list[MonitoredSLO]:
        meta, spec = _get(obj, "metadata"), _get(obj, "spec")
        name = _text(_get(meta, "name")) or ""
        window, window_line = self._openslo_window(spec, version, what)
        objectives = _items(_get(spec, "objectives"))
        if not objectives:
            raise _Invalid(_line(spec or obj), f"{what} has no spec.objectives")
        indicator = _get(spec, "indicator")
        names = [
            _text(_get(meta, "displayName")),
            name,
            _text(_get(spec, "indicatorRef")),
            _text(_get(_get(indicator, "metadata"), "name")),
        ]
        out = []
        for item in objectives:
            target, line = self._openslo_target(item, what)
            value, op = _number(_get(item, "value")), _text(_get(item, "op"))
            own = [_text(_get(item, "displayName")), *names]
            given = tuple(n for n in own if n)
            if value is not None and op in ("lt", "lte"):
                objective = Objective("latency", target, window, value, op)
            else:
                objective = Objective(_kind(given), target, window)
            out.append(
                MonitoredSLO(
                    service, name, given, self.path, self.shown, line, objective, window_line
                )
            )
        return out

    def _openslo_target(self, item: Node, what: str) -> tuple[Decimal, int]:
        for key, scale in (("target", Decimal(1)), ("targetPercent", Decimal(100))):
            node = _get(item, key)
            if node is None:
                continue
            value = _number(node)
            if value is None or not 0 <= value / scale <= 1:
                limit = "a number from 0 to 1" if key == "target" else "a number from 0 to 100"
                raise _Invalid(_line(node), f"{what}: {key} '{_text(node)}' is not {limit}")
            return value / scale, _line(node)
        raise _Invalid(_line(item), f"{what} has an objective without target or targetPercent")

    def _openslo_window(
        self, spec: Node | None, version: str, what: str
    ) -> tuple[TimeWindow | None, int | None]:
        if version == "openslo/v1alpha":
            windows = _items(_get(spec, "timeWindows"))
        else:
            windows = _items(_get(spec, "timeWindow"))
        if not windows:
            return None, None
        node = windows[0]
        rolling = _bool(_get(node, "isRolling"))
        calendar = _get(node, "calendar") is not None and rolling is not True
        if version == "openslo/v1alpha":
            count, unit = _number(_get(node, "count")), (_text(_get(node, "unit")) or "").lower()
            seconds = SECONDS.get(unit)
            if count is None or count <= 0 or count != count.to_integral_value() or not seconds:
                raise _Invalid(
                    _line(node), f"{what} has a time window that is not a count and a unit"
                )
            n, label = int(count), unit
        else:
            raw = _text(_get(node, "duration")) or ""
            m = _DURATION_RE.match(raw)
            if m is None:
                raise _Invalid(
                    _line(node),
                    f"{what} has a time window duration '{raw}' that is not a positive integer "
                    "and a unit of m h d w M Q Y",
                )
            n, label = int(m.group(1)), OPENSLO_UNITS[m.group(2)]
            seconds = SECONDS[label]
        if not calendar:
            return TimeWindow(n * seconds), _line(node)
        name = label if n == 1 else f"{n} {label}s"
        return TimeWindow(n * seconds, name), _line(node)

    # --- Sloth ---

    def _sloth(self, obj: Node, spec: Node | None) -> list[MonitoredSLO]:
        service_node = _get(spec, "service")
        service = _text(service_node)
        if not service:
            raise _Invalid(_line(spec or obj), "a Sloth spec without service")
        slos = _items(_get(spec, "slos"))
        if not slos:
            raise _Invalid(
                _line(spec or obj), f"the Sloth spec of service '{service}' has no slos", service
            )
        out = []
        for item in slos:
            name = _text(_get(item, "name")) or ""
            node = _get(item, "objective")
            value = _number(node)
            if node is None or value is None or not 0 < value <= 100:
                raise _Invalid(
                    _line(node or item),
                    f"Sloth SLO '{name}' of service '{service}': objective is not a number in "
                    "(0, 100]",
                    service,
                )
            given = tuple(n for n in (name, _text(_get(item, "description"))) if n)
            objective = Objective(_kind(given), value / 100)
            out.append(
                MonitoredSLO(service, name, given, self.path, self.shown, _line(node), objective)
            )
        return out


def _kind(names: tuple[str, ...]) -> str:
    """The kind the first name that says one gives (as a spec's Metric cell would)."""
    for name in names:
        kind = slo_kind(name.replace("-", " ").replace("_", " "))
        if kind != "other":
            return kind
    return "other"
