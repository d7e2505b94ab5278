"""What an analyst may write into an event: the contract's vocabularies and conventions as data.

`validate_changes` checks an edit (or, with `current=None`, a whole new event) field by field
and then the event that results, and returns the normalised values; anything else raises
InvalidCorrection with a message meant for the analyst (the UI shows it with HTTP 422).
Strings are kept as typed (trimmed): they only ever reach SQL as bound parameters.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from diplomacy import schema

EDITABLE_FIELDS = (
    "event_type",
    "agreement_type",
    "direction",
    "status",
    "event_date",
    "date_precision",
    "korean_city",
    "korean_province",
    "partner_city",
    "partner_region",
    "partner_country",
    "korean_officials",
    "foreign_officials",
    "fields",
    "location",
)
# A new event names these (the contract's gold format requires them); `evidence` is optional.
REQUIRED_ON_ADD = (
    "event_type",
    "status",
    "event_date",
    "date_precision",
    "korean_city",
    "korean_province",
    "partner_city",
    "partner_country",
)
MAX_NAME = 200
MAX_TEXT = 2000  # evidence and notes
MAX_PEOPLE = 50
MIN_DATE = date(1950, 1, 1)

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
# The contract's Korean names carry their administrative suffix (check_gold.py checks the same).
_KOREAN_SUFFIX = re.compile(r"(?:시|군|구|도|특별시|광역시|특별자치시|특별자치도)$")


class InvalidCorrection(ValueError):
    """A correction the contract does not allow; the message is shown to the analyst."""


def _text(field: str, value, *, required: bool, limit: int = MAX_NAME) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise InvalidCorrection(f"{field} is required")
        return None
    if not isinstance(value, str):
        raise InvalidCorrection(f"{field} must be text, got {type(value).__name__}")
    value = value.strip()
    if len(value) > limit:
        raise InvalidCorrection(f"{field} is longer than {limit} characters")
    return value


def _choice(vocabulary: tuple[str, ...], *, nullable: bool) -> Callable[[str, object], str | None]:
    def check(field: str, value) -> str | None:
        if value is None or value == "":
            if nullable:
                return None
            raise InvalidCorrection(f"{field} is required (one of {', '.join(vocabulary)})")
        if value not in vocabulary:
            raise InvalidCorrection(f"{field} {value!r} is not one of {', '.join(vocabulary)}")
        return value

    return check


def _event_date(field: str, value) -> date:
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _ISO_DATE.match(value.strip()):
        raise InvalidCorrection(f"{field} {value!r} is not a date of the form YYYY-MM-DD")
    try:
        return date.fromisoformat(value.strip())
    except ValueError as exc:
        raise InvalidCorrection(f"{field} {value!r} is not a calendar date: {exc}") from None


def _korean(field: str, value) -> str | None:
    name = _text(field, value, required=True)
    if not _KOREAN_SUFFIX.search(name):
        raise InvalidCorrection(f"{field} {name!r} lacks its administrative suffix (시, 군, 구, 도 …)")
    return name


def _country(field: str, value) -> str:
    code = _text(field, value, required=True)
    code = code.upper()
    if not _COUNTRY.match(code):
        raise InvalidCorrection(f"{field} {value!r} is not an ISO 3166-1 alpha-2 code such as CN or JP")
    return code


def _people(field: str, value) -> list[dict]:
    if value is None:
        return []
    if not isinstance(value, list) or len(value) > MAX_PEOPLE:
        raise InvalidCorrection(f"{field} must be a list of at most {MAX_PEOPLE} {{name, title}} entries")
    out = []
    for i, person in enumerate(value):
        if not isinstance(person, dict) or set(person) - {"name", "title"}:
            raise InvalidCorrection(f"{field}[{i}] must be an object with only name and title")
        out.append(
            {
                "name": _text(f"{field}[{i}].name", person.get("name"), required=True),
                "title": _text(f"{field}[{i}].title", person.get("title"), required=False),
            }
        )
    return out


def _fields(field: str, value) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise InvalidCorrection(f"{field} must be a list of cooperation fields")
    unknown = [v for v in value if v not in schema.FIELDS]
    if unknown:
        raise InvalidCorrection(f"{field} {unknown!r} outside the vocabulary: {', '.join(schema.FIELDS)}")
    return list(dict.fromkeys(value))


# One rule per editable field: field name -> function(field, raw value) -> normalised value.
RULES: dict[str, Callable[[str, object], object]] = {
    "event_type": _choice(schema.EVENT_TYPES, nullable=False),
    "agreement_type": _choice(schema.AGREEMENT_TYPES, nullable=True),
    "direction": _choice(schema.DIRECTIONS, nullable=True),
    "status": _choice(schema.EVENT_STATUSES, nullable=False),
    "event_date": _event_date,
    "date_precision": _choice(schema.DATE_PRECISIONS, nullable=False),
    "korean_city": _korean,
    "korean_province": _korean,
    "partner_city": lambda f, v: _text(f, v, required=True),
    "partner_region": lambda f, v: _text(f, v, required=False),
    "partner_country": _country,
    "korean_officials": _people,
    "foreign_officials": _people,
    "fields": _fields,
    "location": lambda f, v: _text(f, v, required=False),
    "evidence": lambda f, v: _text(f, v, required=False, limit=MAX_TEXT),
}

# The contract: a field that belongs to one event type only (spec: extra fields of the types).
ONLY_ON = {"direction": "visit", "agreement_type": "agreement", "location": "meeting"}
REQUIRED_ON = {"visit": "direction", "agreement": "agreement_type"}


def normalise_date(day: date, precision: str) -> date:
    """A month-precise date is the 1st of its month, a year-precise one January 1st."""
    if precision == "month":
        return day.replace(day=1)
    if precision == "year":
        return day.replace(month=1, day=1)
    return day


def check_event(event: dict) -> None:
    """The contract's conventions on a whole event (its `published_date` bounds `event_date`)."""
    kind = event.get("event_type")
    for field, only in ONLY_ON.items():
        if event.get(field) is not None and kind != only:
            raise InvalidCorrection(f"{field} applies only to {only} events, not to a {kind}: clear it")
    need = REQUIRED_ON.get(kind)
    if need and event.get(need) is None:
        raise InvalidCorrection(f"a {kind} needs {need}")
    _check_date(event)


def _check_date(event: dict) -> None:
    day, published = event.get("event_date"), event.get("published_date")
    if day is None:
        raise InvalidCorrection("event_date is required")
    latest = date((published or date.today()).year + 1, 12, 31)
    if not MIN_DATE <= day <= latest:
        raise InvalidCorrection(f"event_date {day.isoformat()} is outside {MIN_DATE.isoformat()}…{latest}")
    if isinstance(published, str):
        published = date.fromisoformat(published)
    if event.get("status") == "occurred" and published is not None and day > published:
        raise InvalidCorrection(
            f"an event that occurred cannot be dated after its article ({published.isoformat()}): "
            "make it planned or fix the date"
        )


def validate_changes(changes: dict, current: dict | None = None) -> dict:
    """The normalised values of `changes` to the event `current` (None: `changes` is a whole
    new event); raises InvalidCorrection naming the first problem."""
    if not isinstance(changes, dict) or not changes:
        raise InvalidCorrection("no changes given")
    allowed = EDITABLE_FIELDS if current is not None else (*EDITABLE_FIELDS, "evidence")
    unknown = sorted(str(k) for k in changes if k not in allowed)
    if unknown:
        raise InvalidCorrection(f"unknown field {', '.join(unknown)}; editable: {', '.join(allowed)}")
    if current is None:
        missing = [k for k in REQUIRED_ON_ADD if changes.get(k) in (None, "")]
        if missing:
            raise InvalidCorrection(f"the event needs {', '.join(missing)}")
    out = {k: RULES[k](k, v) for k, v in changes.items()}
    base = dict(current or {})
    if isinstance(base.get("event_date"), str):
        base["event_date"] = date.fromisoformat(base["event_date"])
    result = {**base, **out}
    if result.get("event_date") is not None and ("event_date" in out or "date_precision" in out):
        # a date is stored at its precision
        day = normalise_date(result["event_date"], result.get("date_precision") or "day")
        if day != base.get("event_date") or "event_date" in out:
            out["event_date"] = result["event_date"] = day
    check_event(result)
    return out
