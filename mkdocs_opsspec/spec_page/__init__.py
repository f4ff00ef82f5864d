"""HTML for a spec's own page, from the model: the status badge, the header strip under the
title, the findings block, the SLO table's budget columns, the recovery and alert summaries, and
the markers that place them. No MkDocs here; every piece of spec text becomes HTML through
`markup` (escaping and safe links)."""
