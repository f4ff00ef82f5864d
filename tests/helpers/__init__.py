"""What the tests share, in one package: `helpers.sites` (real MkDocs builds of real sites),
`helpers.browser` (headless Chromium), `helpers.rules`, `helpers.pages` and
`helpers.spec_page` (spec texts and the core run on them). The conftest.py files hold
fixtures only."""
