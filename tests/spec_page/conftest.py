"""Fixtures of the spec-page tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from mkdocs_opsspec.model import Spec
from mkdocs_opsspec.spec_page.context import RenderContext

from helpers.spec_page import REFERENCE, make_spec, ops_text


@pytest.fixture
def ctx() -> RenderContext:
    return RenderContext(reference_date=REFERENCE)


@pytest.fixture
def spec_from() -> Callable[..., Spec]:
    """spec_from(**fields): an operations spec built from `ops_text(**fields)`."""

    def build(**fields: str) -> Spec:
        return make_spec(ops_text(**fields))

    return build
