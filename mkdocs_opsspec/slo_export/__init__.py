"""SLOs as code: the specs' SLO tables exported to OpenSLO and Sloth files, and monitoring files
read back to check them against the specs (drift). No MkDocs here.

- `names`: DNS-label names, the service of a spec;
- `objectives`: an SLO reduced to what the tools state (share of good events, latency bound,
  window), from a spec row or from a monitoring file;
- `queries`: the SLI queries a spec gives (SLO-table columns or front matter);
- `promql`: Sloth's query checks (template variable, PromQL);
- `openslo`, `sloth`: the objects of each format and the format's own rules;
- `export`: the files of `mkdocs-opsspec export`;
- `monitoring`: OpenSLO (v1, v1alpha) and Sloth (`prometheus/v1`, `PrometheusServiceLevel`)
  files read with their line numbers, into the types of `monitored`;
- `drift`: spec SLOs matched to the monitoring files' SLOs, and what differs.
"""
