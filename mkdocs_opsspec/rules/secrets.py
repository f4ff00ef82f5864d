"""Secrets: literal credentials anywhere in a spec file (prose, tables, code blocks, comments).

`find_secrets(lines)` gives the exact span of each secret value so the page renderer can redact
it; `check_spec` turns the spans into findings. Messages name the kind and the column, never the
value.

Placeholders are not secrets (`is_secret_placeholder`): a value is never reported, nor redacted,
when

- it contains one of the words your, example, dummy, fake, test, sample, placeholder, changeme,
  replaceme, redacted (words are split at anything but letters and digits, in any case:
  `sk_test_YOUR_KEY_HERE`, `YOUR_PASSWORD_HERE`, `<your-api-key>`, `dummy-token-not-real`,
  `fake-client-secret`, `test-only-password`, `example-secret-key`);
- it is or holds a reference or template: `${VAR}`, `$VAR`, `{{ secret }}`, `{% ... %}`, `<...>`,
  `[...]`, `%(name)s`, a vault or secret-manager path, an environment lookup;
- it is masked or cut short: a run of `x`, `*`, `.`, `#`, `•` (`xxx…`, `****`), or a value ending
  in an ellipsis (`…` or `...`);
- it is a providers' documented example key (`AKIAIOSFODNN7EXAMPLE`), a filler token
  (`ghp_000...`) or a common placeholder word alone (`changeme`, `password`, `secret`, `none`).

Speed (every line of up to 10,000 specs): each file is searched as one string, never line by
line, and a spec without secrets should cost a few scans of it. The cheapest scans are those
for one character: `str.find` of a character is memchr-fast, and `re` scans for a pattern whose
literal prefix is a single character several times faster than for a longer prefix (or for a
character class, or in a text with characters beyond Latin-1, such as a tree drawing). So each
family of token formats (`AKIA`, `gh?_`, `xox?-`, `_live_`, `.eyJ`, `PRIVATE KEY`) has a gate,
a pattern that occurs exactly where the family's literal does but starts with one of its
rarer characters (`I(?<=AKI)A` for `AKIA`; the rest is checked around it), and the family's
full patterns only run when the gate occurs. Settings need a key word right before a `:` or
`=` (give or take a quote and blanks): `_SETTING_HINTS` look for that from each separator, and
only when one is found are the key words searched for in the lower-cased UTF-8 bytes and the
values examined.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Finding, SecretMatch, Spec
from . import RuleContext
from .docs import Example, RuleDoc
from .registry import E, register


def _config(language: str, *lines: str) -> Example:
    """The spec's Configuration Management section with a code block of `lines`."""
    code = "\n".join(lines)
    return Example(
        f"## Configuration Management\n\n### Configuration Files\n\n```{language}\n{code}\n```"
    )


_NOT_SECRETS = """
    Placeholders are neither reported nor hidden: a value that

    - contains one of the words your, example, dummy, fake, test, sample, placeholder,
      changeme, replaceme, redacted (`sk_test_YOUR_KEY_HERE`, `<your-api-key>`,
      `dummy-token-not-real`);
    - is or holds a reference: `${VAR}`, `$VAR`, `{{ secret }}`, `<...>`, `[...]`,
      `%(name)s`, a Vault or secret-manager path (`vault:secret/checkout#db`,
      `arn:aws:secretsmanager:...`), an environment lookup;
    - is masked or cut short: `xxxx`, `****`, `sk_live_…`;
    - is a provider's documented example (`AKIAIOSFODNN7EXAMPLE`) or a common placeholder word
      alone (`changeme`, `password`, `secret`, `none`).
"""
SECRET_TOKEN = register(
    "OS801",
    "literal-secret-token",
    E,
    "A cloud access key, private key block or API token is written into the spec (placeholders "
    "such as 'sk_test_YOUR_KEY_HERE' or 'xxx…' are not).",
    readiness="secrets",
    doc=RuleDoc(
        catches="""
            A credential of a known format anywhere in the file (prose, tables, code blocks,
            comments): AWS access key IDs, Google API keys, GitHub, Slack and Stripe live
            tokens, JSON web tokens, private key blocks (`-----BEGIN ... PRIVATE KEY-----`).
            The message names the kind, never the value, and the spec page hides it.
        """,
        why="""
            A spec is published to everyone who can read the docs and kept in version history
            for good: a key written into it has to be rotated, deleting it is not enough.
        """,
        bad=_config(
            "bash",
            "STRIPE_API_BASE=https://api.stripe.com",
            "STRIPE_SECRET_KEY=sk_live_51Hb2QmKp7Rx0VtNw3YcZ8aLd",
        ),
        fixed=_config(
            "bash",
            "STRIPE_API_BASE=https://api.stripe.com",
            "STRIPE_SECRET_KEY=${STRIPE_SECRET_KEY}  # injected from Vault: secret/checkout/stripe",
        ),
        accepts=_NOT_SECRETS,
    ),
)
SECRET_ASSIGNMENT = register(
    "OS802",
    "literal-secret-value",
    E,
    "A password, secret, API key or token setting has a literal value instead of a reference "
    "(placeholders such as 'changeme', '<your-api-key>', '${VAR}', '{{ secret }}' or "
    "'dummy-token' are not).",
    readiness="secrets",
    doc=RuleDoc(
        catches="""
            A setting whose key ends in password, passwd, passphrase, pwd, secret, token or API
            key (`password:`, `DB_PASSWORD=`, `"api_key": "..."`) with a literal value, or a
            password in a URL (`postgres://checkout:...@db`). The message names the kind and
            the column, never the value, and the spec page hides it.
        """,
        why="""
            A spec is published to everyone who can read the docs and kept in version history
            for good. Write where the secret comes from (a Vault path, an environment
            variable), not the secret.
        """,
        bad=_config(
            "yaml",
            "database:",
            "  host: orders-db.internal",
            "  user: checkout",
            "  password: Pr0d-Ord3rs-2026!",
        ),
        fixed=_config(
            "yaml",
            "database:",
            "  host: orders-db.internal",
            "  user: checkout",
            "  password: ${ORDERS_DB_PASSWORD}  # from Vault: secret/checkout/orders-db",
        ),
        accepts=_NOT_SECRETS,
    ),
)


# --- fixed-format tokens ---------------------------------------------------------------------

_B = r"(?<![A-Za-z0-9])"  # no letter or digit right before
_A = r"(?![A-Za-z0-9])"  # ... or right after

#: (anchor, gate, patterns): a pattern only runs when its gate occurs in the text; the gate
#: matches where one of the family's literals occurs, and starts with the single character
#: `anchor` (looked for first with `in`). Each pattern is (pattern, kind, length of its fixed
#: marker). Patterns never cross a line break.
_TOKEN_RULES: tuple[
    tuple[str, re.Pattern[str], tuple[tuple[re.Pattern[str], str, int], ...]], ...
] = (
    (
        "I",
        re.compile(r"I(?:(?<=AKI)A|(?<=ASI)A|(?<=AI)za)"),  # AKIA, ASIA, AIza
        (
            (re.compile(_B + r"(?:AKIA|ASIA)[A-Z0-9]{16}" + _A), "AWS access key ID", 4),
            (re.compile(_B + r"AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])"), "Google API key", 4),
        ),
    ),
    (  # GitHub and Stripe: one scan for their "_"
        "_",
        re.compile(r"_(?:(?<=gh[pousr]_)|(?<=github_)pat_|(?=live_))"),  # gh?_, github_pat_, _live_
        (
            (re.compile(_B + r"gh[pousr]_[A-Za-z0-9]{36,255}" + _A), "GitHub token", 4),
            (re.compile(_B + r"github_pat_[A-Za-z0-9_]{22,255}" + _A), "GitHub token", 11),
            (re.compile(_B + r"(?:sk|rk)_live_[A-Za-z0-9]{16,255}" + _A), "Stripe live key", 8),
        ),
    ),
    (
        "x",
        re.compile(r"x(?=ox[abprs]-)"),  # xox?-
        ((re.compile(_B + r"xox[abprs]-[A-Za-z0-9-]{10,255}" + _A), "Slack token", 5),),
    ),
    (
        "J",
        re.compile(r"J(?<=\.eyJ)"),
        (
            (
                re.compile(
                    _B + r"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*(?![\w.-])"
                ),
                "JSON web token",
                3,
            ),
        ),
    ),
)

#: Providers' documented example values (plus anything containing "example").
_KNOWN_EXAMPLES = frozenset(
    {
        "AKIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        # jwt.io's sample token
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0"
        "IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
    }
)

# --- private key blocks ------------------------------------------------------------------------

#: Where "PRIVATE KEY" occurs (the gate of `_find_private_keys`, anchored on its rarest letter).
_PEM_GATE = re.compile(r"Y(?<=PRIVATE KEY)")
_PEM_BEGIN_RE = re.compile(r"-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY( BLOCK)?-----")
_PEM_END_RE = re.compile(r"-----END [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----")
_PEM_HEADER_RE = re.compile(r"^[A-Za-z-]+:\s")  # Proc-Type: / DEK-Info: / Comment:
_B64_RUN_RE = re.compile(r"[A-Za-z0-9+/=]{16,}")
_B64_LINE_RE = re.compile(r"[A-Za-z0-9+/=]+")
_BODY_STRIP = " \t\"',>"
_PEM_MAX_LINES = 200

# --- key = value settings ----------------------------------------------------------------------

#: The words a secret setting's key ends with, searched in the lower-cased UTF-8 bytes of the
#: text (each pattern starts with a literal, which `re` scans for fast).
_SEP_AHEAD = rb"(?=[\"']?[ \t]*[:=])"  # only where a separator follows
_KEY_WORD_RES: tuple[tuple[re.Pattern[bytes], str], ...] = (
    (re.compile(rb"p(?:ass(?:word|wd|phrase)|wd)" + _SEP_AHEAD), "password"),
    (re.compile(rb"secret(?:[_-]?access[_-]?key)?" + _SEP_AHEAD), "secret"),
    (re.compile(rb"token" + _SEP_AHEAD), "token"),
    (re.compile(rb"api[_-]?key" + _SEP_AHEAD), "API key"),
)


def _setting_hint(sep: str) -> re.Pattern[str]:
    """A pattern that matches at every `sep` a `_KEY_WORD_RES` match can be followed by: a key
    word (ASCII letters in any case, as in the lower-cased bytes), then an optional quote, then
    blanks, then `sep`. Blanks before `sep` are taken as a hint on their own (a lookbehind has a
    fixed width). It starts with the single character `sep`, which `re` scans for fast, and
    first checks the one character before it, which fails at almost every separator."""
    words = ["password", "passwd", "passphrase", "pwd", "secret", "token"]
    words += [f"secret{a}access{b}key" for a in ("", "_") for b in ("", "_")]
    words += ["apikey", "api_key"]
    forms = []
    for word in words:
        letters = "".join(
            f"[{c}{c.upper()}]" if c.isalpha() else "[_-]" if c == "_" else c for c in word
        )
        forms += [f"(?<={letters}{sep})", f"(?<={letters}[\"']{sep})"]
    last = "".join(sorted({w[-1] + w[-1].upper() for w in words}))
    return re.compile(f"{sep}(?<=[{last}\"' \t]{sep})(?:(?<=[ \t]{sep})|{'|'.join(forms)})")


_SETTING_HINTS = tuple((sep, _setting_hint(sep)) for sep in ":=")
_KEY_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")
#: After the key: optional closing quote, the separator, the value (quoted or bare).
_SETTING_RE = re.compile(
    r"""(?P<q1>["']?)[ \t]*(?P<sep>:=|=>|=|:)(?P<sp>[ \t]*)"""
    r"""(?:(?P<quote>["'`])(?P<qval>[^"'`\n]*)(?P=quote)|(?P<val>[^\s"'`,;&|)}\]]+))"""
)
_AFTER_VALUE_OK_RE = re.compile(r"[ \t]*(?:$|\n|#|//|,|;|\}|\||`|\*\*|\)|\"|')")
_REF_PREFIXES = (
    "vault:",
    "vault/",
    "vault.",
    "secret/",
    "secrets/",
    "secretsmanager:",
    "secretmanager:",
    "aws-secretsmanager:",
    "awssm:",
    "arn:aws:secretsmanager:",
    "arn:aws:ssm:",
    "arn:aws:kms:",
    "ssm:",
    "ssm/",
    "parameterstore:",
    "gcpsm:",
    "gcp-secret:",
    "projects/",
    "sm://",
    "keyvault:",
    "azurekeyvault:",
    "akv:",
    "kv:",
    "op://",
    "doppler:",
    "sops:",
    "ref+",
    "env:",
    "env.",
    "os.environ",
    "os.getenv",
    "getenv",
    "process.env",
    "system.getenv",
    "env[",
    "secretkeyref",
    "valuefrom",
    "file:",
    "k8s:",
    "kubernetes:",
)
_PLACEHOLDER_VALUES = frozenset(
    {
        "changeme",
        "change_me",
        "change-me",
        "changeit",
        "password",
        "passwd",
        "pass",
        "secret",
        "token",
        "example",
        "dummy",
        "placeholder",
        "redacted",
        "masked",
        "hidden",
        "omitted",
        "none",
        "null",
        "nil",
        "empty",
        "true",
        "false",
        "yes",
        "no",
        "required",
        "optional",
        "n/a",
        "na",
        "tbd",
        "todo",
        "test",
        "unset",
        "string",
        "str",
        "value",
        "your_password",
        "yourpassword",
        "mypassword",
        "your_token",
        "your_secret",
        "your_api_key",
    }
)
_REDACTED_RE = re.compile(r"^[*xX•.…#?_\-]+$")
#: Words that make a value a placeholder (see the module's docstring).
PLACEHOLDER_WORDS = frozenset(
    {
        "your",
        "example",
        "dummy",
        "fake",
        "test",
        "sample",
        "placeholder",
        "changeme",
        "replaceme",
        "redacted",
    }
)
_WORD_SPLIT_RE = re.compile(r"[^A-Za-z0-9]+")
_ANGLE_RE = re.compile(r"<[^<>\s][^<>]*>")
_VARIABLE_RE = re.compile(r"^[A-Z][A-Z0-9]*_[A-Z0-9_]+$")  # DB_PASSWORD: an env var's name
_SENSITIVE_IN_NAME = ("pass", "secret", "token", "apikey", "api_key", "pwd", "cred")
_NUMBER_RE = re.compile(r"^\d+(?:\.\d+)?[a-z]{0,3}$")

# --- credentials in URLs -----------------------------------------------------------------------

_URL_CRED_RE = re.compile(r"://([^/\s:@'\"<>`]*):([^/\s@'\"<>`]+)@")


def find_secrets(lines: list[str]) -> list[SecretMatch]:
    """Every literal secret in `lines` (a file's lines, no line endings), in line then column
    order. Variable references, vault/secret-manager paths, environment lookups, redacted or
    placeholder values and the providers' documented example keys are not secrets."""
    if not lines:
        return []
    text = "\n".join(lines)
    found: list[tuple[int, int, str]] = []  # (start, end, kind) as offsets into text
    _find_tokens(text, found)
    if _occurs(text, "Y", _PEM_GATE):
        _find_private_keys(text, found)
    generic: list[tuple[int, int, str]] = []  # `key = value` settings, URL passwords
    if any(_occurs(text, sep, hint) for sep, hint in _SETTING_HINTS):
        _find_settings(text, generic)
    if "@" in text and "://" in text:
        _find_url_credentials(text, generic)
    for g in generic:  # a known token format names the kind better than its setting does
        if not any(g[0] < f[1] and f[0] < g[1] for f in found):
            found.append(g)
    if not found:
        return []
    found.sort()
    out: list[SecretMatch] = []
    last_end = -1
    for start, end, kind in found:
        if start < last_end:
            continue
        last_end = end
        line_start = text.rfind("\n", 0, start) + 1
        line = text.count("\n", 0, start) + 1
        out.append(SecretMatch(line, start - line_start, end - line_start, kind))
    return out


#: At most this many occurrences of an anchor are tried one by one (see `_occurs`).
_FEW = 2


def _occurs(text: str, anchor: str, pattern: re.Pattern[str]) -> bool:
    """Whether `pattern`, which starts with the character `anchor`, matches in `text`. The
    first `_FEW` anchors are found with `str.find` (memchr-fast) and tried one by one; past
    them, `re` scans for the rest (slower per character than `str.find`, but nothing per
    anchor): a rare anchor costs a few finds, a common one little more than the scan."""
    i = text.find(anchor)
    for _ in range(_FEW):
        if i == -1:
            return False
        if pattern.match(text, i) is not None:
            return True
        i = text.find(anchor, i + 1)
    return i != -1 and pattern.search(text, i) is not None


def _find_tokens(text: str, found: list[tuple[int, int, str]]) -> None:
    for anchor, gate, patterns in _TOKEN_RULES:
        if not _occurs(text, anchor, gate):
            continue
        for pattern, kind, marker in patterns:
            for m in pattern.finditer(text):
                value = m.group(0)
                if not (is_secret_placeholder(value) or _is_filler(value, marker)):
                    found.append((m.start(), m.end(), kind))


def _is_example(value: str) -> bool:
    return value in _KNOWN_EXAMPLES or "example" in value.lower()


def is_secret_placeholder(value: str) -> bool:
    """Whether a value is a placeholder by its words or its shape (the module's docstring):
    `sk_test_YOUR_KEY_HERE`, `dummy-token-not-real`, `<your-api-key>`, `xxx…`."""
    if _is_example(value) or value.endswith(("…", "...")) or _ANGLE_RE.search(value):
        return True
    words = _WORD_SPLIT_RE.split(value.lower())
    return any(w in PLACEHOLDER_WORDS for w in words)


def _is_filler(value: str, marker: int) -> bool:
    """`AKIAXXXXXXXXXXXXXXXX`, `ghp_000...`: a redacted token, not a key."""
    body = value[marker:]
    return len(set(body.replace("_", "").replace("-", "").lower())) <= 2


def _find_private_keys(text: str, found: list[tuple[int, int, str]]) -> None:
    pos = 0
    while True:
        m = _PEM_BEGIN_RE.search(text, pos)
        if m is None:
            return
        pos = m.end()
        # Key material on the BEGIN line itself (a one-line key, "\n" escapes in a string)
        eol = text.find("\n", pos)
        eol = len(text) if eol == -1 else eol
        spans: list[tuple[int, int]] = []
        material = 0
        rest = text[pos:eol]
        end_m = _PEM_END_RE.search(rest)
        inline = rest[: end_m.start()] if end_m else rest
        for run in _B64_RUN_RE.finditer(inline.replace("\\n", "  ")):
            spans.append((pos + run.start(), pos + run.end()))
            material += len(run.group(0))
        if end_m is None:
            # Body lines up to the END marker (or the first line that is not key material)
            line_start = eol + 1
            for _ in range(_PEM_MAX_LINES):
                if line_start >= len(text):
                    break
                line_end = text.find("\n", line_start)
                line_end = len(text) if line_end == -1 else line_end
                line = text[line_start:line_end]
                end_m2 = _PEM_END_RE.search(line)
                if end_m2 is not None:
                    before = line[: end_m2.start()]
                    body = before.strip(_BODY_STRIP)
                    if body and _B64_LINE_RE.fullmatch(body):
                        a = line_start + before.index(body)
                        spans.append((a, a + len(body)))
                        material += len(body)
                    pos = line_start + end_m2.end()
                    break
                body = line.strip(_BODY_STRIP)
                if body.endswith("\\n"):
                    body = body[:-2].rstrip(_BODY_STRIP)
                if not body or _PEM_HEADER_RE.match(body):
                    if not body and material:
                        break
                    line_start = line_end + 1
                    continue
                if not _B64_LINE_RE.fullmatch(body):
                    break  # not key material: a redacted body ("...", "<key>") or prose
                a = line_start + line.index(body)
                spans.append((a, a + len(body)))
                material += len(body)
                line_start = line_end + 1
        if material < 32:
            continue  # no key material: the marker is quoted, or the body is redacted
        joined = "".join(text[a:b] for a, b in spans)
        if _is_example(joined) or _is_filler(joined, 0):
            continue
        for a, b in spans:
            found.append((a, b, "private key"))


def _find_settings(text: str, found: list[tuple[int, int, str]]) -> None:
    raw = text.encode("utf-8", "surrogatepass")
    low = raw.lower()  # ASCII letters only: fast, and the key words are ASCII
    same = len(raw) == len(text)  # byte offsets are character offsets
    for pattern, kind in _KEY_WORD_RES:
        for m in pattern.finditer(low):
            i, j = m.span()
            if not same:
                i = len(raw[:i].decode("utf-8", "surrogatepass"))
                j = i + (m.end() - m.start())
            match = _setting_at(text, i, j, kind)
            if match is not None:
                found.append(match)


def _setting_at(text: str, i: int, j: int, kind: str) -> tuple[int, int, str] | None:
    """The secret value of a `key = value` whose key ends with a key word at text[i:j]."""
    m = _SETTING_RE.match(text, j)
    if m is None:
        return None
    # The key: identifier characters back from the word.
    k = i
    while k > 0 and text[k - 1] in _KEY_CHARS:
        k -= 1
    line_start = text.rfind("\n", 0, k) + 1
    before = text[line_start:k].rstrip(" \t")
    sep = m.group("sep")
    quoted = m.group("quote") is not None
    value = m.group("qval") if quoted else m.group("val")
    start, end = (m.start("qval"), m.end("qval")) if quoted else (m.start("val"), m.end("val"))
    if sep == ":" or m.group("sp"):
        # `key: value` is prose as often as config: only a key that starts the line (YAML, a list
        # item, a table cell, JSON) with a value that ends it counts.
        if sep == ":" and not _key_starts_statement(before):
            return None
        if not quoted and _AFTER_VALUE_OK_RE.match(text, end) is None:
            return None
        if sep == ":" and not quoted and not _looks_random(value):
            return None  # "Token: JWT", "Password: required" are prose
        if m.group("q1") and before[-1:] not in ("'", '"'):
            return None
    if sep == "=" and text[m.end("sep") : m.end("sep") + 1] == "=":
        return None
    if "access" in text[i:j].lower():
        kind = "API key"  # aws_secret_access_key
    if _not_a_secret(value, quoted) or (kind != "password" and _NUMBER_RE.match(value)):
        return None  # token: 3600, secret_ttl-like numbers are not credentials
    return start, end, kind


def _key_starts_statement(before: str) -> bool:
    """What precedes a `key:` on its line: nothing, a list marker, a quote, `{`, `,`, `|`."""
    b = before.rstrip("\"'` \t")
    if not b:
        return True
    if b.endswith(("{", ",", "|", "(", "[", " -H", " --header")):
        return True  # JSON, a table cell, curl -H "X-Api-Key: ..."
    return b.lstrip() in ("-", "*", "+", "#", "//") or re.fullmatch(r"\s*\d+[.)]", b) is not None


def _looks_random(value: str) -> bool:
    """A digit, a symbol, mixed case inside or length: not a plain word or acronym."""
    if len(value) >= 12 or any(not c.isalpha() for c in value):
        return True
    inner = value[1:]
    return inner != inner.lower() and inner != inner.upper()


def _not_a_secret(value: str, quoted: bool) -> bool:
    v = value.strip()
    if len(v) < 3:
        return True
    low = v.lower()
    if v[0] in "$<[{(!@%&*" and not _REDACTED_RE.match(v):
        return True  # ${VAR}, $VAR, <password>, [password], {{ x }}, !vault, %(x)s
    if _REDACTED_RE.match(v):
        return True
    if "${" in v or "{{" in v or "%(" in v or "(" in v or "[" in v:
        return True  # templated or an expression
    if low.startswith(_REF_PREFIXES) or low in _PLACEHOLDER_VALUES:
        return True
    if "redacted" in low or "changeme" in low or low.startswith("your") or is_secret_placeholder(v):
        return True
    if v.startswith(("/", "./", "../", "~/")):
        return True  # a file path (password_file-style)
    if low.startswith(("http://", "https://")):
        return True  # an endpoint; credentials inside URLs are found separately
    if not quoted:
        if _VARIABLE_RE.match(v):
            return True  # password=DB_PASSWORD: the name of a variable
        if any(w in low for w in _SENSITIVE_IN_NAME) and re.fullmatch(r"[\w.-]+", v):
            return True  # password=db_password, secret=settings.secret
    return False


def _find_url_credentials(text: str, found: list[tuple[int, int, str]]) -> None:
    for m in _URL_CRED_RE.finditer(text):
        value = m.group(2)
        if _not_a_secret(value, quoted=True) or _is_example(m.group(0)):
            continue
        found.append((m.start(2), m.end(2), "password in URL"))


# --- the rule ---------------------------------------------------------------------------------

_ASSIGNMENT_KINDS = frozenset({"password", "secret", "token", "API key", "password in URL"})


def block_lines(matches: list[SecretMatch], lines: list[str]) -> dict[int, int]:
    """Line -> the first line of its private key block, for every line of key material. A key
    block's body lines follow one another; the next block starts after an END and a BEGIN line
    (or on its BEGIN line, for a one-line key)."""
    out: dict[int, int] = {}
    previous: SecretMatch | None = None
    for match in matches:
        if match.kind == "private key":
            continues = (
                previous is not None
                and previous.kind == "private key"
                and match.line == previous.line + 1
                and "-----BEGIN" not in lines[match.line - 1]
            )
            out[match.line] = out[previous.line] if continues and previous else match.line
        previous = match
    return out


def check_spec(spec: Spec, ctx: RuleContext) -> Iterator[Finding]:
    doc = spec.document
    matches = list(spec.secrets)  # the parser found them (`find_secrets`)
    if doc is None or not matches:
        return
    blocks = block_lines(matches, doc.lines)
    for match in matches:
        if match.kind == "private key" and blocks[match.line] != match.line:
            continue  # one finding per private key block, on its first line
        col = match.start + 1
        if match.kind in _ASSIGNMENT_KINDS:
            rule = SECRET_ASSIGNMENT
            if match.kind == "password in URL":
                what, noun = "literal password in a URL", "a password"
            else:
                what = f"literal {match.kind} value"
                noun = ("an " if match.kind[0] in "AEIOUaeiou" else "a ") + match.kind
            message = (
                f"{what} at column {col}: never write {noun} into a spec; reference it "
                "instead (${VAR}, a vault or secret-manager path) and rotate it"
            )
        else:
            rule = SECRET_TOKEN
            what = "private key block" if match.kind == "private key" else match.kind
            message = (
                f"{what} at column {col}: remove it from the spec, rotate it, and reference "
                "where it is stored instead (a vault or secret-manager path)"
            )
        yield Finding(
            path=spec.path,
            line=match.line,
            severity=rule.severity,
            rule=rule.code,
            message=message,
        )
