"""Names the monitoring tools accept: DNS labels (OpenSLO object names, RFC 1123), the service
of a spec, alert names.

- `dns_label("Ledger Service")` is `ledger-service`: lower case, runs of other characters become
  one `-`, accents dropped; a label longer than 63 characters is cut and ends with a hash of the
  whole, so two long names stay apart.
- The service of a spec is its front matter `opsspec: {service: ledger}`, else its feature name
  as a DNS label.
- `file_name(service)` is the file of a service's export, never a path.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from ..model import Spec

#: RFC 1123 label: what OpenSLO requires of `metadata.name` (and of references to names).
DNS_LABEL_RE = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
DNS_LABEL_MAX = 63
_HASH_CHARS = 8
_NON_ALNUM_RE = re.compile(r"[^a-z0-9]+")
_WORD_RE = re.compile(r"[A-Za-z0-9]+")
_PLAIN_NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


def is_dns_label(name: str) -> bool:
    return len(name) <= DNS_LABEL_MAX and DNS_LABEL_RE.match(name) is not None


def slug(text: str) -> str:
    """`text` as lower-case ASCII words joined by `-` ('' when it has no letter or digit)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NON_ALNUM_RE.sub("-", ascii_text.lower()).strip("-")


def dns_label(*parts: str) -> str:
    """The parts' slugs joined by `-`, at most 63 characters (a longer one keeps its start and
    ends with 8 hex digits of a hash of the whole)."""
    full = "-".join(p for p in (slug(part) for part in parts) if p)
    if len(full) <= DNS_LABEL_MAX:
        return full
    digest = hashlib.sha256(full.encode()).hexdigest()[:_HASH_CHARS]
    head = full[: DNS_LABEL_MAX - _HASH_CHARS - 1].rstrip("-")
    return f"{head}-{digest}"


def opsspec_front_matter(spec: Spec) -> dict[object, object]:
    """The spec's front matter `opsspec:` mapping ({} when there is none)."""
    cfg = spec.front_matter.get("opsspec")
    return cfg if isinstance(cfg, dict) else {}


def service_name(spec: Spec) -> str | None:
    """Front matter `opsspec: {service: ...}` as written, else the feature name as a DNS label;
    None when the spec states neither."""
    given = opsspec_front_matter(spec).get("service")
    if isinstance(given, str) and given.strip():
        return given.strip()
    name = spec.name or ""
    return dns_label(name) or None


def file_name(service: str) -> str:
    """The file `export` writes a service's SLOs to: `<service>.yaml` when the service is a
    plain name (a letter or digit, then letters, digits, `.`, `_`, `-`), else its slug and a
    hash of the whole name. Never a path: `../../etc/x`, `/etc/x` or `a/b` give a name inside
    the output folder (spec text chooses the service)."""
    if _PLAIN_NAME_RE.fullmatch(service):
        return f"{service}.yaml"
    digest = hashlib.sha256(service.encode("utf-8")).hexdigest()[:_HASH_CHARS]
    stem = slug(service)[:DNS_LABEL_MAX]
    return f"{stem}-{digest}.yaml" if stem else f"{digest}.yaml"


def camel_case(*parts: str) -> str:
    """'order intake api', 'High error rate' -> 'OrderIntakeApiHighErrorRate'."""
    words = [w for part in parts for w in _WORD_RE.findall(slug(part).replace("-", " "))]
    return "".join(w[:1].upper() + w[1:] for w in words)
