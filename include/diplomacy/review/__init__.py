"""Analyst review of the engine's events: confirm, reject, edit, add (issue 13).

Corrections live in a database (diplomacy.review.store), are applied by a pure function
(diplomacy.review.apply) on every load and every reprocess of their day (pipeline.load), and
are written through to the day's `events` partition as soon as they are recorded
(diplomacy.review.service). `python -m diplomacy corrections export DIR` turns the reviewed
articles into gold files (diplomacy.review.export).
"""

from diplomacy.pipeline import run_record
from diplomacy.review.apply import apply
from diplomacy.review.rules import EDITABLE_FIELDS, InvalidCorrection, validate_changes
from diplomacy.review.service import (
    UnknownEvent,
    WriteThroughPending,
    add,
    confirm,
    edit,
    refresh_marts,
    reject,
    write_through,
)
from diplomacy.review.store import Correction, Store, StoreUnavailable, store_url
from diplomacy.schema import REVIEW_STATES

__all__ = [
    "EDITABLE_FIELDS",
    "REVIEW_STATES",
    "Correction",
    "InvalidCorrection",
    "Store",
    "StoreUnavailable",
    "UnknownEvent",
    "WriteThroughPending",
    "add",
    "apply",
    "confirm",
    "edit",
    "refresh_marts",
    "reject",
    "run_record",
    "store_url",
    "validate_changes",
    "write_through",
]
