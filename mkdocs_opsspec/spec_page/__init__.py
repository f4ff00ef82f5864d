"""The HTML renderer core: pure functions from the model to HTML strings.

No MkDocs here. Every piece of spec text goes through `render.html` (escaping and safe links);
the plugin places the returned HTML on the page and adds `assets/opsspec.css` and
`assets/opsspec.js` to the site.
"""

from __future__ import annotations

from ..markup import esc, safe_href
from .alerts import alerts_summary, severity_chip, severity_level
from .badge import status_badge
from .context import RenderContext, SiblingLink
from .findings_block import FINDINGS_ID, count_summary, findings_block, section_anchor
from .header_strip import header_strip
from .recovery import recovery_summary
from .slo_table import SloColumns, slo_extra_columns, slo_flagged_lines

__all__ = [
    "FINDINGS_ID",
    "RenderContext",
    "SiblingLink",
    "SloColumns",
    "alerts_summary",
    "count_summary",
    "esc",
    "findings_block",
    "header_strip",
    "recovery_summary",
    "safe_href",
    "section_anchor",
    "severity_chip",
    "severity_level",
    "slo_extra_columns",
    "slo_flagged_lines",
    "status_badge",
]
