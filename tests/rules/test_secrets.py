"""Secrets (OS801, OS802): fixtures with hand-counted lines, near misses, the exact spans
`find_secrets` gives the renderer, messages that never repeat a secret, and speed."""

from __future__ import annotations

import builtins
import dataclasses
import datetime as dt
import io
import os
import pathlib
import textwrap
from pathlib import Path

import pytest

from mkdocs_opsspec.model import Severity, Spec
from mkdocs_opsspec.parser import parse_file
from mkdocs_opsspec.rules import RuleContext, secrets
from mkdocs_opsspec.rules.secrets import SecretMatch, find_secrets

from helpers.rules import assert_registered

E = Severity.ERROR
CTX = RuleContext(reference_date=dt.date(2026, 11, 26), doc_paths=frozenset())
EXAMPLE_DOCS = Path(__file__).resolve().parents[2] / "example-site" / "docs"
FENCE = "```"


def text(source: str) -> str:
    return textwrap.dedent(source).lstrip("\n").replace("'''", FENCE)


def parse(source: str, path: str = "operations/ybs-spec_aaaaaaaaaaa1.md") -> Spec:
    spec, _ = parse_file(path, text(source).encode())
    assert spec is not None
    return spec


def check(source: str) -> list[tuple[str, int | None, Severity]]:
    return [(f.rule, f.line, f.severity) for f in secrets.check_spec(parse(source), CTX)]


def lines_of(source: str) -> list[str]:
    return text(source).split("\n")


# The secrets below are made up; they only have the providers' formats.
AWS_KEY = "AKIAZ7QW3ERT5YUI9OPL"
GOOGLE_KEY = "AIzaSyD4x9Qw3Er5Ty7Ui9Op1As3Df5Gh7Jk9L0"
SLACK = "xoxb-204918273645-2049182736451-QwErTyUiOpAsDfGhJkLzXcVb"
GITHUB = "ghp_Zx8Cv7Bn6Mq5Wl4Ek3Rj2Tp1Yh0Ug9If8Od7Sa6"
STRIPE = "sk_live_51HqLyjWDarjtT1zdp7dcQwErTy"
JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjaGVja291dCJ9.c2lnbmF0dXJlLWJ5dGVz"
PEM_1 = "MIIEpAIBAAKCAQEA1c7+9z5Pad7OejecsQ0bu3aumvc8GzGxw3rXvQ8kP2hZzLkP"
PEM_2 = "k1L2m3N4o5P6q7R8s9T0u1V2w3X4y5Z6a7B8c9D0e1F2g3H4i5J6k7L8m9N0o1P2"

TOKENS = f"""
    # Operations Specification: Leaky

    **Version**: 1.0.0
    **Status**: Draft

    ## Configuration Management

    '''bash
    export AWS_ACCESS_KEY_ID={AWS_KEY}
    export GOOGLE_MAPS_KEY={GOOGLE_KEY}
    '''

    <!-- old bot token: {SLACK} -->
    Deploy with `GH_TOKEN` set ({GITHUB} leaked here).
    Stripe: {STRIPE} in the old runbook.
    Bearer {JWT}

    '''
    -----BEGIN RSA PRIVATE KEY-----
    {PEM_1}
    {PEM_2}
    -----END RSA PRIVATE KEY-----
    '''
    """

ASSIGNMENTS = """
    # Operations Specification: Settings

    **Status**: Draft

    ## Configuration Management

    '''yaml
    database:
      password: Sup3r-S3cret!
      api_key: "4f9c2e7a1b8d6e3f"
    '''

    - Connect with `psql postgresql://checkout:Wint3r2026@db.internal:5432/checkout`
    - Run `PGPASSWORD=hunter22 pg_dump checkout`

    | Setting | Value |
    |---------|-------|
    | Webhook | `token=9a8b7c6d5e4f3a2b` |
    """
ASSIGNED_LINES = (9, 10, 13, 14, 18)
ASSIGNED = ["Sup3r-S3cret!", "4f9c2e7a1b8d6e3f", "Wint3r2026", "hunter22", "9a8b7c6d5e4f3a2b"]


def test_codes_are_registered():
    assert_registered(
        "Secrets",
        {
            "OS801": ("literal-secret-token", "error"),
            "OS802": ("literal-secret-value", "error"),
        },
    )


def test_token_fixture():
    lines = lines_of(TOKENS)
    for line, secret in [(9, AWS_KEY), (10, GOOGLE_KEY), (13, SLACK), (14, GITHUB)]:
        assert secret in lines[line - 1]
    assert (STRIPE in lines[14], JWT in lines[15], lines[19]) == (True, True, PEM_1)
    assert check(TOKENS) == [("OS801", line, E) for line in (9, 10, 13, 14, 15, 16, 20)]


def test_assignment_fixture():
    lines = lines_of(ASSIGNMENTS)
    for line, secret in zip(ASSIGNED_LINES, ASSIGNED, strict=True):
        assert secret in lines[line - 1]
    assert check(ASSIGNMENTS) == [("OS802", line, E) for line in ASSIGNED_LINES]


def test_find_secrets_gives_the_exact_span_of_each_secret():
    lines = lines_of(TOKENS)
    found = find_secrets(lines)
    assert [(m.line, m.kind) for m in found] == [
        (9, "AWS access key ID"),
        (10, "Google API key"),
        (13, "Slack token"),
        (14, "GitHub token"),
        (15, "Stripe live key"),
        (16, "JSON web token"),
        (20, "private key"),
        (21, "private key"),
    ]
    spans = [lines[m.line - 1][m.start : m.end] for m in found]
    assert spans == [AWS_KEY, GOOGLE_KEY, SLACK, GITHUB, STRIPE, JWT, PEM_1, PEM_2]
    assert found[0] == SecretMatch(line=9, start=25, end=45, kind="AWS access key ID")

    lines = lines_of(ASSIGNMENTS)
    found = find_secrets(lines)
    assert [lines[m.line - 1][m.start : m.end] for m in found] == ASSIGNED
    assert [m.kind for m in found] == [
        "password",
        "API key",
        "password in URL",
        "password",
        "token",
    ]


def test_secret_match_is_frozen():
    match = SecretMatch(line=1, start=0, end=4, kind="token")
    with pytest.raises(dataclasses.FrozenInstanceError):
        match.line = 2  # type: ignore[misc]


def test_messages_name_kind_and_column_but_never_the_secret():
    findings = [
        *secrets.check_spec(parse(TOKENS), CTX),
        *secrets.check_spec(parse(ASSIGNMENTS), CTX),
    ]
    assert findings
    for f in findings:
        assert "column" in f.message and "\n" not in f.message
        for secret in [AWS_KEY, GOOGLE_KEY, SLACK, GITHUB, STRIPE, JWT, PEM_1, PEM_2, *ASSIGNED]:
            assert secret[:5] not in f.message, f.message
            assert secret[-5:] not in f.message, f.message
    assert findings[0].message.startswith("AWS access key ID at column 26: ")
    password = next(f for f in findings if f.rule == "OS802")
    assert password.message.startswith("literal password value at column 13: ")


def test_one_finding_per_private_key_block():
    two_blocks = """
        # Operations Specification: Keys

        **Status**: Draft

        ## Secrets

        '''
        -----BEGIN PRIVATE KEY-----
        {PEM_1}
        {PEM_2}
        -----END PRIVATE KEY-----
        -----BEGIN OPENSSH PRIVATE KEY-----
        {PEM_2}
        {PEM_1}
        -----END OPENSSH PRIVATE KEY-----
        tls_key: "-----BEGIN EC PRIVATE KEY-----\\n{PEM_1}\\n-----END EC PRIVATE KEY-----"
        '''
        """.replace("{PEM_1}", PEM_1).replace("{PEM_2}", PEM_2)
    assert check(two_blocks) == [("OS801", 9, E), ("OS801", 13, E), ("OS801", 16, E)]
    inline = find_secrets(lines_of(two_blocks))[-1]
    assert lines_of(two_blocks)[15][inline.start : inline.end] == PEM_1


NOT_SECRETS = """
    # Operations Specification: Careful

    **Status**: Approved

    ## Secrets

    - **Database password**: stored in Vault, rotated every 90 days
    - **DB_PASSWORD**: `vault:secret/data/db#password`
    - The refresh token: rotated daily by the auth service.
    - Token: JWT
    - Password: required for admin access

    '''yaml
    env:
      DB_PASSWORD: ${DB_PASSWORD}
      REDIS_PASSWORD: $REDIS_PASSWORD
      password: "{{ secret }}"
      admin_password: <password>
      dsn: "host=db user=app password=%(password)s"
      password: vault:secret/data/db#password
      api_key: secretsmanager:prod/checkout/api
      client_secret: arn:aws:secretsmanager:eu-west-1:123456789012:secret:checkout-AbCdEf
      token: ssm:/prod/checkout/token
      webhook_secret: "***"
      signing_secret: xxx
      smtp_password: REDACTED
      password: changeme
      password: password
      secret: example
      api_key: ""
      token_ttl: 3600
      secretName: checkout-db
      password_file: /run/secrets/db
    '''

    '''python
    password = os.environ["DB_PASSWORD"]
    conn = connect(host=host, password=db_password)
    token = get_token("checkout")
    '''

    '''ini
    aws_access_key_id = AKIAIOSFODNN7EXAMPLE
    aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
    redacted_key = AKIAXXXXXXXXXXXXXXXX
    '''

    - Connect with `psql postgresql://checkout:${DB_PASSWORD}@db.internal/checkout`
    - Keys are PEM files (`-----BEGIN PRIVATE KEY-----`) kept in Vault.

    '''
    -----BEGIN PRIVATE KEY-----
    ...
    -----END PRIVATE KEY-----
    '''
    """


def test_near_misses_are_not_secrets():
    assert find_secrets(lines_of(NOT_SECRETS)) == []
    assert check(NOT_SECRETS) == []


@pytest.mark.parametrize(
    "line",
    [
        "password=${DB_PASSWORD}",
        "password=$DB_PASSWORD",
        "password: {{ secret }}",
        "password: <password>",
        "password=%(password)s",
        "password: vault:secret/data/db#password",
        "token: secretsmanager:prod/token",
        "secret: arn:aws:secretsmanager:us-east-1:1:secret:x",
        "api_key: ssm:/prod/api_key",
        "password = os.environ['DB_PASSWORD']",
        "password: ***",
        "password: xxx",
        "password: REDACTED",
        "password: changeme",
        "password: password",
        "secret: secret",
        "token: example",
        "AKIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
    ],
)
def test_single_line_near_misses(line: str):
    assert find_secrets([line]) == []


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("password=hunter22", "password"),
        ('"password": "Tr0ub4dor&3",', "password"),
        ("client_secret: 's3cr3t-Value-42'", "secret"),
        ("export API_TOKEN=abc123def456", "token"),
        ('curl -H "X-Api-Key: 9f8e7d6c5b4a3928" https://api.internal', "API key"),
        ("Server=db;Uid=app;Pwd=Sup3rS3cret;", "password"),
        ("aws_secret_access_key = Zk3nQ9vR2xLm8pT4wY7aB1cD5eF6gH0jK2lM3nP4", "API key"),
        ("token: ghp_Zx8Cv7Bn6Mq5Wl4Ek3Rj2Tp1Yh0Ug9If8Od7Sa6", "GitHub token"),
        ("ASIAZ7QW3ERT5YUI9OPL", "AWS access key ID"),
        ("rk_live_51HqLyjWDarjtT1zdp7dcQ", "Stripe live key"),
        ("gh=github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz", "GitHub token"),
    ],
)
def test_single_line_secrets(line: str, kind: str):
    (match,) = find_secrets([line])
    assert match.kind == kind
    assert match.line == 1 and 0 <= match.start < match.end <= len(line)


def test_spans_are_character_offsets_after_non_ascii_text():
    line = "Mot de passe (café ☕): password=Sup3rS3cret"
    (match,) = find_secrets(["é" * 3, line])
    assert (match.line, line[match.start : match.end]) == (2, "Sup3rS3cret")


def test_example_site_has_no_secrets():
    found = []
    for path in sorted(EXAMPLE_DOCS.rglob("*.md")):
        rel = path.relative_to(EXAMPLE_DOCS).as_posix()
        spec, _ = parse_file(rel, path.read_bytes())
        if spec is not None:
            found += secrets.check_spec(spec, CTX)
    assert found == []


def test_many_files_find_every_secret_once():
    """10,000 files (the example site's, and one leaky file among them): every secret of every
    leaky copy is found exactly once. (Speed is measured in benchmarks/, not here.)"""
    files = [p.read_text("utf-8").splitlines() for p in sorted(EXAMPLE_DOCS.rglob("*.md"))]
    files.append(lines_of(TOKENS))
    corpus = [files[i % len(files)] for i in range(10_000)]
    count = sum(len(find_secrets(lines)) for lines in corpus)
    leaky = sum(1 for i in range(10_000) if i % len(files) == len(files) - 1)
    assert count == 8 * leaky


def test_check_spec_never_touches_the_filesystem(monkeypatch: pytest.MonkeyPatch):
    spec = parse(TOKENS)

    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"filesystem access: {args!r}")

    for owner, name in [(builtins, "open"), (io, "open"), (os, "stat"), (pathlib.Path, "exists")]:
        monkeypatch.setattr(owner, name, forbidden)
    found = list(secrets.check_spec(spec, CTX))
    monkeypatch.undo()
    assert len(found) == 7


# --- placeholders are not secrets; real tokens still are (issue 16) ----------------------------


@pytest.mark.parametrize(
    "line",
    [
        'api_key = "sk_test_YOUR_KEY_HERE"',
        'webhook_secret = "whsec_YOUR_WEBHOOK_SECRET"',
        "DB_PASSWORD=YOUR_PASSWORD_HERE",
        "  api_key: <your-api-key>",
        "  password: changeme",
        "aws_secret_access_key = xxx…",
        "aws_secret_access_key = xxxxxxxxxxxx...",
        "  password: ${WAREHOUSE_PASSWORD}",
        '  db_password: "{{ secret }}"',
        "  password: [redacted]",
        'api_token = "dummy-token-not-real"',
        'client_secret = "fake-client-secret"',
        'password = "test-only-password"',
        'secret_key = "example-secret-key"',
        'token = "sample_token_value_123"',
        "api_key: Zk3nQ9vR2xLm8p...",
        "bot_token: xoxb-test-token-0000000001",
        "password: <placeholder>",
    ],
)
def test_placeholders_are_not_secrets(line: str):
    assert find_secrets([line]) == []


#: Realistic credentials (made up, with the providers' formats and enough entropy) that must
#: still be found, with the kind each is reported as.
REAL_TOKENS = [
    ("AWS_ACCESS_KEY_ID=AKIAOH764GJ9GHUFNA2A", "AWS access key ID", "AKIAOH764GJ9GHUFNA2A"),
    (
        "AWS_SECRET_ACCESS_KEY=NCXpy1WV+PzcFSHziEfSPbZN/jf//lg0E3wvzaO4",
        "API key",
        "NCXpy1WV+PzcFSHziEfSPbZN/jf//lg0E3wvzaO4",
    ),
    (
        "GITHUB_TOKEN=ghp_tvNSKhPObTrtL0sdf1ALseRgVLfDudmiKEHA",
        "GitHub token",
        "ghp_tvNSKhPObTrtL0sdf1ALseRgVLfDudmiKEHA",
    ),
    (
        "DBT_TOKEN=github_pat_110MJ19TJ5KWL9FAQ2XSLC_LPPWcDNefSlMYKJOzihhoDt3sEuQLSy7Yp",
        "GitHub token",
        "github_pat_110MJ19TJ5KWL9FAQ2XSLC_LPPWcDNefSlMYKJOzihhoDt3sEuQLSy7Yp",
    ),
    (
        "MAPS_KEY=AIzaoSGKQgmgWCucS40jvkPQTcxquwNGKnbBouU",
        "Google API key",
        "AIzaoSGKQgmgWCucS40jvkPQTcxquwNGKnbBouU",
    ),
    (
        "    bot_token: xoxb-9058455518364-6665236001424-XaZwt7ufHugXBrThIllkglfm",
        "Slack token",
        "xoxb-9058455518364-6665236001424-XaZwt7ufHugXBrThIllkglfm",
    ),
    (
        "  -u sk_live_51sHpb7NNP8Jlxxd2YPwyWCBw1yU9WL9bnG1BEhNtQE3C9gqZj4CAAA4LRmj32:",
        "Stripe live key",
        "sk_live_51sHpb7NNP8Jlxxd2YPwyWCBw1yU9WL9bnG1BEhNtQE3C9gqZj4CAAA4LRmj32",
    ),
    (
        "EXPORT_DB_URL=postgres://export_svc:Zq1fQ!oxMpWP3C@warehouse-db.internal:5432/export",
        "password in URL",
        "Zq1fQ!oxMpWP3C",
    ),
    (
        '    host="dwh.internal", user="export_svc", password="zoO3KzDRt7jOuxrk"',
        "password",
        "zoO3KzDRt7jOuxrk",
    ),
    ("  api_key: e04b9356ed0274ef807082671825a513", "API key", "e04b9356ed0274ef807082671825a513"),
    (
        "Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJleHBvcnQtc3ZjIn0.c2lnbmF0dXJlLXh5eg",
        "JSON web token",
        "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJleHBvcnQtc3ZjIn0.c2lnbmF0dXJlLXh5eg",
    ),
]


@pytest.mark.parametrize(("line", "kind", "value"), REAL_TOKENS)
def test_real_tokens_are_still_found(line: str, kind: str, value: str):
    (match,) = find_secrets([line])
    assert (match.kind, line[match.start : match.end]) == (kind, value)


def test_private_key_blocks_are_still_found():
    rsa = [
        "-----BEGIN RSA PRIVATE KEY-----",
        "MIIEowIBAAKCAQEAYnVp+s8lCTVUrz2GDvg0cCufg8LrNpcsFGYNcRa76Xf0s3Ax",
        "hoD5eWZxHd4kxbS5cHeIwj9H5isUL1WrvE6PbNBS+IdMBYqViZthZOQdpqcgiYvd",
        "-----END RSA PRIVATE KEY-----",
    ]
    openssh = [
        "-----BEGIN OPENSSH PRIVATE KEY-----",
        "b3BlbnNzaC1rZXktdjEAG6TMB4qKXvvE4uItdzxMDlaRQn9uJkhSs9aDKB7LvyAXgpVr2f",
        "V68YSFk=",
        "-----END OPENSSH PRIVATE KEY-----",
    ]
    lines = [*rsa, "", *openssh]
    found = find_secrets(lines)
    assert [(m.line, m.kind) for m in found] == [
        (2, "private key"),
        (3, "private key"),
        (7, "private key"),
        (8, "private key"),
    ]
    assert secrets.block_lines(found, lines) == {2: 2, 3: 2, 7: 7, 8: 7}
