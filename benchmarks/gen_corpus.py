"""A seeded generator of varied spec corpora for the benchmarks.

    python benchmarks/gen_corpus.py site OUT --features 100 [--seed 7]
    python benchmarks/gen_corpus.py check OUT --specs 10000 [--seed 7]

`site` writes OUT/docs: N features with the seven spec types each, operations/_BASE.md and
technical/_BASE.md (the example site's), an index.md, and four configs beside it: Material
with `navigation.prune` (mkdocs-prune.yml, the main configuration) and with the full nav
(mkdocs-full.yml), each also without the plugin (mkdocs-prune-noplugin.yml, ...).
`check` writes OUT/operations/: N operations specs and the _BASE.md they refer to, for
`mkdocs-opsspec check OUT`.

Every spec is composed from pools of building blocks (names, teams, values, sentences with
numbers and names in them), with optional sections present or not, sections in varied order,
varied lengths and a few house styles. About a quarter carries a mistake the plugin reports.
The same seed and size give the same files. Both commands print the share of distinct non-blank
lines in the corpus and the share of specs with findings (errors or warnings, from the plugin's
core, on the reference date of SOURCE_DATE_EPOCH=REFERENCE_EPOCH).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import shutil
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from markdown.extensions.toc import slugify

EXAMPLE_DOCS = Path(__file__).resolve().parent.parent / "example-site" / "docs"
DEFAULT_SEED = 7
#: SOURCE_DATE_EPOCH of every benchmark run: the date the generated "Last Updated" values and
#: the plugin's staleness checks are relative to.
REFERENCE_EPOCH = 1795651200
REFERENCE_DATE = dt.datetime.fromtimestamp(REFERENCE_EPOCH, dt.timezone.utc).date()
#: Share of specs that get one mistake (some mistakes make several findings).
FLAW_RATE = 0.27
TYPES = ("business", "functional", "technical", "testing", "security", "operations", "architecture")
#: Build flavours: Material with `navigation.prune` (the main one), the full nav, and prune with
#: the plugin's `slo_sources` set to the corpus's SLOs as `mkdocs-opsspec export` writes them.
NAVS = ("prune", "full", "prune-slos")

# --- word pools --------------------------------------------------------------------------------

DOMAINS = (
    "Order", "Parcel", "Invoice", "Shipment", "Customer", "Carrier", "Warehouse", "Payment",
    "Refund", "Pricing", "Route", "Label", "Returns", "Inventory", "Fleet", "Driver", "Depot",
    "Customs", "Tariff", "Address", "Pickup", "Delivery", "Claims", "Billing", "Ledger",
    "Catalog", "Partner", "Contract", "Slot", "Locker", "Pallet", "Manifest", "Dock", "Yard",
    "Freight", "Quote", "Booking", "Tracking", "Notification", "Audit", "Consent", "Identity",
    "Report", "Forecast", "Capacity", "Rate", "Settlement", "Dispute", "Voucher", "Loyalty",
)  # fmt: skip
ASPECTS = (
    "Intake", "Sync", "Matching", "Scoring", "Export", "Import", "Reconciliation", "Allocation",
    "Validation", "Lookup", "Planning", "Dispatch", "Archive", "Enrichment", "Routing", "Search",
    "Events", "Feed", "Cache", "Ingest", "Replay", "Labelling", "Tagging", "Batching", "Review",
)  # fmt: skip
KINDS = (
    "API", "Service", "Worker", "Gateway", "Pipeline", "Batch", "Scheduler", "Store", "Bridge",
    "Adapter", "Processor", "Engine", "Hub", "Monitor",
)  # fmt: skip
TEAMS = (
    "platform", "fulfilment", "payments", "customer-care", "data", "logistics-core",
    "partner-integrations", "finance-systems", "identity", "mobile", "warehouse-systems",
    "routing", "pricing", "growth", "sre", "billing", "checkout", "carrier-network",
)  # fmt: skip
REGIONS = (
    ("eu-west-1", "eu-central-1"), ("eu-central-1", "eu-west-1"), ("us-east-1", "us-west-2"),
    ("eu-north-1", "eu-west-1"), ("ap-southeast-2", "ap-southeast-1"), ("us-west-2", "us-east-2"),
)  # fmt: skip
LANGS = ("Go", "Kotlin", "Java", "Python", "TypeScript", "Rust", "C#", "Elixir", "Scala")
STORES = (
    "PostgreSQL", "Aurora PostgreSQL", "MySQL", "DynamoDB", "Redis", "Elasticsearch",
    "Cassandra", "MongoDB", "", "",  # "": stateless
)  # fmt: skip
EXTERNALS = (
    "Amazon SES", "AWS KMS", "Stripe", "Adyen", "TextRelay (SMS)", "Firebase Cloud Messaging",
    "Google Maps Routes API", "HERE Geocoding", "Salesforce", "SAP S/4HANA", "Snowflake",
    "Okta", "Twilio", "DHL Parcel API", "PostNL API", "Kafka (MSK)", "Amazon SQS",
)  # fmt: skip
AUDIENCES = (
    "web shop partners", "warehouse planners", "depot managers", "drivers", "support agents",
    "finance controllers", "parcel recipients", "carrier partners", "route planners",
    "data analysts", "key account managers", "customs brokers",
)  # fmt: skip
TOOLS = ("Prometheus", "Datadog", "Grafana Cloud", "New Relic", "CloudWatch", "Honeycomb")
PLATFORMS = ("EKS", "GKE", "ECS Fargate", "Nomad", "AKS")
STATUSES = ("Draft", "Review", "Approved", "Approved", "Implemented", "Implemented")
BAD_STATUSES = ("In Progress", "WIP", "Done", "Live", "Planned", "Signed off")

# --- sentence pools (slots are filled by `fill`) -------------------------------------------------

OVERVIEW = (
    "The {name} (`{slug}`) {does} for {audience}.",
    "It handles about {big} requests per minute at peak, most of them from {other}.",
    "Requests arrive through {entry}; state is kept in {store_or_none}.",
    "The service runs on {platform} in {region}, with a warm standby in {dr_region}.",
    "This spec covers release {major}.{minor}, which {change}.",
    "Owner: {team} team (on-call rotation `{team}-primary`, {n} engineers).",
    "Traffic peaks between {h1}:00 and {h2}:00 CET, when {audience} {activity}.",
    "{name} replaced the legacy {legacy} in {year}; its old endpoints stay up until {year2}.",
    "Around {pct}% of the calls to `{slug}` come from {other}; the rest are batch jobs.",
    "The {lang} code base lives in `{team}/{slug}` and is deployed about {n} times a week.",
)
DOES = (
    "accepts {thing} from partners and hands them to {other}",
    "computes {thing} for {other}",
    "publishes {thing} as events on the Kafka topic `{slug}.events.v{major}`",
    "reconciles {thing} with {other} every {mins} minutes",
    "serves {thing} lookups to {other}",
    "exports {thing} to the data warehouse every night",
    "validates {thing} before {other} accepts them",
    "keeps {thing} in step between {other} and the warehouse system",
)
CHANGES = (
    "moves the queue from SQS to Kafka",
    "adds a second region for reads",
    "drops the v{minor} endpoints",
    "introduces per-tenant rate limits of {n} requests per second",
    "splits the batch job into {n} parallel shards",
    "switches the database to {store_or_none}",
    "adds idempotency keys to every write",
)
ACTIVITIES = (
    "plan the next day",
    "close their books",
    "upload manifests",
    "check delivery windows",
    "print labels",
    "book pickups",
)
PREREQUISITES = (
    "{platform} cluster `nwl-prod-{short}` with the `{slug}` namespace",
    "{store_or_queue} reachable from the `{slug}` namespace",
    "Secrets `{slug}/db` and `{slug}/{ext_key}` present in the secret store",
    "Feature flag `{slug}.enabled` created in LaunchDarkly (off by default)",
    "Service account `{slug}-sa` with read access to `{other_slug}`",
    "DNS record `{slug}.internal.northwind.example` pointing at the internal load balancer",
    "Terraform workspace `prod-{short}` applied for the `{slug}` module (version {major}.{minor})",
    "Kafka topics `{slug}.commands` and `{slug}.events.v{major}` with {n} partitions each",
)
PRE_DEPLOY = (
    "Confirm the `{slug}` error budget has more than {pct}% left",
    "Check the latest {store_or_none} snapshot of `{slug}` is less than {hours} hours old",
    "Run the `{slug}` contract tests against the staging {other_slug}",
    "Announce the `{slug}` deploy in `#{team}-deploys` at least {mins} minutes ahead",
    "Make sure no migration of `{slug}` is still running",
    "Check the queue `{slug}-work` is below {big} messages",
)
DEPLOY_METHOD = (
    "Canary of `{slug}` through Argo Rollouts: {a}%, {b}%, 100% at {mins}-minute intervals",
    "Blue-green: the load balancer switches to the new `{slug}` pods after {mins} minutes",
    "Rolling update of `{slug}` with maxSurge {n} and maxUnavailable 0",
    "Progressive delivery of `{slug}` with Flagger ({a}% steps, analysis every {mins} minutes)",
    "Spinnaker pipeline `{slug}-prod` (red/black, {n} regions one after the other)",
)
DEPLOY_HOW = (
    "Released by merging the image tag bump in `platform-deploy` (`apps/{slug}/values-prod.yaml`)",
    "Triggered from the `{slug}` pipeline once staging has been green for {hours} hours",
    "Helm chart `{slug}` version {major}.{minor}.{n} promoted with `helm upgrade --atomic`",
    "Run `make deploy ENV=prod SERVICE={slug}` from the release branch",
)
POST_DEPLOY = (
    "Run the `{slug}` smoke suite ({n} synthetic requests against production)",
    "Watch the `{slug}` error rate, latency p99 and queue age for {mins} minutes",
    "Roll back if the `{slug}` 5xx rate exceeds {small}% or p99 latency doubles",
    "Compare the {thing} counts of `{slug}` with the hour before the deploy",
    "Post the result in `#{team}-deploys` with the `{slug}` dashboard link",
)
ROLLBACK_STEPS = (
    "Abort the `{slug}` rollout and revert the image tag commit in `platform-deploy`",
    "Run `kubectl -n {slug} rollout undo deployment/{slug}`",
    "Switch the load balancer back to the previous `{slug}` target group",
    "Turn the feature flag `{slug}.enabled` off in LaunchDarkly",
    "Redrive anything the bad version dead-lettered from `{slug}-dlq`",
    "Restore the previous config map `{slug}-config` from git (`git revert` of the change)",
    "Verify: `{slug}` synthetic checks pass, error rate below {small}% for {mins} minutes",
    "Scale the `{slug}` workers back to {n} replicas if the rollout changed the count",
    "Check that `{slug}-work` drains to fewer than {big} messages within {mins} minutes",
    "Tell {audience} in `#{team}-status` once {name} is back to normal",
)
SECRET_STORES = (
    "AWS Secrets Manager `{slug}/{key}`, injected as an environment variable",
    "HashiCorp Vault at `secret/{team}/{slug}/{key}`, rotated every {days} days",
    "Kubernetes secret `{slug}-{key}`, synced by External Secrets from Vault",
    "SSM Parameter Store `/{team}/{slug}/{key}` (SecureString)",
)
LOG_EVENTS = (
    "Every {thing_one} accepted, rejected or retried by `{slug}`, with its ID and the caller",
    "Calls from `{slug}` to {other} that take longer than {ms}ms",
    "Configuration reloads of `{slug}-config`",
    "Feature flag changes of `{slug}.*`",
    "Dead-lettered messages of `{slug}-work` (with the reason)",
    "Start and end of the nightly {thing} export of `{slug}`, with counts",
    "Authorisation failures of `{slug}` with the client ID and the scope asked for",
)
SCALE_H = (
    "`{slug}` is stateless behind the gateway and scales out freely",
    "HPA of `{slug}` on CPU (target {pct2}%), {n} to {n2} pods",
    "KEDA scales the `{slug}` workers on the depth of `{slug}-work`, {n} to {n2} pods",
    "Each extra pod adds {n} database connections; the pool limit is {big}",
    "Partitions cap the `{slug}` consumers at {n2}: add partitions before adding pods",
)
SCALE_V = (
    "{cpu}m CPU and {mem}Mi memory per `{slug}` pod",
    "{store_or_none} of `{slug}` on `{instance}`; reads go to the reader endpoint",
    "The heap of `{slug}` is fixed at {mem}Mi; more memory needs a new pod size",
    "At most {n2} pods of `{slug}` (connection limit of the database)",
    "Scale `{slug}` up before seasonal peaks ({month}), down in {month2}",
)
CAPACITY = (
    "Expected load: {big} requests per minute at peak, {small2} on average",
    "Growth of `{slug}`: about {pct}% a year, with {month} the busiest month",
    "Review quarterly with the `{slug}` capacity dashboard",
    "Load test `{slug}` at {n}x the last peak before each peak season",
    "Storage of `{slug}` grows by about {n} GB a month; {n2} months of headroom left",
)
RECOVERY_SCENARIOS = (
    "{thing} lost or corrupted",
    "Bad configuration pushed to `{slug}-config`",
    "{other} returns wrong data for hours",
    "Database failover of {store_or_none}",
    "Accidental delete of a tenant's {thing}",
    "Region outage in {region}",
)
RECOVERY_STEPS = (
    "Detection: the nightly count check of {thing} in `{slug}` or a report from {audience}",
    "Restore the last good {store_or_pg} snapshot of `{slug}` into a new instance and copy "
    "the affected rows back",
    "Replay the `{slug}.events.v{major}` topic from the last good offset",
    "Re-run the `{slug}` import for the affected {days} days",
    "Validation: {thing} counts match {other} and the `{slug}` synthetic checks pass",
    "Page `{team}-secondary` if the restore of `{slug}` takes longer than {mins} minutes",
    "Tell {audience} which {thing} were affected (list from the `{slug}` audit log)",
)
ROUTINE = {
    "Daily": (
        "Check the `{slug}` error budget dashboard",
        "Look at the dead-letter queue `{slug}-dlq`",
        "Read the overnight `{slug}` batch report of {thing}",
    ),
    "Weekly": (
        "Review slow queries of `{slug}` in {store_or_none}",
        "Patch the base image of `{slug}` (automated PR, merge it)",
        "Review the {n} noisiest `{slug}` alerts of the week",
    ),
    "Monthly": (
        "Test a restore of the `{slug}` {store_or_none} in staging",
        "Rotate the `{slug}` credentials that are not rotated automatically",
        "Purge {thing} older than {n2} months from `{slug}`",
    ),
}
UPGRADE = (
    "Read the release notes of `{slug}` {major}.{minor} and of its libraries",
    "Test in staging with production-like data ({big} {thing})",
    "Schedule the `{slug}` upgrade outside {h1}:00-{h2}:00 CET",
    "Deploy `{slug}` {major}.{minor}.{n} as described under Deployment",
    "Validate with the `{slug}` smoke suite and the {thing} counts",
    "Update the `{slug}` changelog and tell `#{team}`",
)
ISSUES = (
    ("{thing} stuck in pending", "Pending count grows on the `{slug}` dashboard"),
    ("Duplicate {thing}", "Two `{slug}` records with one partner reference, about {n} a day"),
    ("Slow responses from {other}", "p99 of the outgoing calls of `{slug}` above {ms}ms"),
    ("Consumer lag on `{slug}-work`", "Lag above {big} messages for {mins} minutes"),
    ("Timeouts after a `{slug}` deploy", "Health checks flap on the new pods for {mins} minutes"),
    ("Wrong time zone in {thing}", "Timestamps in `{slug}` one hour off for {audience}"),
)
ISSUE_FIX = (
    "Restart the `{slug}` consumer; it resumes from the last committed offset",
    "Raise `{slug}.timeout` to {ms}ms until {other} recovers",
    "Run `{slug}-admin reconcile --since {hours}h`",
    "Roll back the last `{slug}` deploy (see Rollback Procedure)",
    "Clear the `{slug}` cache with `{slug}-admin cache flush`",
)
ISSUE_DIAGNOSIS = (
    "The `{slug}` dashboard and the logs of the last {hours} hours",
    "Traces of `{slug}` in {tool}, filtered on the tenant",
    "`{slug}-admin status --verbose` on one of the pods",
    "Compare the {thing} counts of `{slug}` with {other}",
)
ISSUE_PREVENT = (
    "Alert on the `{slug}` pending count over {big}",
    "Contract test with {other} in the `{slug}` pipeline",
    "Idempotency key on every write to `{slug}`",
    "Readiness probe of `{slug}` waits for the cache to warm ({n} seconds)",
    "Load test `{slug}` at {n}x peak before each release",
)
RUNBOOK_STEPS = (
    "Open the `{slug}` dashboard in {tool} and check the deploys of the last {hours} hours",
    "Roll back `{slug}` if a deploy happened in the last {mins} minutes",
    "Check whether {other} is degraded (its status page and the `{slug}` outgoing latency)",
    "Look at `{slug}-dlq` for one message failing again and again; park it with "
    "`{slug}-admin dlq park`",
    "Scale `{slug}` out to {n2} pods if CPU is above {pct2}%",
    "Fail over `{slug}` to {dr_region} if {region} is degraded (see Disaster Recovery)",
    "Verify the `{slug}` error rate stays below {small}% for {mins} minutes",
    "Write the incident up in the `{team}` incident log with the `{slug}` timeline",
    "Check the {store_or_pg} connections of `{slug}` (limit {big}) and kill idle ones",
    "Look for one tenant sending {n}x its usual traffic and rate-limit it in `{slug}-config`",
    "Compare the latency of `{slug}` in {region} with {dr_region}",
    "Restart the `{slug}` pods one at a time if memory is above {pct2}%",
    "Pause the `{slug}` batch jobs (`{slug}-admin jobs pause`) to free capacity",
    "Tell {audience} in `#{team}-status` which parts of {name} are affected",
    "Check the certificate of `{slug}.internal.northwind.example` (`openssl s_client`)",
    "Free space by purging `{slug}` logs older than {days} days",
)
ESCALATION = (
    "`{team}-secondary` on-call after {mins} minutes",
    "The {team} engineering manager after {mins} minutes, or at once when {audience} are stuck",
    "`{team}-secondary`, then the incident commander rota (`{slug}` is tier {n})",
    "The {other} account manager when the cause of the `{slug}` incident is on their side",
)
UPSTREAM_IMPACT = (
    "requests to `{slug}` fail with 503 after the {mins}-second cache expires",
    "writes queue up in `{slug}-work` for up to {hours} hours",
    "{thing} in `{slug}` are delayed; nothing is lost",
    "the service runs read-only",
    "`{slug}` rejects new {thing} with 424",
)
DOWNSTREAM_IMPACT = (
    "{thing} are delayed until {name} recovers",
    "falls back to cached {thing}, at most {mins} minutes old",
    "stops its nightly run of {thing} and retries at {h1}:{mins}",
    "shows stale {thing} to {audience}",
)
DR_SCENARIOS = (
    "**Region outage ({region})**: start the stack in {dr_region} from Terraform workspace "
    "`prod-{dr_short}` and switch `{slug}.internal.northwind.example`",
    "**Data corruption**: restore the last good backup into a new instance, then replay "
    "the `{slug}.events.v{major}` topic",
    "**{other} gone for hours**: queue {thing} in `{slug}-work` and drain it afterwards",
    "**Lost credentials**: rotate every `{slug}` secret with the break-glass role and redeploy",
)
REPLICATION = (
    "{store_or_none} replicates to {dr_region} continuously (lag under {n} seconds) and supports "
    "point-in-time recovery, which is what the RPO relies on.",
    "The RPO of `{slug}` relies on streaming replication to {dr_region}, not on the snapshots.",
    "Point-in-time recovery of `{slug}` covers the last {days} days; WAL is archived every minute.",
)
STATELESS = (
    "The service is stateless: it keeps no data of its own, so there is nothing to restore.",
    "`{slug}` is stateless; everything it needs is in {other}.",
)
DEBUG_CMDS = (
    "kubectl -n {slug} set env deployment/{slug} LOG_LEVEL=debug",
    "{slug}-admin log-level debug --for {mins}m",
    "curl -X POST http://{slug}.internal:8081/admin/loglevel?level=DEBUG",
)
NOTES = (
    "Changes to `{slug}` go through the {team} change calendar; freezes apply in {month}.",
    "The dashboards of `{slug}` live in {tool} under the folder `{team}/{slug}`.",
    "Numbers above are from the {month} peak ({big} requests per minute in {region}).",
    "{Audience} notice an outage of {name} within about {mins} minutes, so it pages.",
    "Calls from `{slug}` to {other} have their own circuit breaker ({n} failures open it).",
    "Anything of `{slug}` that differs in {dr_region} is noted inline.",
    "The values were last checked against production on {review} by the {team} on-call.",
    "Where this spec and `operations/_BASE.md` disagree, this spec wins for `{slug}`.",
    "Questions about `{slug}` go to `#{team}`; the on-call answers within {mins} minutes.",
    "{name} was load tested on {review} at {big} requests per minute without errors.",
    "The last incident of `{slug}` (INC-{big}) changed the numbers in this section.",
    "Staging runs the same `{slug}` configuration with {n} pods instead of {n2}.",
    "Costs of `{slug}` in {region}: about EUR {k}k a month, half of it {store_or_pg}.",
    "The {team} team reviews this section of `{slug}` every {month}.",
)
DASHBOARDS = (
    "[`{slug}` overview](https://grafana.northwind.example/d/{slug}-overview)",
    "[`{slug}` SLOs](https://grafana.northwind.example/d/{slug}-slo) (error budget, burn rates)",
    "[{name} in {tool}](https://{team}.{tool_host}.example/dashboards/{slug})",
    "[`{slug}` traces](https://tempo.northwind.example/search?service={slug})",
    "[{store_or_pg} of `{slug}`](https://grafana.northwind.example/d/{slug}-db)",
)
REVIEW = (
    "**Operations Review**: Required before production deployment",
    "**Operations Review**: Completed {review}, signed off by the {team} lead",
    "**Operations Review**: Scheduled for {review}",
    "**Operations Review**: Yearly, next one in {month}",
)

# --- sentence pools of the other spec types ---------------------------------------------------

PROBLEMS = (
    "{Audience} spend about {n} hours a week on {thing} by hand, and {pct}% of them need a "
    "second look.",
    "{pct}% of support contacts about {thing} are questions {name} could answer itself.",
    "Partners wait up to {hours} hours for {thing}, and {n} of the top {n2} have complained.",
    "The legacy {legacy} cannot keep up with {big} {thing} a day and fails every peak season.",
    "Every {thing_one} that goes wrong costs about EUR {k} to put right, {big} times a year.",
    "{other} and the warehouse disagree on {pct}% of {thing}, and nobody owns the difference.",
)
STORIES = (
    "As {a_audience}, I want {thing} from {name} within {mins} minutes so that I can plan",
    "As {a_audience}, I want to see why {name} rejected {thing} so that I can fix them myself",
    "As {a_audience}, I want a daily export of {thing} from {name} so that my reports add up",
    "As {a_audience}, I want {name} to tell me when something is late so that I can react",
    "As {a_audience}, I want {name} as the one place for {thing} so that I stop asking {other}",
    "As {a_audience}, I want to filter {thing} in {name} by {region} so that I see my depots",
    "As {a_audience}, I want {thing} older than {days} days archived so that {name} stays fast",
    "As {a_audience}, I want an API for {thing} so that my {lang} system can use {name}",
)
SUCCESS_METRICS = (
    "Manual handling of {thing} in {name}: down by {pct}% within {n} months",
    "Time until {thing} are available in {name}: under {mins} minutes for {pct2}%",
    "Support contacts about {thing} and {name}: {n} fewer per 1,000 orders",
    "Net promoter score of partners using {name}: from {n} to {n2}",
    "Cost per {thing_one} handled by {name}: below EUR 0.{cents}",
    "{Thing} processed per day: from {small2}k to {big}k without extra staff",
    "Share of {thing} that {name} rejects at the first try: below {pct}%",
    "Onboarding of a new partner on {name}: {n} days instead of {n2}",
)
BENEFITS = (
    "About {big} fewer manual touches a month on {thing} (EUR {k}k in team time)",
    "{pct}% fewer failed {thing}, about EUR {k}k a month",
    "Retire the legacy {legacy} behind {name} (EUR {k}k a year of licences)",
    "Faster onboarding of partners on {name}: {n} days instead of {n2}",
    "{Audience} in {region} stop keeping their own spreadsheets of {thing} ({big} rows)",
    "Fewer escalations about {name} to {team}: about {n} a week instead of {n2}",
)
FEATURES_POOL = (
    "**{Thing} intake**: accepts {thing} over REST and from SFTP drops ({big} a day)",
    "**Validation**: `{slug}` checks every {thing_one} against the rules of {other}",
    "**Status feed**: `{slug}` pushes every change of a {thing_one} within {mins} s",
    "**Bulk export**: CSV and Parquet exports of {thing}, up to {big} rows",
    "**Search**: find {thing} by reference, partner or date in {name}",
    "**Audit trail**: who changed which {thing_one} in {name}, kept for {n} years",
    "**Retry queue**: failed {thing} are retried by `{slug}` for {hours} hours",
    "**Self-service portal**: {audience} fix rejected {thing} in {name} themselves",
    "**Notifications**: {audience} get an e-mail when {thing} wait in {name} over {hours} hours",
    "**Tenant settings**: each partner of {name} sets its own cut-off time (default {h2}:00)",
)
WORKFLOW_STEPS = (
    "{Audience} upload {thing} in the portal or through the API of {name}",
    "{name} validates them and answers within {ms}ms",
    "Rejected {thing} come back from `{slug}` with a reason per line",
    "{Audience} fix the lines and send them to {name} again",
    "{thing} accepted by {name} appear in {other} within {mins} minutes",
    "A summary e-mail of {name} goes out at {h1}:00 with the counts of the day",
    "{name} archives the {thing} after {days} days",
)
EDGE_CASES = (
    "**Duplicate upload**: the second copy is answered with the first result (idempotency key)",
    "**Partial file**: lines after the first {n} errors are not read; `{slug}` says so",
    "**Unknown partner**: `{slug}` answers 403 and logs it for {team}",
    "**{other} down**: {name} holds {thing} for up to {hours} hours, then rejects them",
    "**Clock skew**: `{slug}` refuses timestamps more than {mins} minutes ahead",
    "**Empty file**: answered with 422 and the hint to check the export of the partner",
    "**Huge file**: more than {big} lines are split into batches of {n2}0",
)
ERROR_CONDITIONS = (
    "**Validation failed**: 422 with one problem per line; the user fixes and sends again",
    "**Rate limited**: `{slug}` answers 429 after {n2} requests a second; the client waits",
    "**{other} unavailable**: {name} answers 503 with a retry hint of {mins} minutes",
    "**Conflict**: 409 when the {thing_one} changed in `{slug}` since it was read",
    "**Not found**: `{slug}` answers 404 for a reference older than {days} days",
)
MUST_HAVE = (
    "{name} answers within {ms}ms for {pct2}% of requests",
    "{name} works for {audience} in {region} and {dr_region}",
    "Keeps {thing} of `{slug}` for {n} years (legal retention)",
    "Accepts files of up to {big} lines",
    "`{slug}` runs unattended between {h2}:00 and {h1}:00",
)
MUST_NOT = (
    "Store payment card data of {audience} in `{slug}`",
    "Call {other} synchronously on the request path of `{slug}`",
    "Change {thing} in {name} that {other} already confirmed",
    "Send more than {n} e-mails about {name} a day to one partner",
)
COMPONENTS = (
    "**HTTP handler**: request validation, idempotency check, problem-details errors",
    "**{Thing} service**: the rules of `{slug}`, persistence and outbox write in one transaction",
    "**Outbox relay**: publishes pending rows every {ms}ms to `{slug}.events.v{major}`",
    "**Reconciler**: compares {thing} with {other} every {mins} minutes ({big} at a time)",
    "**Exporter**: writes the nightly Parquet files to `s3://nwl-{slug}-exports`",
    "**Cache**: {thing} by ID, {mins}-minute TTL, invalidated by `{slug}` events",
    "**Scheduler**: starts the `{slug}` batch jobs at {h1}:00 and {h2}:00",
    "**Admin CLI** (`{slug}-admin`): reconcile, replay, park dead letters",
)
FUNCTIONS = (
    "**{Thing}Service.accept()**: validates, stores and publishes one {thing_one} of `{slug}`",
    "**Relay.run()**: publishes outbox rows of `{slug}` in order, marks them sent",
    "**Reconciler.compare()**: diffs {thing} with {other}, {big} at a time",
    "**export_{thing_snake}()**: streams the day's {thing} into `s3://nwl-{slug}-exports`",
    "**parse_{thing_snake}()**: turns partner files into `{slug}` domain objects",
    "**RateLimiter.allow()**: token bucket per tenant of `{slug}`, {n2} requests a second",
    "**{Thing}Repository.lock()**: `SELECT ... FOR UPDATE SKIP LOCKED`, batches of {big}",
)
TEST_CASES = (
    ("Accept a valid {thing_one}", "a {thing_one} with {n} lines", "it is posted to `{slug}`",
     "it is stored and the answer is 202"),
    ("Reject a duplicate", "a {thing_one} accepted {mins} minutes ago", "it is posted again",
     "`{slug}` returns the first answer"),
    ("Unknown partner", "no partner with ID P-{big}", "a {thing_one} is posted",
     "`{slug}` answers 403 and logs the partner ID"),
    ("Timeout of {other}", "{other} answers after {ms}ms", "a {thing_one} is checked",
     "`{slug}` retries it {n} times, then queues it"),
    ("Cut-off time", "the cut-off of tenant t-{big} is {h2}:00",
     "a {thing_one} arrives at {h2}:01", "it is planned for the next day"),
    ("Archive", "a {thing_one} older than {days} days", "it is read",
     "`{slug}` answers 404 with a link to the archive"),
)  # fmt: skip
THREATS = (
    ("Credential stuffing", "Partner API keys of {name} guessed or reused",
     "Rate limits per key of `{slug}`, lockout after {n} failures"),
    ("Injection", "Crafted fields in {thing} uploaded to `{slug}`", "Parameterised queries"),
    ("Data exfiltration", "A stolen session exports all {thing} of {name}",
     "Export limits of {big} rows and an alert to `#sec-alerts`"),
    ("Replay", "A captured request to `{slug}` sent again", "Idempotency keys and signatures"),
    ("Insider misuse", "Support staff reading {thing} in `{slug}` they do not need", "Audit"),
    ("Denial of service", "{n2}x the usual traffic to `{slug}` from one tenant", "WAF quotas"),
    ("Supply chain", "A compromised {lang} dependency of `{slug}`", "Pinned versions, SBOM scan"),
)  # fmt: skip
INPUTS = (
    "**Partner reference**: 1 to {n2} characters, letters, digits and dashes (`{slug}` schema)",
    "**Uploaded files**: at most {n} MB, UTF-8, CSV with the header of {name}",
    "**Dates**: ISO 8601, not more than {days} days in the past (`{slug}` clock)",
    "**Free text**: at most {big} characters, HTML escaped on output",
)
SECURITY_EVENTS = (
    "Logins and API key use of {audience} on {name}",
    "Every export of {thing} from `{slug}` (who, how many rows)",
    "Changes of `{slug}` roles and tenant settings",
    "Rejected requests with a signature that does not match",
    "Access of support staff to {thing} of other tenants in `{slug}`",
)
ADRS = (
    ("Use {store_or_pg} for {thing}", "`{slug}` needs transactions across {thing} and the outbox"),
    ("Publish events through an outbox", "Dual writes to the database and Kafka lose events"),
    ("One deployment per region", "Partners of {name} in {region} need low latency"),
    ("Synchronous validation", "{Audience} want an answer from `{slug}` while they wait"),
    ("Batch exports at night", "{other} cannot take the load of `{slug}` during the day"),
    ("Write {name} in {lang}", "Team {team} knows it and the libraries for {other} exist ({name})"),
    ("Keep {thing} for {n} years", "Legal retention of {name} data in {region}"),
)
RISKS = (
    "{other} changes the API {name} uses without notice",
    "Peak season load of {n}x the average on {name}",
    "The legacy {legacy} is switched off before every partner moved to {name}",
    "Team {team} has {n} engineers for {n2} services",
    "{store_or_pg} in {region} reaches its storage limit in {n2} months",
    "Partners send {thing} to `{slug}` in {n} different CSV dialects",
)


# --- more building blocks: headings, table rows, alerts -----------------------------------------

#: Heading texts people use for a section (repeats weigh the template's own).
HEADINGS = {
    "overview": ("Overview", "Overview", "Summary"),
    "deployment": ("Deployment", "Deployment", "Deploy"),
    "rollback": ("Rollback Procedure", "Rollback Procedure", "Rollback", "Rollback Plan"),
    "configuration": ("Configuration Management", "Configuration"),
    "monitoring": ("Monitoring", "Monitoring", "Observability"),
    "health": ("Health Checks", "Health Checks", "Health Check"),
    "alerts": ("Alerts", "Alerts", "Alerting"),
    "backup": ("Backup & Recovery", "Backup & Recovery", "Backup and Recovery"),
    "upstream": ("Upstream Dependencies", "Upstream"),
    "downstream": ("Downstream Dependencies", "Downstream"),
    "slos": ("SLOs (Service Level Objectives)", "SLOs (Service Level Objectives)",
             "Service Level Objectives", "SLOs"),
    "slis": ("Service Level Indicators", "How the SLIs are measured"),
    "dr": ("Disaster Recovery", "Disaster Recovery", "Disaster Recovery (DR)"),
    "related": ("Related Specifications", "Related Specifications", "Related Specs"),
}  # fmt: skip
PARAMETERS = (
    "| `{cfg}.pool_size` | Database connections per pod | 10 | {n2} |",
    "| `{cfg}.request_timeout` | Timeout of calls to {ext} | 5s | {n}s |",
    "| `{cfg}.batch_size` | {Thing} per batch | 100 | {big} |",
    "| `{cfg}.retry.max_attempts` | Retries before a message is dead-lettered | 3 | {n} |",
    "| `{cfg}.cache.ttl` | How long lookups are cached | 60s | {n2}0s |",
    "| `{cfg}.workers` | Consumer threads per pod | 4 | {n2} |",
    "| `{cfg}.rate_limit` | Requests per second per tenant | 50 | {big} |",
)
ENV_VARS = (
    "{env}_TOPIC={slug}.events.v{major}",
    "{env}_CACHE_TTL={n2}0s",
    "{env}_MAX_BATCH={big}",
    "{env}_UPSTREAM_URL=https://{other_slug}.internal.northwind.example",
    "{env}_TENANT_LIMIT={big}",
    "{env}_DB_HOST={slug}.db.{region}.northwind.example",
)
SECRETS = (
    "Database credentials", "Kafka credentials", "API key of {ext}", "Signing key",
    "SMTP credentials",
)  # fmt: skip
METRICS = (
    "| `{metric}_requests_total` | Counter | N/A | < {n2}/s for 5 min |",
    "| `{metric}_latency_seconds` p99 | Histogram | {ms}ms | > {ms}0ms for 10 min |",
    "| `{metric}_queue_depth` | Gauge | {big} | > {big}0 for 5 min |",
    "| `{metric}_db_pool_in_use` | Gauge | {pct2}% | > 95% for 10 min |",
    "| `{metric}_cache_hit_ratio` | Gauge | {pct2}% | < {pct}% for 30 min |",
    "| `{metric}_consumer_lag` | Gauge | {big} | > {big}0 for 10 min |",
)
#: (name, condition, severity) of alerts besides the error-rate one.
ALERTS = (
    ("Slow Requests", "p99 latency of `{slug}` > {ms}ms for {mins} minutes", "High"),
    ("Queue Backlog", "Oldest message in `{slug}-work` older than {mins} minutes", "High"),
    ("Pods Restarting", "More than {n} restarts of `{slug}` in 15 minutes", "Medium"),
    ("High CPU", "CPU of `{slug}` above {pct2}% for 15 minutes", "Medium"),
    ("Certificate Expiring", "TLS certificate of `{slug}` expires in {days} days", "Low"),
    ("Disk Filling Up", "Volume `{slug}-data` above {pct2}% for 30 minutes", "Low"),
    ("{ext} Unreachable", "More than {big} failed calls to {ext} per minute", "Critical"),
)
RUNBOOKS = (
    "Slow Requests", "Queue Backlog", "{ext} Outage", "Database Failover", "Pod Crash Loop",
    "Certificate Renewal", "Disk Filling Up",
)  # fmt: skip
SLIS = (
    "**Availability**: share of `{metric}_requests_total` answered without a 5xx at the gateway",
    "**Error rate**: `{metric}_errors_total` over `{metric}_requests_total`, per minute",
    "**Latency**: the `{metric}_latency_seconds` histogram at the load balancer",
)
BUDGET_POLICY = (
    "At {pct}% of the budget spent: no risky `{slug}` deploys",
    "At 100%: feature work on {name} stops until the window recovers",
    "Exceptions are agreed with the {team} lead in `#{team}`",
)
BACKUP_LOCATIONS = (
    "AWS Backup vault `{team}-prod`, copied to {dr_region}",
    "S3 bucket `nwl-{slug}-backups` in {region} and {dr_region}",
    "GCS bucket `{slug}-backups` (dual-region)",
)
MIGRATIONS = (
    "Expand/contract migrations with {migrator}",
    "The previous version of `{slug}` must run against the expanded schema",
    "Row counts of the {thing} tables compared before and after",
)


# --- the model of a corpus ----------------------------------------------------------------------


@dataclass(eq=False)
class Feature:
    index: int
    guid: str
    name: str  # "Parcel Intake API"
    slug: str  # "parcel-intake-api"
    domain: str  # "Parcel"
    team: str
    lang: str
    store: str  # "" for a stateless service
    region: str
    dr_region: str
    other: str  # an outside system it talks to
    requires: list[Feature] = field(default_factory=list)
    optional: list[Feature] = field(default_factory=list)
    dependents: list[Feature] = field(default_factory=list)


def make_features(n: int, seed: int) -> list[Feature]:
    """N features with unique names and GUIDs; required dependencies point at earlier features
    (so they never form a cycle), optional ones anywhere."""
    rng = random.Random(f"features:{seed}")
    names: set[str] = set()
    guids: set[str] = set()
    features = []
    for i in range(n):
        domain = rng.choice(DOMAINS)
        name = f"{domain} {rng.choice(ASPECTS)} {rng.choice(KINDS)}"
        while name in names:
            name = f"{domain} {rng.choice(ASPECTS)} {rng.choice(KINDS)} {rng.randint(2, 99)}"
        names.add(name)
        guid = f"{rng.getrandbits(48):012x}"
        while guid in guids:
            guid = f"{rng.getrandbits(48):012x}"
        guids.add(guid)
        region, dr_region = rng.choice(REGIONS)
        team, lang, store, other = (rng.choice(p) for p in (TEAMS, LANGS, STORES, EXTERNALS))
        slug = slugify(name, "-")
        features.append(
            Feature(i, guid, name, slug, domain, team, lang, store, region, dr_region, other)
        )
    for f in features:
        earlier = features[max(0, f.index - 40) : f.index]
        f.requires = rng.sample(earlier, min(len(earlier), rng.choice((0, 1, 1, 2, 2, 3))))
        for g in f.requires:
            g.dependents.append(f)
        picks = rng.sample(features, min(n, 3))
        f.optional = [g for g in picks if g is not f and g not in f.requires][: rng.randint(0, 2)]
    return features


# --- filling templates --------------------------------------------------------------------------


def things(f: Feature) -> str:
    """What the feature handles: "parcels", "returns records"."""
    return f"{f.domain.lower()} records" if f.domain[-1] == "s" else f"{f.domain.lower()}s"


def _other(rng: random.Random, f: Feature) -> str:
    return rng.choice((f.other, *(g.name for g in f.requires), rng.choice(EXTERNALS)))


def _short(region: str) -> str:
    """eu-west-1 -> euw1."""
    parts = region.split("-")
    return parts[0] + "".join(p[0] for p in parts[1:-1]) + parts[-1]


_MONTHS = ("January", "March", "May", "June", "September", "November")

#: How each slot of a template is filled: from the feature, or with a fresh random value.
SLOTS: dict[str, Callable[[random.Random, Feature], object]] = {
    "name": lambda rng, f: f.name,
    "slug": lambda rng, f: f.slug,
    "team": lambda rng, f: f.team,
    "lang": lambda rng, f: f.lang,
    "region": lambda rng, f: f.region,
    "dr_region": lambda rng, f: f.dr_region,
    "short": lambda rng, f: _short(f.region),
    "dr_short": lambda rng, f: _short(f.dr_region),
    "ext": lambda rng, f: f.other,
    "cfg": lambda rng, f: "_".join(f.slug.split("-")[:2]),  # config key prefix
    "env": lambda rng, f: f.slug.upper().replace("-", "_")[:24],  # environment variable prefix
    "metric": lambda rng, f: f.slug.replace("-", "_"),  # metric name prefix
    "store_or_none": lambda rng, f: f.store or "no database",
    "store_or_pg": lambda rng, f: f.store or "PostgreSQL",
    "store_or_queue": lambda rng, f: f.store or "Amazon SQS",
    "thing": lambda rng, f: things(f),
    "Thing": lambda rng, f: things(f).capitalize(),
    "thing_one": lambda rng, f: things(f).removesuffix("s").removesuffix(" record"),
    "thing_snake": lambda rng, f: things(f).replace(" ", "_"),
    "other": _other,
    "other_slug": lambda rng, f: slugify(_other(rng, f), "-"),
    "audience": lambda rng, f: rng.choice(AUDIENCES),
    "Audience": lambda rng, f: rng.choice(AUDIENCES).capitalize(),
    "a_audience": lambda rng, f: "a " + rng.choice(AUDIENCES).removesuffix("s"),
    "does": lambda rng, f: fill(rng, rng.choice(DOES), f),
    "change": lambda rng, f: fill(rng, rng.choice(CHANGES), f),
    "activity": lambda rng, f: rng.choice(ACTIVITIES),
    "entry": lambda rng, f: rng.choice(("the API gateway", "an SQS queue", "SFTP drops", "gRPC")),
    "platform": lambda rng, f: rng.choice(PLATFORMS),
    "tool": lambda rng, f: rng.choice(TOOLS),
    "tool_host": lambda rng, f: rng.choice(("grafana", "datadoghq", "newrelic")),
    "legacy": lambda rng, f: rng.choice(("mainframe batch", "Oracle Forms app", "PHP monolith")),
    "migrator": lambda rng, f: rng.choice(("Flyway", "Liquibase", "Alembic", "golang-migrate")),
    "ext_key": lambda rng, f: rng.choice(("kafka", "api-key", "smtp", "signing-key")),
    "key": lambda rng, f: rng.choice(("db", "kafka", "api-key", "smtp")),
    "instance": lambda rng, f: rng.choice(("db.r6g.large", "db.r6g.xlarge", "db.t4g.large")),
    "month": lambda rng, f: rng.choice(_MONTHS),
    "month2": lambda rng, f: rng.choice(_MONTHS),
    "n": lambda rng, f: rng.randint(2, 12),
    "n2": lambda rng, f: rng.randint(14, 60),
    "big": lambda rng, f: rng.randint(120, 9500),
    "small2": lambda rng, f: rng.randint(20, 110),
    "k": lambda rng, f: rng.randint(4, 180),
    "cents": lambda rng, f: rng.randint(2, 40),
    "pct": lambda rng, f: rng.randint(3, 45),
    "pct2": lambda rng, f: rng.choice((50, 60, 65, 70, 75, 80, 90)),
    "small": lambda rng, f: rng.choice(("0.1", "0.2", "0.5", "1", "2")),
    "mins": lambda rng, f: rng.choice((2, 5, 10, 15, 20, 30, 45)),
    "hours": lambda rng, f: rng.choice((2, 3, 4, 6, 12, 24, 48)),
    "days": lambda rng, f: rng.choice((7, 14, 30, 35, 90)),
    "ms": lambda rng, f: rng.choice((150, 200, 250, 300, 400, 500, 800, 1200)),
    "cpu": lambda rng, f: rng.choice((100, 250, 500, 1000, 2000)),
    "mem": lambda rng, f: rng.choice((256, 512, 768, 1024, 2048)),
    "a": lambda rng, f: rng.choice((5, 10, 20)),
    "b": lambda rng, f: rng.choice((25, 50)),
    "h1": lambda rng, f: rng.randint(6, 9),
    "h2": lambda rng, f: rng.randint(17, 21),
    "major": lambda rng, f: rng.randint(1, 5),
    "minor": lambda rng, f: rng.randint(0, 14),
    "year": lambda rng, f: rng.randint(2019, 2024),
    "year2": lambda rng, f: rng.randint(2027, 2028),
    "review": lambda rng, f: (REFERENCE_DATE - dt.timedelta(days=rng.randint(5, 90))).isoformat(),
}


class _Slots(dict[str, object]):
    """A template's slot values, made when `str.format_map` first asks for each."""

    def __init__(self, rng: random.Random, f: Feature) -> None:
        super().__init__()
        self.rng = rng
        self.f = f

    def __missing__(self, key: str) -> object:
        value = self[key] = SLOTS[key](self.rng, self.f)
        return value


def fill(rng: random.Random, template: str, f: Feature) -> str:
    """`template` with its slots filled (see SLOTS); a slot used twice has one value."""
    return template.format_map(_Slots(rng, f))


# --- writing one spec ---------------------------------------------------------------------------


class Doc:
    """The lines of one spec. In the numbered house style H2 headings read `## 3. Title`."""

    def __init__(self, numbered: bool) -> None:
        self.lines: list[str] = []
        self.numbered = numbered
        self.count = 0

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def h2(self, title: str) -> None:
        self.count += 1
        self.add("", f"## {self.count}. {title}" if self.numbered else f"## {title}", "")

    def h3(self, title: str) -> None:
        self.add("", f"### {title}", "")

    def items(self, *texts: str, numbered: bool = False) -> None:
        self.add("", *[f"{i}. {t}" if numbered else f"- {t}" for i, t in enumerate(texts, 1)], "")

    def text(self) -> str:
        return re.sub(r"\n{3,}", "\n\n", "\n".join(self.lines)).strip() + "\n"


@dataclass
class Ctx:
    """What writing one spec needs."""

    f: Feature
    rng: random.Random
    flaw: str | None  # the mistake this spec carries, if any
    related: tuple[str, ...]  # the feature's other spec types (for Related Specifications)

    def fill(self, *templates: str) -> str:
        """One of `templates`, filled."""
        return fill(self.rng, self.rng.choice(templates), self.f)

    def fills(self, *templates: str) -> list[str]:
        """Each of `templates`, filled."""
        return [fill(self.rng, t, self.f) for t in templates]

    def some(self, pool: tuple[str, ...], lo: int, hi: int) -> list[str]:
        """Between lo and hi entries of `pool` (in pool order), filled."""
        k = min(len(pool), self.rng.randint(lo, hi))
        return self.fills(*[pool[i] for i in sorted(self.rng.sample(range(len(pool)), k))])

    def title(self, section: str) -> str:
        return self.rng.choice(HEADINGS[section])


COMMON_FLAWS = ("stale", "stale", "future-date", "bad-date", "status", "version", "plain-header")
TYPE_FLAWS = {
    "operations": (
        "no-rto", "rto-invalid", "slo-100", "window-monthly", "runbook-missing",
        "runbook-broken", "missing-section", "alert-no-severity", "severity-unknown",
        "error-alert-tight", "rollback-slower", "rpo-below-backup", "latency-no-unit",
        "health-frequency", "placeholder", "ref-anchor", "backup-no-retention", "secret",
    ),
    "technical": ("unknown-dependency", "bad-dependency-guid", "placeholder"),
    "business": ("placeholder",),
    "testing": ("placeholder",),
}  # fmt: skip


def choose_flaw(rng: random.Random, f: Feature, spec_type: str, related: bool) -> str | None:
    """The mistake a spec carries (FLAW_RATE of them), or None."""
    if rng.random() >= FLAW_RATE:
        return None
    flaws = COMMON_FLAWS + TYPE_FLAWS.get(spec_type, ()) * 2 + ("related-missing",) * related
    flaw = rng.choice(flaws)
    if flaw in ("rpo-below-backup", "backup-no-retention") and not f.store:
        return "no-rto"  # a stateless service has no backups
    return flaw


def write_spec(f: Feature, spec_type: str, seed: int, related: tuple[str, ...]) -> str:
    """One spec of a feature. Its own random stream (seed, feature, type) makes it the same
    whatever else the corpus holds."""
    rng = random.Random(f"{seed}:{f.guid}:{spec_type}")
    ctx = Ctx(f, rng, choose_flaw(rng, f, spec_type, bool(related)), related)
    doc = Doc(numbered=rng.random() < 0.2)
    header(doc, ctx, spec_type)
    WRITERS[spec_type](doc, ctx)
    return doc.text()


def header(doc: Doc, ctx: Ctx, spec_type: str) -> None:
    """Title and GUID / Version / Status / Last Updated, in one of five house styles."""
    f, rng, flaw = ctx.f, ctx.rng, ctx.flaw
    status = rng.choice(STATUSES)
    version = f"{rng.randint(0, 6)}.{rng.randint(0, 24)}.{rng.randint(0, 15)}"
    day = REFERENCE_DATE - dt.timedelta(days=rng.randint(2, 170))
    updated = day.isoformat()
    if flaw == "stale":
        updated = (REFERENCE_DATE - dt.timedelta(days=rng.randint(200, 900))).isoformat()
    elif flaw == "future-date":
        updated = (REFERENCE_DATE + dt.timedelta(days=rng.randint(3, 60))).isoformat()
    elif flaw == "bad-date":
        updated = day.strftime(rng.choice(("%d/%m/%Y", "%d.%m.%Y", "%B %d, %Y", "%Y/%m/%d")))
    elif flaw == "status":
        status = rng.choice(BAD_STATUSES)
    elif flaw == "version":
        a, b = rng.randint(0, 4), rng.randint(0, 12)
        version = rng.choice((f"v{a}.{b}", f"{a}.{b}", f"v{a}.{b}.{rng.randint(0, 9)}"))
    fields = [("GUID", f.guid), ("Version", version), ("Status", status), ("Last Updated", updated)]
    if rng.random() < 0.3:
        fields.append(("Owner", f"{f.team} team"))
    title = f"# {spec_type.capitalize()} Specification: {f.name}"
    style = rng.choice(("**{}**: {}", "**{}**: {}", "**{}:** {}", "- **{}**: {}"))
    if flaw == "plain-header":
        style = "{}: {}  "  # not bold: the plugin reads no header field
    elif rng.random() < 0.12:  # front matter; quoted, as a GUID of digits would be a number
        doc.add("---", *[f'{k.lower().replace(" ", "_")}: "{v}"' for k, v in fields], "---")
        doc.add("", title, "")
        return
    doc.add(title, "", *[style.format(k, v) for k, v in fields])


def related_specs(doc: Doc, ctx: Ctx, spec_type: str) -> None:
    f, rng = ctx.f, ctx.rng
    others = [t for t in ctx.related if t != spec_type]
    if not others or (rng.random() < 0.15 and ctx.flaw != "related-missing"):
        return
    shown = sorted(rng.sample(others, rng.randint(min(2, len(others)), min(4, len(others)))))
    doc.h2(ctx.title("related"))
    doc.add(*[f"- **{t.capitalize()}**: `{t}/ybs-spec_{f.guid}.md`" for t in shown])
    if ctx.flaw == "related-missing":  # a GUID no feature has
        t = rng.choice(others)
        doc.add(f"- **{t.capitalize()}**: `{t}/ybs-spec_{rng.getrandbits(48):012x}.md`")
    doc.add("")


def footer(doc: Doc, ctx: Ctx, *texts: str) -> None:
    if ctx.rng.random() < 0.75:
        doc.add("", "---", "", ctx.fill(*texts))


# --- operations specs ---------------------------------------------------------------------------


@dataclass
class AlertPlan:
    name: str
    condition: str
    severity: str
    notification: str
    runbook: int | None  # index into OpsPlan.runbooks


@dataclass
class OpsPlan:
    """The values an operations spec states in several places, chosen together so that a spec
    without a flaw has no findings."""

    availability: str
    error_slo: Decimal
    window: str
    latency: str  # the latency SLO's metric name
    latency_target: str
    rollback_rto: int  # minutes
    dr_rto: int
    rpo: int | None  # minutes; None for a stateless service (N/A)
    backup: tuple[str, int] | None  # (frequency, interval in minutes)
    continuous: bool  # replication or point-in-time recovery described
    runbooks: list[str]
    runbook_section: bool  # else alerts link to a wiki
    alerts: list[AlertPlan] = field(default_factory=list)


#: SLO windows, and the highest multiple of the error-rate SLO an error-rate alert may use
#: (under the page burn rate: 14.4 for 30 days, 13.44 for 28, 3.36 for 7).
WINDOWS = (
    ("30 days", 12), ("30 days", 12), ("rolling 30 days", 12), ("28 days", 12),
    ("rolling 28 days", 12), ("7 days", 3), ("calendar month", 12), ("30-day rolling", 12),
)  # fmt: skip
#: Backup frequencies and their shortest interval in minutes.
BACKUPS = (
    ("Hourly incremental, daily full", 60), ("Every 6 hours (snapshot), daily full", 360),
    ("Daily", 1440), ("Nightly", 1440), ("Every 15 minutes", 15), ("Twice daily", 720),
    ("Every 4 hours", 240), ("Weekly full, daily incremental", 1440),
)  # fmt: skip


def plan_ops(ctx: Ctx) -> OpsPlan:
    f, rng, flaw = ctx.f, ctx.rng, ctx.flaw
    window, burn = rng.choice(WINDOWS)
    q = rng.choice(("p99", "p95", "p90"))
    ms = rng.choice((120, 200, 250, 300, 400, 500, 800, 1200))
    latency_target = rng.choice((f"< {ms}ms", f"{q[1:]}% of requests < {ms}ms", f"<= {ms} ms"))
    dr_rto = rng.choice((30, 45, 60, 60, 120, 240, 240, 480))
    rpo = rng.choice((0, 5, 15, 15, 60, 60, 240, 1440)) if f.store else None
    backup = rng.choice(BACKUPS) if f.store and rng.random() < 0.8 else None
    plan = OpsPlan(
        availability=rng.choice(("99.5", "99.9", "99.9", "99.95", "99.99", "99.0", "99.8")),
        error_slo=Decimal(rng.choice(("0.05", "0.1", "0.1", "0.2", "0.5", "1"))),
        window=window,
        latency=rng.choice((f"Latency {q}", f"{q} latency", f"Response time {q}")),
        latency_target=f"< {ms}" if flaw == "latency-no-unit" else latency_target,
        rollback_rto=rng.choice((5, 10, 10, 15, 20, 30)),
        dr_rto=dr_rto,
        rpo=rpo,
        backup=backup,
        # an RPO shorter than the backup interval needs replication or point-in-time recovery
        continuous=bool(f.store) and (rng.random() < 0.3 or (backup or ("", 0))[1] > (rpo or 0)),
        runbooks=[f"{f.domain} Error Spike", *ctx.some(RUNBOOKS, 1, 4)],
        runbook_section=rng.random() < 0.85 or flaw == "runbook-broken",
    )
    if flaw == "rollback-slower":
        plan.rollback_rto = dr_rto + rng.choice((30, 60, 120))
    elif flaw == "rpo-below-backup":
        plan.rpo, plan.backup, plan.continuous = rng.choice((5, 15, 60)), ("Daily", 1440), False
    elif flaw == "backup-no-retention":
        plan.backup = plan.backup or rng.choice(BACKUPS)
    plan.alerts = plan_alerts(ctx, plan, burn)
    return plan


def _percent(value: Decimal) -> str:
    return format(value.normalize(), "f")


def plan_alerts(ctx: Ctx, plan: OpsPlan, burn: int) -> list[AlertPlan]:
    """An error-rate alert between the SLO and SLO x page burn rate, and a few others."""
    f, rng, flaw = ctx.f, ctx.rng, ctx.flaw
    pagers = (f"PagerDuty `{f.team}-primary`", f"Opsgenie team `{f.team}`")
    chats = (f"Slack `#{f.team}-alerts`", f"Email to `{f.team}@northwind.example`")
    factor = rng.choice([x for x in (1.5, 2, 3, 5, 6, 10, 12) if x <= burn])
    threshold = _percent(plan.error_slo * Decimal(str(factor)))
    if flaw == "error-alert-tight":
        threshold = _percent(plan.error_slo / 2)
    mins = rng.choice((2, 5, 10))
    condition = rng.choice(
        (
            f"Error rate > {threshold}% for {mins} minutes",
            f"Error rate of `{f.slug}` > {threshold}% for {mins} minutes",
            f"5xx error rate above {threshold}% over {mins} minutes",
            f"Error rate > {threshold}% for {mins} min ({factor}x burn of the budget)",
        )
    )
    name = rng.choice(("High Error Rate", f"{f.domain} API Errors", "Error Budget Burn"))
    alerts = [AlertPlan(name, condition, "Critical", rng.choice(pagers), 0)]
    for name, condition, severity in rng.sample(ALERTS, rng.randint(2, 5)):
        paging = severity in ("Critical", "High")
        runbook = rng.randrange(len(plan.runbooks)) if severity != "Low" else None
        name, condition = ctx.fills(name, condition)
        alerts.append(
            AlertPlan(name, condition, severity, rng.choice(pagers if paging else chats), runbook)
        )
    if flaw == "runbook-missing":
        alerts[0].runbook = None
    elif flaw == "alert-no-severity":
        rng.choice(alerts).severity = ""
    elif flaw == "severity-unknown":
        rng.choice(alerts).severity = rng.choice(("P2", "Sev1", "Urgent", "Warning"))
    return alerts


def minutes(value: int, rng: random.Random) -> str:
    """A duration in one of the forms people write: 4 hours, 240 minutes, 4h, < 4 hours."""
    if value == 0:
        return rng.choice(("0 (no data loss)", "0", "0 minutes"))
    if value % 60 == 0:
        hours = value // 60
        unit = "hour" if hours == 1 else "hours"
        return rng.choice((f"{hours} {unit}", f"{value} minutes", f"{hours}h", f"< {hours} {unit}"))
    return rng.choice((f"{value} minutes", f"{value} min", f"< {value} minutes"))


#: How a spec writes its RTO and RPO lines (one style for both sections of a spec).
OBJECTIVE_STYLES = (
    ("**RTO** (Recovery Time Objective): {}", "**RPO** (Recovery Point Objective): {}"),
    ("**RTO**: {}", "**RPO**: {}"),
    ("- **RTO**: {}", "- **RPO**: {}"),
    ("**Recovery Time Objective (RTO):** {}", "**Recovery Point Objective (RPO):** {}"),
)


def operations(doc: Doc, ctx: Ctx) -> None:
    """An operations spec: the template's sections, some optional, in a varied order."""
    rng, flaw = ctx.rng, ctx.flaw
    plan = plan_ops(ctx)
    style = rng.choice(OBJECTIVE_STYLES)
    order = ["overview", "deployment", "configuration", "monitoring", "scaling", "backup",
             "maintenance", "troubleshooting", "runbooks", "dependencies", "slos", "dr",
             "related"]  # fmt: skip
    optional = {"configuration": 0.8, "scaling": 0.75, "backup": 0.9, "maintenance": 0.7,
                "troubleshooting": 0.75, "dependencies": 0.85}  # fmt: skip
    forced = {"secret": "configuration", "rpo-below-backup": "backup",
              "backup-no-retention": "backup"}.get(flaw or "")  # fmt: skip
    order = [s for s in order if s == forced or rng.random() < optional.get(s, 1.0)]
    if rng.random() < 0.35:  # SLOs up front
        order.insert(1, order.pop(order.index("slos")))
    if rng.random() < 0.25 and "dependencies" in order:
        order.insert(1, order.pop(order.index("dependencies")))
    if rng.random() < 0.3:  # Disaster Recovery before Runbooks
        order.insert(order.index("runbooks"), order.pop(order.index("dr")))
    if flaw == "missing-section":
        order.remove(rng.choice(("dr", "slos")))
    if not plan.runbook_section:
        order.remove("runbooks")
    for name in order:
        SECTIONS[name](doc, ctx, plan, style)
        if rng.random() < 0.5:
            doc.add("", ctx.fill(*NOTES), "")
    footer(doc, ctx, *REVIEW)


Style = tuple[str, str]


def ops_overview(doc: Doc, ctx: Ctx, plan: OpsPlan, style: Style) -> None:
    doc.h2(ctx.title("overview"))
    sentences = ctx.some(OVERVIEW, 3, 8)
    cut = ctx.rng.randint(2, len(sentences))  # one or two paragraphs
    doc.add(" ".join(sentences[:cut]), "", " ".join(sentences[cut:]))


def ops_deployment(doc: Doc, ctx: Ctx, plan: OpsPlan, style: Style) -> None:
    rng, flaw = ctx.rng, ctx.flaw
    doc.h2(ctx.title("deployment"))
    if rng.random() < 0.8 or flaw == "placeholder":
        doc.h3("Prerequisites")
        items = ctx.some(PREREQUISITES, 3, 6)
        if flaw == "placeholder":
            items.insert(rng.randrange(len(items) + 1), "Required infrastructure")
        doc.items(*items)
    if rng.random() < 0.75:
        doc.h3("Deployment Steps")
        steps = {"Pre-deployment": PRE_DEPLOY, "Deployment": DEPLOY_METHOD + DEPLOY_HOW,
                 "Post-deployment": POST_DEPLOY}  # fmt: skip
        for i, (title, pool) in enumerate(steps.items(), 1):
            doc.add(f"{i}. **{title}**", *[f"    - {t}" for t in ctx.some(pool, 2, 4)], "")
    doc.h3(ctx.title("rollback"))
    doc.add(rng.choice(("If deployment fails:", "When the new version misbehaves:", "")))
    doc.items(*ctx.some(ROLLBACK_STEPS, 3, 6), numbered=True)
    rpo = "N/A (stateless)" if plan.rpo is None else minutes(0, rng)
    doc.add(style[0].format(minutes(plan.rollback_rto, rng)), style[1].format(rpo), "")


def ops_configuration(doc: Doc, ctx: Ctx, plan: OpsPlan, style: Style) -> None:
    f, rng = ctx.f, ctx.rng
    doc.h2(ctx.title("configuration"))
    if rng.random() < 0.6:
        doc.h3("Configuration Files")
        envs = rng.sample(("production", "staging", "development", "sandbox", "perf"), 3)
        doc.add("```text", f"platform-deploy/apps/{f.slug}/", "├── values.yaml")
        doc.add(*[f"├── values-{e}.yaml" for e in envs[:-1]], f"└── values-{envs[-1]}.yaml")
        doc.add("```", "")
    doc.h3("Configuration Parameters")
    doc.add("| Parameter | Description | Default | Production Value |")
    doc.add("|-----------|-------------|---------|------------------|", *ctx.some(PARAMETERS, 3, 6))
    if rng.random() < 0.6 or ctx.flaw == "secret":
        doc.h3("Environment Variables")
        env = SLOTS["env"](rng, f)
        doc.add("```bash", f"{env}_ENV=production", f"{env}_REGION={f.region}")
        doc.add(f"{env}_LOG_FORMAT=json", *ctx.some(ENV_VARS, 1, 4))
        if ctx.flaw == "secret":  # a password written into the spec
            doc.add(f"{env}_DB_PASSWORD=Wint3r-{rng.randint(1000, 9999)}-{f.domain}!")
        doc.add("```", "")
    if rng.random() < 0.7:
        doc.h3("Secrets")
        labels = ctx.fills(*rng.sample(SECRETS, 2))
        doc.add(*[f"- **{label}**: {ctx.fill(*SECRET_STORES)}" for label in labels], "")


def ops_monitoring(doc: Doc, ctx: Ctx, plan: OpsPlan, style: Style) -> None:
    rng, flaw = ctx.rng, ctx.flaw
    doc.h2(ctx.title("monitoring"))
    if flaw != "missing-section" or rng.random() < 0.5:
        health_checks(doc, ctx)
    if rng.random() < 0.6:
        doc.h3("Dashboards")
        doc.items(*ctx.some(DASHBOARDS, 2, 4))
    if rng.random() < 0.8:
        doc.h3("Metrics")
        doc.add("| Metric | Type | Threshold | Alert Condition |")
        doc.add("|--------|------|-----------|-----------------|")
        e = plan.error_slo
        doc.add(ctx.fill(f"| `{{metric}}_errors_ratio` | Gauge | {_percent(e)}% | > "
                         f"{_percent(e * 5)}% for 5 min |"), *ctx.some(METRICS, 3, 6))  # fmt: skip
    if rng.random() < 0.6:
        doc.h3("Logging")
        doc.add(f"**Log Level**: {rng.choice(('INFO', 'WARN'))} (production), DEBUG (development)")
        if rng.random() < 0.6:
            day = REFERENCE_DATE - dt.timedelta(days=rng.randint(1, 300))
            stamp = f"{day}T0{rng.randint(0, 9)}:{rng.randint(10, 59)}:00Z"
            doc.add("", "**Structured Logging Format**:", "", "```json", "{")
            doc.add(f'  "timestamp": "{stamp}",', '  "level": "INFO",')
            doc.add(f'  "feature": "{ctx.f.slug}",', f'  "message": "{ctx.f.domain} processed",')
            doc.add(f'  "context": {{"tenant": "t-{rng.randint(100, 999)}"}}', "}", "```")
        doc.add("", "**Important Events to Log**:")
        doc.items(*ctx.some(LOG_EVENTS, 3, 5))
    if rng.random() < 0.2:
        doc.h2(ctx.title("alerts"))  # alerts as a section of their own
    else:
        doc.h3(ctx.title("alerts"))
    if rng.random() < 0.25:
        doc.add("**Extends**: $ref:operations/_BASE.md#alerting", "")
    if rng.random() < 0.35:
        alert_table(doc, ctx, plan)
    else:
        alert_blocks(doc, ctx, plan)


def health_checks(doc: Doc, ctx: Ctx) -> None:
    rng, flaw = ctx.rng, ctx.flaw
    doc.h3(ctx.title("health"))
    if rng.random() < 0.3 or flaw == "ref-anchor":
        anchor = "health-check" if flaw == "ref-anchor" else "health-checks"  # the BASE's is -s
        doc.add(f"**Extends**: $ref:operations/_BASE.md#{anchor}", "")
    frequency = f"Every {rng.choice((5, 10, 15, 20, 30, 60))} seconds"
    if flaw == "health-frequency":
        frequency = rng.choice(("Continuously", "Often", "As needed"))
    endpoint = rng.choice(("/healthz", "/health", "/-/ready", "/actuator/health", "/status"))
    ms = rng.choice((100, 200, 250, 500))
    lead = rng.choice(("", "- "))
    doc.add(f"{lead}**Endpoint**: `{endpoint}`", f"{lead}**Check Frequency**: {frequency}")
    doc.add(f"{lead}**Success Criteria**: Status code 200, response time < {ms}ms", "")
    if rng.random() < 0.4:
        doc.add(ctx.fill("The readiness probe also fails when {other} is unreachable for {n}0 s."))


def runbook_link(ctx: Ctx, plan: OpsPlan, alert: AlertPlan, short: bool) -> str:
    """A link to the alert's runbook heading on the page, or a wiki URL when the page has none."""
    k = alert.runbook or 0
    name = plan.runbooks[k]
    if not plan.runbook_section:
        return f"https://runbooks.northwind.example/{ctx.f.slug}/{slugify(name, '-')}"
    anchor = slugify(f"Runbook {k + 1}: {name}", "-")
    if ctx.flaw == "runbook-broken" and k == 0:
        anchor += "-steps"  # no such heading
    return f"[Runbook {k + 1}{'' if short else ': ' + name}](#{anchor})"


def alert_table(doc: Doc, ctx: Ctx, plan: OpsPlan) -> None:
    doc.add("| Alert | Condition | Severity | Notification | Runbook |")
    doc.add("|-------|-----------|----------|--------------|---------|")
    for a in plan.alerts:
        runbook = "" if a.runbook is None else runbook_link(ctx, plan, a, short=True)
        doc.add(f"| {a.name} | {a.condition} | {a.severity} | {a.notification} | {runbook} |")
    doc.add("")


def alert_blocks(doc: Doc, ctx: Ctx, plan: OpsPlan) -> None:
    for i, a in enumerate(plan.alerts, 1):
        doc.add("", f"#### Alert {i}: {a.name}", f"- **Condition**: {a.condition}")
        if a.severity:
            doc.add(f"- **Severity**: {a.severity}")
        doc.add(f"- **Notification**: {a.notification}")
        if a.runbook is not None:
            doc.add(f"- **Runbook**: {runbook_link(ctx, plan, a, short=False)}")
        if ctx.rng.random() < 0.4:
            doc.add(f"- **Dashboard**: {ctx.fill(*DASHBOARDS)}")
    doc.add("")


def ops_scaling(doc: Doc, ctx: Ctx, plan: OpsPlan, style: Style) -> None:
    doc.h2("Scaling")
    parts = {"Horizontal Scaling": SCALE_H, "Vertical Scaling": SCALE_V,
             "Capacity Planning": CAPACITY}  # fmt: skip
    for title, pool in parts.items():
        if ctx.rng.random() < 0.85:
            doc.h3(title)
            doc.items(*ctx.some(pool, 2, 4))


def ops_backup(doc: Doc, ctx: Ctx, plan: OpsPlan, style: Style) -> None:
    f, rng = ctx.f, ctx.rng
    if plan.backup is None:
        return
    doc.h2(ctx.title("backup"))
    doc.h3("Backup Strategy")
    fields = [
        ("What", f"{f.store} (the {f.domain.lower()} tables and the outbox)"),
        ("Frequency", plan.backup[0]),
        ("Retention", f"{rng.choice((7, 14, 30, 35, 90))} days"),
        ("Location", ctx.fill(*BACKUP_LOCATIONS)),
    ]
    if ctx.flaw == "backup-no-retention":
        del fields[2]
    if rng.random() < 0.5:
        doc.add(*[f"- **{k}**: {v}" for k, v in fields], "")
    else:  # a group per store, with plain keys
        doc.add(f"**{f.store}**:", "", *[f"- {k}: {v}" for k, v in fields[1:]], "")
    if plan.continuous and rng.random() < 0.5:
        doc.add(ctx.fill(*REPLICATION), "")
    if rng.random() < 0.7:
        doc.h3("Recovery Procedures")
        for i, scenario in enumerate(ctx.some(RECOVERY_SCENARIOS, 1, 3), 1):
            doc.add(f"**Scenario {i}**: {scenario}")
            doc.items(*ctx.some(RECOVERY_STEPS, 3, 5), numbered=True)


def ops_maintenance(doc: Doc, ctx: Ctx, plan: OpsPlan, style: Style) -> None:
    rng = ctx.rng
    doc.h2("Maintenance")
    doc.h3("Routine Maintenance")
    doc.add(*[f"- **{when}**: {ctx.fill(*pool)}" for when, pool in ROUTINE.items()])
    if rng.random() < 0.7:
        doc.h3("Upgrade Procedure")
        doc.add("When upgrading this feature:")
        doc.items(*ctx.some(UPGRADE, 4, 6), numbered=True)
    if ctx.f.store and rng.random() < 0.6:
        doc.h3("Database Migrations")
        doc.items(*ctx.fills(*MIGRATIONS))


def ops_troubleshooting(doc: Doc, ctx: Ctx, plan: OpsPlan, style: Style) -> None:
    rng = ctx.rng
    doc.h2("Troubleshooting")
    doc.h3("Common Issues")
    for i, k in enumerate(sorted(rng.sample(range(len(ISSUES)), rng.randint(2, 4))), 1):
        title, symptom = ctx.fills(*ISSUES[k])
        doc.add("", f"#### Issue {i}: {title}", f"- **Symptoms**: {symptom}")
        doc.add(f"- **Diagnosis**: {ctx.fill(*ISSUE_DIAGNOSIS)}")
        doc.add(f"- **Resolution**: {ctx.fill(*ISSUE_FIX)}")
        doc.add(f"- **Prevention**: {ctx.fill(*ISSUE_PREVENT)}")
    if rng.random() < 0.6:
        doc.h3("Debug Mode")
        doc.add("How to enable debug logging:", "", "```bash", ctx.fill(*DEBUG_CMDS), "```")


def ops_runbooks(doc: Doc, ctx: Ctx, plan: OpsPlan, style: Style) -> None:
    rng = ctx.rng
    doc.h2("Runbooks")
    deck: list[str] = []  # steps not used yet, so that the runbooks do not repeat each other
    for i, name in enumerate(plan.runbooks, 1):
        doc.h3(f"Runbook {i}: {name}")
        users = [f"Alert {k}" for k, a in enumerate(plan.alerts, 1) if a.runbook == i - 1]
        when = " or ".join(users) + " fires"
        if not users:
            when = ctx.fill(f"{name} on `{{slug}}` suspected, or {{audience}} report it")
        doc.add(f"**When to use**: {when}", "", "**Steps**:")
        k = rng.randint(3, 7)
        if len(deck) < k:
            deck = rng.sample(RUNBOOK_STEPS, len(RUNBOOK_STEPS))
        doc.items(*ctx.fills(*deck[:k]), numbered=True)
        del deck[:k]
        doc.add(f"**Escalation**: {ctx.fill(*ESCALATION)}")
        if rng.random() < 0.4:
            doc.add("", f"**Dashboard**: {ctx.fill(*DASHBOARDS)}")


def ops_dependencies(doc: Doc, ctx: Ctx, plan: OpsPlan, style: Style) -> None:
    f = ctx.f
    doc.h2("Dependencies")
    doc.h3(ctx.title("upstream"))
    ups = [f"**{g.name}** (`ybs-spec_{g.guid}`)" for g in f.requires + f.optional]
    ups += [f"**{name}**" for name in (f.other, f.store) if name]
    doc.items(*[f"{up}: {ctx.fill(*UPSTREAM_IMPACT)}" for up in ups])
    if f.dependents:
        doc.h3(ctx.title("downstream"))
        downs = [f"**{g.name}** (`ybs-spec_{g.guid}`)" for g in f.dependents[:6]]
        doc.items(*[f"{down}: {ctx.fill(*DOWNSTREAM_IMPACT)}" for down in downs])


def ops_slos(doc: Doc, ctx: Ctx, plan: OpsPlan, style: Style) -> None:
    rng, flaw = ctx.rng, ctx.flaw
    doc.h2(ctx.title("slos"))
    window = plan.window
    if rng.random() < 0.3:
        doc.add("| Metric | Target | Window |", "|--------|--------|--------|")
    else:
        doc.add(
            "| Metric | Target | Measurement Window |", "|--------|--------|--------------------|"
        )
    availability = "100" if flaw == "slo-100" else plan.availability
    first_window = "Monthly" if flaw == "window-monthly" else window
    doc.add(f"| Availability | {rng.choice(('', '>= ', '≥ '))}{availability}% | {first_window} |")
    comparator = rng.choice(("< ", "<= ", "≤ "))
    doc.add(f"| Error rate | {comparator}{_percent(plan.error_slo)}% | {window} |")
    doc.add(f"| {plan.latency} | {plan.latency_target} | {window} |")
    if rng.random() < 0.3:
        doc.add(ctx.fill(f"| {{Thing}} processed within {{n}} min | 99% | {window} |"))
    if rng.random() < 0.6:
        doc.h3(ctx.title("slis"))
        doc.items(*ctx.fills(*SLIS))
    if rng.random() < 0.5:
        doc.h3("Error Budget Policy")
        doc.items(*ctx.fills(*BUDGET_POLICY))
    if rng.random() < 0.3:
        doc.add("", ctx.fill("The availability SLO counts the answers of the gateway in {region}; "
                             "maintenance announced {n} days ahead is not counted."))  # fmt: skip


def ops_dr(doc: Doc, ctx: Ctx, plan: OpsPlan, style: Style) -> None:
    rng, flaw = ctx.rng, ctx.flaw
    doc.h2(ctx.title("dr"))
    rto = minutes(plan.dr_rto, rng)
    if flaw == "rto-invalid":
        rto = rng.choice(("ASAP", "as fast as possible", "same business day"))
    rpo = "N/A" if plan.rpo is None else minutes(plan.rpo, rng)
    if flaw == "placeholder" and rng.random() < 0.5:
        rpo = "[data loss]"
    doc.add(*([] if flaw == "no-rto" else [style[0].format(rto)]), style[1].format(rpo), "")
    if plan.rpo is None:
        doc.add(ctx.fill(*STATELESS), "")
    elif plan.continuous:
        doc.add(ctx.fill(*REPLICATION), "")
    if rng.random() < 0.6:
        doc.add(ctx.fill("**DR drill**: last run on {review}: `{slug}` was back in {dr_region} "
                         "after {n2} minutes"), "")  # fmt: skip
    doc.add("**Disaster Scenarios**:")
    doc.items(*ctx.some(DR_SCENARIOS, 2, 4), numbered=True)


def ops_related(doc: Doc, ctx: Ctx, plan: OpsPlan, style: Style) -> None:
    related_specs(doc, ctx, "operations")


SECTIONS = {
    "overview": ops_overview,
    "deployment": ops_deployment,
    "configuration": ops_configuration,
    "monitoring": ops_monitoring,
    "scaling": ops_scaling,
    "backup": ops_backup,
    "maintenance": ops_maintenance,
    "troubleshooting": ops_troubleshooting,
    "runbooks": ops_runbooks,
    "dependencies": ops_dependencies,
    "slos": ops_slos,
    "dr": ops_dr,
    "related": ops_related,
}


# --- the other spec types -----------------------------------------------------------------------


def business(doc: Doc, ctx: Ctx) -> None:
    f, rng = ctx.f, ctx.rng
    doc.h2("Business Value")
    doc.add("**Problem Statement**:", " ".join(ctx.some(PROBLEMS, 2, 4)), "", "**User Stories**:")
    doc.items(*ctx.some(STORIES, 2, 5))
    doc.add("**Success Metrics**:")
    doc.items(*ctx.some(SUCCESS_METRICS, 2, 4))
    if ctx.flaw == "placeholder":
        doc.add("- [Metric 3]: [Target value]", "")
    doc.h2("ROI / Justification")
    doc.add("**Benefits**:")
    doc.items(*ctx.some(BENEFITS, 2, 4))
    doc.add("**Costs**:")
    burden = rng.choice(("low", "medium", "high"))
    doc.items(
        ctx.fill("Development time of {name}: {n} engineers for {n} months, about EUR {k}k"),
        ctx.fill(f"Maintenance burden: {burden}, mostly the {{other}} integration"),
        f"Complexity added: {rng.choice(('low', 'medium'))} (one more service: `{f.slug}`)",
    )
    doc.add(f"**Priority**: {rng.choice(('Critical', 'High', 'Medium', 'Low'))} ({f.team} roadmap)")
    doc.h2("Target Users")
    audiences = [a.capitalize() for a in rng.sample(AUDIENCES, 3)]
    doc.add("**Primary Users**:")
    doc.items(*ctx.fills(*[f"{a} in {{region}} (about {{big}} people)" for a in audiences[:2]]))
    if rng.random() < 0.6:
        doc.add("**Secondary Users**:")
        doc.items(ctx.fill(f"{audiences[2]}, from phase {{n}} of {{name}}"))
    doc.h2("Acceptance Criteria")
    doc.add("Feature is successful when:")
    doc.items(*ctx.some(SUCCESS_METRICS, 3, 5), numbered=True)
    related_specs(doc, ctx, "business")
    footer(doc, ctx, "**Next Steps**: Write the functional specification",
           "**Next Steps**: Review with {team} in {month}")  # fmt: skip


def functional(doc: Doc, ctx: Ctx) -> None:
    f, rng = ctx.f, ctx.rng
    doc.h2("Overview")
    doc.add(" ".join(ctx.some(OVERVIEW, 2, 4)))
    doc.h2("Features")
    doc.h3("Core Features")
    doc.items(*ctx.some(FEATURES_POOL, 3, 6), numbered=True)
    if rng.random() < 0.6:
        doc.h3("Optional Features")
        doc.items(*ctx.some(FEATURES_POOL, 1, 3))
    doc.h2("User Workflows")
    for i, goal in enumerate(rng.sample(("Upload", "Fix rejected", "Export", "Follow"), 2), 1):
        doc.h3(f"Workflow {i}: {ctx.fill(goal + ' {thing}')}")
        doc.add(ctx.fill("**Goal**: {Audience} get {thing} through {name} without calling {team}"))
        doc.add("", "**Steps**:")
        doc.items(*ctx.some(WORKFLOW_STEPS, 3, 6), numbered=True)
        doc.add(
            ctx.fill("**Success Criteria**: `{slug}` accepts {pct2}% of {thing} at the first try")
        )
    doc.h2("User Interface")
    doc.h3("Commands / API")
    doc.add("```bash", f"{f.slug} submit --tenant t-{rng.randint(100, 999)} {f.domain.lower()}.csv")
    doc.add(f"curl -X POST https://api.northwind.example/v{rng.randint(1, 4)}/{f.slug}", "```")
    doc.h2("Behavior Specifications")
    doc.h3("Edge Cases")
    doc.items(*ctx.some(EDGE_CASES, 2, 5), numbered=True)
    doc.h3("Error Conditions")
    doc.items(*ctx.some(ERROR_CONDITIONS, 2, 4), numbered=True)
    doc.h2("Constraints")
    doc.h3("Must Have")
    doc.items(*ctx.some(MUST_HAVE, 2, 4))
    doc.h3("Must Not")
    doc.items(*ctx.some(MUST_NOT, 1, 3))
    if rng.random() < 0.5:
        doc.h2("Out of Scope")
        doc.add(ctx.fill("Returns of {thing}, and anything {other} already does for {audience}."))
    related_specs(doc, ctx, "functional")


def technical(doc: Doc, ctx: Ctx) -> None:
    f, rng, flaw = ctx.f, ctx.rng, ctx.flaw
    doc.h2("Overview")
    doc.add(ctx.fill(f"{f.lang} service that {{does}}. ") + ctx.fill(*OVERVIEW))
    doc.h2("Dependencies")
    doc.h3("Required (Must implement first)")
    required = [f"- `ybs-spec_{g.guid}`  # {g.name} - {ctx.fill('{thing} need it')}"
                for g in f.requires]  # fmt: skip
    if flaw == "unknown-dependency":  # a GUID no feature has
        required.append(f"- `ybs-spec_{rng.getrandbits(48):012x}`  # Legacy {f.domain} Feed")
    elif flaw == "bad-dependency-guid":  # six digits
        required.append(f"- `ybs-spec_{rng.getrandbits(24):06x}`  # {f.other} adapter")
    doc.add(*(required or ["None."]), "")
    doc.h3("Optional (Nice-to-have)")
    optional = [f"- `ybs-spec_{g.guid}`  # {g.name} - {ctx.fill('faster {thing}')}"
                for g in f.optional]  # fmt: skip
    doc.add(*(optional or ["None."]), "")
    if rng.random() < 0.4:
        doc.h3("Conflicts (Mutually exclusive)")
        doc.add("None.", "")
    if f.dependents:
        doc.h3("Dependents (What depends on this)")
        doc.add(*[f"- `ybs-spec_{g.guid}`  # {g.name} - {ctx.fill('reads {thing}')}"
                  for g in f.dependents[:8]], "")  # fmt: skip
    doc.h2("Architecture")
    doc.h3("Components")
    doc.items(*ctx.some(COMPONENTS, 3, 5))
    if rng.random() < 0.6:
        doc.h3("Data Structures")
        record = f.domain + rng.choice(("Record", "Entry", "Item", "Request"))
        doc.add("```text", record, f'├── id: string  // "{f.slug[:3]}_" + 12 characters')
        doc.add(f"├── {f.domain.lower()}_ref: string  // partner reference, unique per tenant")
        doc.add(f"├── state: {rng.choice(('enum', 'string'))}  // see `{f.slug}` states")
        doc.add(f"└── updated_at: timestamp  // {f.name} keeps it {rng.randint(2, 10)} years")
        doc.add("```")
    if rng.random() < 0.7:
        doc.h3("APIs / Interfaces")
        v = rng.randint(1, 4)
        doc.add("```text", f"POST /v{v}/{f.slug}              202 Accepted")
        doc.add(f"GET  /v{v}/{f.slug}/{{id}}         200 with the record")
        doc.add(f"GET  /v{v}/{f.slug}?since=...    200, {rng.choice((50, 100, 500))} per page")
        doc.add("```")
    doc.h2("Implementation Details")
    doc.h3("File Structure")
    package = f.domain.lower()
    doc.add("```text", f"{f.slug}/", f"├── cmd/{f.slug}/", f"├── internal/{package}/")
    doc.add(f"├── internal/{package}/{rng.choice(('store', 'repo', 'db'))}/", "└── migrations/")
    doc.add("```")
    doc.h3("Key Classes/Functions")
    doc.items(*ctx.some(FUNCTIONS, 2, 5))
    doc.h2("Error Handling")
    if rng.random() < 0.7:
        doc.add("**Extends**: $ref:technical/_BASE.md#error-handling-standards", "")
    start = rng.randrange(10, 90) * 100
    doc.h3("Overrides")
    doc.items(
        f"Error code range: {start}-{start + 99} ({f.domain.lower()} errors)",
        f"`{start + 4} {f.slug}-conflict` returns 409 with the current state",
        f"`{start + 9} {f.slug}-upstream` returns 503 when {f.other} is down",
    )
    doc.h2("Performance Considerations")
    doc.items(
        f"Time complexity: O(n) in the {f.domain.lower()} lines of a `{f.slug}` request",
        *ctx.fills(
            "Bottlenecks: row locks on hot {thing} in `{slug}` during {month}",
            "Budget: {ms}ms for p99, of which {mins}ms in {other}",
        ),
    )
    doc.h2("Security Considerations")
    doc.add(ctx.fill("Tenant isolation on every query of `{slug}`; see the security spec."))
    doc.h2("Testing Strategy")
    unit = "[what to test]" if flaw == "placeholder" else ctx.fill("the rules for {thing}")
    doc.items(
        f"Unit tests: {unit}",
        *ctx.fills(
            "Integration tests: `{slug}` with {store_or_pg} and Kafka in testcontainers",
            "Edge cases: {thing} with {n2}0 lines, duplicates, unknown tenants of `{slug}`",
        ),
    )
    if rng.random() < 0.5:
        doc.h2("Migration / Rollout")
        doc.items(
            *ctx.fills(
                "Backward compatibility: v{minor} of `{slug}` stays until {year2}",
                "Migration path: partners move to {name} one by one, {n} a week",
            )
        )
    related_specs(doc, ctx, "technical")
    if rng.random() < 0.5:
        doc.h2("References")
        doc.items(
            "RFC 9457, Problem Details for HTTP APIs",
            ctx.fill("Platform handbook, chapter {n}: {thing} (the {name} pages)"),
        )


def testing(doc: Doc, ctx: Ctx) -> None:
    rng = ctx.rng
    doc.h2("Overview")
    doc.add(ctx.fill("What {name} must get right before {audience} rely on it: {thing} "
                     "accepted once and only once, and answers within {ms}ms."))  # fmt: skip
    doc.h2("Test Strategy")
    doc.h3("Scope")
    doc.items(
        *ctx.fills(
            "**In Scope**: the `{slug}` API, its batch jobs and the {other} client",
            "**Out of Scope**: {other} itself (stubbed in `{slug}` tests)",
        )
    )
    doc.h3("Test Levels")
    coverage = ctx.fill("{pct2}% line coverage of `{slug}`")
    if ctx.flaw == "placeholder":
        coverage = "[percentage or coverage target]"
    doc.items(
        f"Unit tests: {coverage}",
        *ctx.fills(
            "Integration tests: {store_or_pg}, Kafka and {other} (stub)",
            "End-to-end tests: {n} flows of `{slug}` in staging",
        ),
    )
    doc.h2("Test Cases")
    doc.h3("Unit Tests")
    for i, k in enumerate(sorted(rng.sample(range(len(TEST_CASES)), rng.randint(2, 5))), 1):
        name, given, when, then = ctx.fills(*TEST_CASES[k])
        doc.add(f"**Test Case {i}**: {name}", f"- **Given**: {given}", f"- **When**: {when}")
        doc.add(f"- **Then**: {then}", "")
    doc.h2("Edge Cases")
    doc.items(*ctx.some(EDGE_CASES, 2, 4))
    doc.h2("Performance Tests")
    doc.items(
        *ctx.fills(
            "**Load**: {big} requests per minute to `{slug}` for {mins} minutes",
            "**Target**: p99 below {ms}ms, no errors, `{slug}` CPU below {pct2}%",
        )
    )
    doc.h2("Acceptance Criteria")
    doc.add("Feature is ready for release when:")
    done = (
        "All `{slug}` unit and integration tests pass",
        "The end-to-end flows of {name} pass {n} times in a row in staging",
        "No critical or high bugs open against {name}",
    )
    doc.items(*ctx.fills(*done), numbered=True)
    if rng.random() < 0.6:
        doc.h2("Test Data")
        doc.items(
            *ctx.fills(
                "Anonymised {thing} of {n} partners ({big} rows)",
                "Generated {thing} with {n2} edge cases (see above)",
            )
        )
    doc.h2("Test Environment")
    doc.items(
        *ctx.fills(
            "Staging in {region}, namespace `{slug}-staging`",
            "{other} sandbox account `{team}-test` for `{slug}`",
        )
    )
    related_specs(doc, ctx, "testing")


def security(doc: Doc, ctx: Ctx) -> None:
    rng = ctx.rng
    doc.h2("Overview")
    doc.add(ctx.fill("{name} handles {thing} of {audience}; a leak would expose partner "
                     "references and addresses of about {big} people."))  # fmt: skip
    doc.h2("Security Requirements")
    doc.h3("Authentication")
    doc.items(
        rng.choice(
            (
                "OAuth 2.0 client credentials for partners",
                "mTLS between services, SPIFFE IDs",
                "Platform service tokens (15-minute JWTs)",
            )
        ),
        ctx.fill("`{slug}` validates tokens against the JWKS of the auth service ({mins} min)"),
    )
    doc.h3("Authorization")
    doc.items(
        *ctx.fills(
            "Scopes `{slug}:read` and `{slug}:write`; tenants see only their own",
            "Support staff get read access to {thing} for {hours} hours through a {team} ticket",
        )
    )
    doc.h3("Data Protection")
    doc.items(
        *ctx.fills(
            "{store_or_pg} encrypted at rest with KMS key `alias/{slug}`",
            "TLS 1.2 or later in transit, also from `{slug}` to {other}",
        )
    )
    doc.h2("Threat Model")
    for i, k in enumerate(sorted(rng.sample(range(len(THREATS)), rng.randint(2, 4))), 1):
        name, how, fix = ctx.fills(*THREATS[k])
        doc.h3(f"Vector {i}: {name}")
        doc.add(f"- **Description**: {how}", f"- **Likelihood**: {rng.choice(('Low', 'Medium'))}")
        doc.add(f"- **Impact**: {rng.choice(('Medium', 'High'))}", f"- **Mitigation**: {fix}")
    doc.h2("Input Validation")
    doc.items(*ctx.some(INPUTS, 2, 4))
    doc.h2("Secrets Management")
    doc.items(f"**Database credentials**: {ctx.fill(*SECRET_STORES)}")
    doc.h2("Audit & Logging")
    doc.items(*ctx.some(SECURITY_EVENTS, 2, 4))
    doc.h2("Compliance")
    applies = ", ".join(n for n in ("GDPR", "PCI DSS", "SOC 2", "ISO 27001") if rng.random() < 0.5)
    doc.add(ctx.fill(f"{applies or 'No regulation'} applies to {{name}}; the controls are in "
                     "the {team} compliance register (entry {big})."))  # fmt: skip
    related_specs(doc, ctx, "security")
    footer(doc, ctx, "**Security Review**: Required before production deployment",
           "**Security Review**: Completed {review}")  # fmt: skip


def architecture(doc: Doc, ctx: Ctx) -> None:
    f, rng = ctx.f, ctx.rng
    doc.h2("Overview")
    doc.add(" ".join(ctx.some(OVERVIEW, 2, 3)))
    doc.h2("Architectural Decision Records")
    for i, k in enumerate(sorted(rng.sample(range(len(ADRS)), rng.randint(1, 3))), 1):
        title, context = ctx.fills(*ADRS[k])
        doc.h3(f"ADR {i}: {title}")
        doc.add(f"**Context**: {context}.", "", f"**Decision**: {title} (`{f.slug}`).", "")
        doc.add(ctx.fill("**Rationale**: the simplest option that meets the {ms}ms target of "
                         "{name}."), "")  # fmt: skip
        doc.add(f"**Status**: {rng.choice(('Accepted', 'Accepted', 'Proposed', 'Superseded'))}")
    doc.h2("System Context")
    doc.add("```text", ctx.fill("{ext}  --->  {name}  --->  {other}"))
    doc.add("                 |", "                 v", f"         {f.store or 'Amazon SQS'}")
    doc.add("```")
    doc.h2("Quality Attributes")
    doc.h3("Availability")
    doc.items(
        f"**Target**: {rng.choice(('99.5%', '99.9%', '99.95%'))} uptime of {f.name}",
        ctx.fill("**MTTR**: under {mins} minutes for `{slug}`"),
    )
    doc.h3("Scalability")
    doc.items(
        *ctx.fills(
            "**Horizontal**: yes, up to {n2} pods of `{slug}`",
            "**Limits**: {big} requests per minute per region for `{slug}`",
        )
    )
    doc.h2("Technology Stack")
    doc.add("| Layer | Technology | Justification |", "|-------|------------|---------------|")
    stack = (
        "| Backend | {lang} | what team {team} knows |",
        "| Database | {store_or_pg} | {thing} need transactions |",
        "| Messaging | Kafka | `{slug}.events.v{major}`, {n} partitions |",
    )
    doc.add(*ctx.fills(*stack))
    doc.h2("Risks & Mitigation")
    for i, risk in enumerate(ctx.some(RISKS, 1, 3), 1):
        doc.h3(f"Risk {i}: {risk}")
        doc.add(f"- **Likelihood**: {rng.choice(('Low', 'Medium', 'High'))}")
        doc.add(
            ctx.fill("- **Mitigation**: contract tests of {name} with {other}, a {n}-week notice")
        )
    related_specs(doc, ctx, "architecture")
    footer(doc, ctx, "**Architecture Review**: Required before major implementation")


WRITERS = {
    "business": business,
    "functional": functional,
    "technical": technical,
    "testing": testing,
    "security": security,
    "operations": operations,
    "architecture": architecture,
}


# --- corpora ------------------------------------------------------------------------------------


def make_site(root: Path, features: int, seed: int = DEFAULT_SEED) -> Path:
    """A site of `features` features (seven specs each) in root/docs, and its four configs.
    Returns the docs folder."""
    docs = root / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    for t in TYPES:
        (docs / t).mkdir(parents=True)
    for f in make_features(features, seed):
        for t in TYPES:
            text = write_spec(f, t, seed, related=TYPES)
            (docs / t / f"ybs-spec_{f.guid}.md").write_text(text, "utf-8")
    for t in ("operations", "technical"):
        shutil.copy(EXAMPLE_DOCS / t / "_BASE.md", docs / t / "_BASE.md")
    (docs / "index.md").write_text(
        f"# Benchmark portfolio\n\n{features} generated features (seed {seed}), seven spec "
        "types each.\n",
        "utf-8",
    )
    write_slos(docs, root / "slos")
    for nav in NAVS:
        for plugin in (True, False):
            write_config(root, nav, plugin, features, seed)
    return docs


def write_slos(docs: Path, out: Path) -> None:
    """The SLOs of the specs in `docs` as OpenSLO files in `out` (`mkdocs-opsspec export`)."""
    import contextlib
    import io

    from mkdocs_opsspec.cli import main

    if out.exists():
        shutil.rmtree(out)
    with contextlib.redirect_stdout(io.StringIO()):  # the files written, the SLOs skipped
        status = main(["export", "--format", "openslo", str(docs), "-o", str(out)])
    # 1: some SLOs were skipped (the corpus has mistakes on purpose); 2: export did not run
    if status not in (0, 1) or not any(out.glob("*.yaml")):
        raise SystemExit(f"mkdocs-opsspec export wrote no SLOs into {out} (exit {status})")


def config_name(nav: str, plugin: bool) -> str:
    return f"mkdocs-{nav}.yml" if plugin else f"mkdocs-{nav}-noplugin.yml"


def write_config(root: Path, nav: str, plugin: bool, features: int, seed: int) -> Path:
    """Material with `navigation.prune` (nav "prune", "prune-slos") or the full nav ("full");
    the plugin (with `slo_sources` for "prune-slos") or only search."""
    lines = [
        f"# benchmarks/gen_corpus.py, seed {seed}. Build with SOURCE_DATE_EPOCH={REFERENCE_EPOCH}",
        "# (the reference date of the generator's figures).",
        f"site_name: Benchmark portfolio ({features} features)",
        "docs_dir: docs",
        "theme:",
        "  name: material",
        *(["  features:", "    - navigation.prune"] if nav.startswith("prune") else []),
        "markdown_extensions:",
        "  - toc:",
        "      permalink: true",
        "  - tables",
        "  - admonition",
        "  - attr_list",
        "plugins:",
        "  - search",
        *(["  - opsspec"] if plugin and nav != "prune-slos" else []),
        *(
            ["  - opsspec:", "      slo_sources: [slos/*.yaml]"]
            if plugin and nav == "prune-slos"
            else []
        ),
    ]
    path = root / config_name(nav, plugin)
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def make_check_folder(root: Path, specs: int, seed: int = DEFAULT_SEED) -> Path:
    """root/operations/: `specs` operations specs and the _BASE.md they refer to (pass root to
    `mkdocs-opsspec check`). Returns root."""
    folder = root / "operations"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for f in make_features(specs, seed):
        text = write_spec(f, "operations", seed, related=())
        (folder / f"ybs-spec_{f.guid}.md").write_text(text, "utf-8")
    shutil.copy(EXAMPLE_DOCS / "operations" / "_BASE.md", folder / "_BASE.md")
    return root


def figures(docs: Path) -> dict[str, Any]:
    """The share of distinct non-blank lines (stripped) in the Markdown files under `docs`,
    and the share of specs with at least one error or warning (the plugin's core, default
    options, on REFERENCE_DATE)."""
    from mkdocs_opsspec.analysis import SLIM_LINKS, Options, analyse, default_jobs

    files = sorted(docs.rglob("*.md"))
    total = 0
    distinct: set[str] = set()
    for path in files:
        for line in path.read_text("utf-8").splitlines():
            text = line.strip()
            if text:
                total += 1
                distinct.add(text)
    paths = [p.relative_to(docs).as_posix() for p in files]
    options = Options(reference_date=REFERENCE_DATE, keep_documents=False)
    analysis = analyse(
        list(zip(paths, files, strict=True)),
        options,
        all_paths=paths,
        jobs=default_jobs(),
        slim=SLIM_LINKS,
    )
    specs = {s.path for s in analysis.specs}
    serious = [f for f in analysis.findings if f.severity.value in ("error", "warning")]
    flagged = {f.path for f in serious} & specs
    return {
        "files": len(files),
        "specs": len(specs),
        "lines": total,
        "distinct_line_share": round(len(distinct) / total, 3),
        "specs_with_findings_share": round(len(flagged) / len(specs), 3),
        "findings_by_rule": dict(Counter(f.rule for f in serious).most_common()),
    }


def print_figures(fig: dict[str, Any]) -> None:
    print(
        f"{fig['files']} files, {fig['specs']} specs, {fig['lines']} non-blank lines: "
        f"{fig['distinct_line_share']:.1%} distinct (>= 50% wanted), "
        f"{fig['specs_with_findings_share']:.1%} of specs with findings (>= 20% wanted)"
    )
    print("findings by rule:", ", ".join(f"{k} {v}" for k, v in fig["findings_by_rule"].items()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="what", required=True)
    site = sub.add_parser("site", help="a site of N features (seven specs each) and its configs")
    site.add_argument("out", type=Path)
    site.add_argument("--features", type=int, default=100)
    check = sub.add_parser("check", help="a folder of N operations specs for `check`")
    check.add_argument("out", type=Path)
    check.add_argument("--specs", type=int, default=10_000)
    for p in (site, check):
        p.add_argument("--seed", type=int, default=DEFAULT_SEED)
        p.add_argument("--no-figures", action="store_true", help="skip the two figures")
    args = ap.parse_args()
    if args.what == "site":
        docs = make_site(args.out, args.features, args.seed)
    else:
        docs = make_check_folder(args.out, args.specs, args.seed)
    print(f"wrote {docs}")
    if not args.no_figures:
        print_figures(figures(docs))


if __name__ == "__main__":
    main()
