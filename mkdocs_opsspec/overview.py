"""A checked docs folder's features and readiness: the catalog (features by GUID, links,
backlinks) and each operations spec's readiness, made one way for every adapter (the plugin,
the CLI, `generate` and the Markdown extension) from what `analysis.analyse` found."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .analysis import Analysis, Options, reference_day
from .catalog import Catalog, build_catalog
from .readiness import Readiness, ReadinessOptions, assess_catalog


@dataclass(frozen=True)
class Overview:
    catalog: Catalog
    readiness: dict[str, Readiness]  # operations spec path -> its readiness


def overview(analysis: Analysis, options: Options, doc_paths: Iterable[str]) -> Overview:
    """The catalog of `analysis` (with `doc_paths`, every file of docs_dir, for links) and the
    readiness of its operations specs, on the analysis' reference date."""
    catalog = build_catalog(
        analysis.specs,
        analysis.findings,
        default_class=options.feature_class,
        doc_paths=doc_paths,
    )
    readiness = assess_catalog(
        catalog,
        ReadinessOptions(
            reference_date=analysis.reference_date or reference_day(options),
            stale_after_days=options.stale_after_days,
        ),
    )
    return Overview(catalog, readiness)
