"""Explicit Arrow schemas of every table the pipeline writes.

BI tools and DuckDB read the warehouse partition by partition; an inferred type (a null
column read as `null`, a date read as a string) in one partition breaks the union of all
of them. Every writer casts to these schemas and every reader passes them.
"""

from __future__ import annotations

import pyarrow as pa

PARTITION_KEY = "ingest_date"
PARTITION_SCHEMA = pa.schema([pa.field(PARTITION_KEY, pa.date32())])

OFFICIAL = pa.struct([pa.field("name", pa.string()), pa.field("title", pa.string())])

ARTICLES = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("source_file", pa.string(), nullable=False),
        pa.field("source_file_raw", pa.binary()),  # the name's bytes when not valid UTF-8
        pa.field("status", pa.string(), nullable=False),
        pa.field("reason", pa.string()),
        pa.field("duplicate_of", pa.string()),
        pa.field("encoding", pa.string()),
        pa.field("size_bytes", pa.int64()),
        pa.field("replaced_chars", pa.int32()),
        pa.field("published_date", pa.date32()),
        pa.field("title", pa.string()),
        pa.field("publisher", pa.string()),
        pa.field("reporter", pa.string()),
        pa.field("is_diplomacy", pa.bool_()),
        pa.field("event_count", pa.int32()),
        pa.field("near_duplicate_of", pa.string()),  # the earliest published copy (diplomacy.neardup)
        pa.field("near_duplicate_similarity", pa.float64()),
        pa.field("body", pa.string()),
    ]
)

# One MinHash signature per accepted article: what near-duplicate detection compares new
# articles with (diplomacy.neardup), kept apart so that `articles` stays readable.
ARTICLE_SIGNATURES = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("published_date", pa.date32()),
        pa.field("minhash", pa.list_(pa.uint32())),
    ]
)

EVENTS = pa.schema(
    [
        pa.field("event_id", pa.string(), nullable=False),
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("event_type", pa.string(), nullable=False),
        pa.field("agreement_type", pa.string()),
        pa.field("direction", pa.string()),
        pa.field("status", pa.string()),
        pa.field("event_date", pa.date32()),
        pa.field("date_precision", pa.string()),
        pa.field("korean_city", pa.string()),
        pa.field("korean_province", pa.string()),
        pa.field("korean_admin_code", pa.string()),
        pa.field("partner_city", pa.string()),
        pa.field("partner_region", pa.string()),
        pa.field("partner_country", pa.string()),
        pa.field("partner_city_en", pa.string()),
        pa.field("partner_city_native", pa.string()),
        pa.field("partner_geonames_id", pa.int64()),
        pa.field("partner_lat", pa.float64()),
        pa.field("partner_lon", pa.float64()),
        pa.field("korean_officials", pa.list_(OFFICIAL)),
        pa.field("foreign_officials", pa.list_(OFFICIAL)),
        pa.field("fields", pa.list_(pa.string())),
        pa.field("location", pa.string()),
        pa.field("evidence", pa.string()),
        pa.field("confidence", pa.float64()),
        pa.field("published_date", pa.date32()),
        # unreviewed (the engine's), confirmed, corrected or added by an analyst (diplomacy.review);
        # a row written without one, or read from a partition older than the column, is unreviewed
        pa.field("review_state", pa.string(), nullable=False, metadata={"default": "unreviewed"}),
    ]
)

RELATIONSHIPS = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("korean_city", pa.string()),
        pa.field("korean_province", pa.string()),
        pa.field("partner_city", pa.string()),
        pa.field("partner_region", pa.string()),
        pa.field("partner_country", pa.string()),
        pa.field("relationship_type", pa.string()),
        pa.field("established_year", pa.int32()),
        pa.field("evidence", pa.string()),
    ]
)

VALIDATION_RESULTS = pa.schema(
    [
        pa.field("run_id", pa.string(), nullable=False),
        pa.field("table_name", pa.string(), nullable=False),
        pa.field("expectation", pa.string(), nullable=False),
        pa.field("column", pa.string()),
        pa.field("critical", pa.bool_()),
        pa.field("success", pa.bool_()),
        pa.field("unexpected_count", pa.int64()),
        pa.field("unexpected_rows", pa.list_(pa.string())),
        pa.field("validated_at", pa.timestamp("us", tz="UTC")),
    ]
)

QUARANTINE = pa.schema(
    [
        pa.field("table_name", pa.string(), nullable=False),
        pa.field("row_key", pa.string(), nullable=False),
        pa.field("expectation", pa.string(), nullable=False),
        pa.field("row_json", pa.string()),
    ]
)

TABLES: dict[str, pa.Schema] = {
    "articles": ARTICLES,
    "article_signatures": ARTICLE_SIGNATURES,
    "events": EVENTS,
    "relationships": RELATIONSHIPS,
    "validation_results": VALIDATION_RESULTS,
    "quarantine": QUARANTINE,
}

# Vocabularies of the data contract (shared/spec/events.md); the validator checks them.
EVENT_TYPES = ("agreement", "visit", "meeting", "virtual_meeting", "exchange")
AGREEMENT_TYPES = ("sister_city", "friendship_city", "letter_of_intent", "mou", "other")
DIRECTIONS = ("outbound", "inbound")
EVENT_STATUSES = ("occurred", "planned")
DATE_PRECISIONS = ("day", "month", "year")
RELATIONSHIP_TYPES = ("sister_city", "friendship_city")
FIELDS = (
    "economy",
    "trade",
    "investment",
    "industry",
    "energy",
    "environment",
    "culture",
    "tourism",
    "education",
    "youth",
    "sports",
    "health",
    "bio",
    "science_technology",
    "agriculture",
    "administration",
    "transport",
    "urban",
    "other",
)
REVIEW_STATES = ("unreviewed", "confirmed", "corrected", "added")


def defaults(sch: pa.Schema) -> dict[str, str]:
    """Column -> the value a row without one takes (a field's `default` metadata): writers fill
    it in, and readers fill it into partitions written before the column existed."""
    return {f.name: f.metadata[b"default"].decode() for f in sch if f.metadata and b"default" in f.metadata}


READ_DEFAULTS: dict[str, dict[str, str]] = {name: defaults(sch) for name, sch in TABLES.items()}
ARTICLE_STATUSES = ("accepted", "duplicate", "rejected")
REJECT_REASONS = (
    "empty",
    "binary",
    "undecodable",
    "too_large",
    "not_korean",
    "mojibake",
    "symlink_outside_landing",
    "unreadable",
    "line_too_long",
)
