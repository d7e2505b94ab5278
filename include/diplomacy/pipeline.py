"""The stages of a daily run as functions over files: what the DAG tasks and the CLI call.

Every stage reads the previous stage's Parquet file in the run's work folder and writes
its own, so a task passes only a path through XCom, a retried task starts from files
instead of memory, and the CLI and the DAG run literally the same code.
"""

from __future__ import annotations

import json
import re
import shutil
import uuid
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from diplomacy import faults, schema
from diplomacy.commit import commit, day_lock, recover
from diplomacy.warehouse import (
    atomic_path,
    chunks,
    partition_path,
    partition_writer,
    read_table,
    to_table,
    write_stream_atomic,
)

STAGED = pa.schema(
    [
        pa.field("article_id", pa.string()),
        pa.field("source_file", pa.string()),
        pa.field("source_file_raw", pa.binary()),
        pa.field("status", pa.string()),
        pa.field("reason", pa.string()),
        pa.field("duplicate_of", pa.string()),
        pa.field("encoding", pa.string()),
        pa.field("size_bytes", pa.int64()),
        pa.field("replaced_chars", pa.int32()),
        pa.field("text", pa.string()),
        pa.field("copy_id", pa.string()),
    ]
)
_MERGE_FILLS = ("is_diplomacy", "event_count", "near_duplicate_of", "near_duplicate_similarity")
CLEANED = pa.schema(
    [f for f in schema.ARTICLES if f.name not in _MERGE_FILLS]
    + [schema.ARTICLE_SIGNATURES.field("minhash"), STAGED.field("copy_id")]
)
FLAGS = pa.schema(
    [
        pa.field("article_id", pa.string()),
        pa.field("is_diplomacy", pa.bool_()),
        pa.field("event_count", pa.int32()),
    ]
)
OUTPUT_TABLES = ("articles", "article_signatures", "events", "relationships")
LOADED_TABLES = (*OUTPUT_TABLES, "quarantine", "validation_results")  # one commit per day
_ROWS = 256  # rows per streamed chunk: bounds the memory of every stage, whatever the day's size


@dataclass
class RunSummary:
    day: date
    warehouse: Path
    received: int = 0
    accepted: int = 0
    duplicate: int = 0
    rejected: int = 0
    diplomacy_articles: int = 0
    events: int = 0
    relationships: int = 0
    quarantined: int = 0
    validation_success: bool = True
    validation_failures: list[str] = field(default_factory=list)
    reasons: dict[str, int] = field(default_factory=dict)
    corrections_applied: int = 0  # analysts' corrections of the day in the store (diplomacy.review)
    run_id: str | None = None

    def as_dict(self) -> dict:
        d = self.__dict__.copy()
        d["day"] = self.day.isoformat()
        d["warehouse"] = str(self.warehouse)
        return d

    def render(self) -> str:
        reasons = ", ".join(f"{k}={v}" for k, v in sorted(self.reasons.items())) or "none"
        lines = [
            f"municipal diplomacy run for {self.day.isoformat()}",
            f"  files received      {self.received}",
            f"  accepted            {self.accepted}",
            f"  duplicate           {self.duplicate}",
            f"  rejected            {self.rejected}  ({reasons})",
            f"  diplomacy articles  {self.diplomacy_articles}",
            f"  events found        {self.events}",
            f"  relationships       {self.relationships}",
            f"  quarantined rows    {self.quarantined}",
            f"  corrections applied {self.corrections_applied}",
            f"  validation          {'passed' if self.validation_success else 'FAILED'}"
            + ("" if self.validation_success else ": " + "; ".join(self.validation_failures)),
            f"  tables under        {self.warehouse}",
        ]
        if self.run_id:
            lines.insert(1, f"  run id              {self.run_id}")
        return "\n".join(lines)


def new_work_id(kind: str = "run") -> str:
    """A fresh name for a run's work folder: two runs of one day never share files."""
    return f"{kind}-{uuid.uuid4().hex[:12]}"


def work_dir(warehouse: Path, day: date, work_id: str) -> Path:
    """Scratch space of one run of a day, `_runs/<day>/<work_id>`; underscore-prefixed so
    dataset readers skip it. Airflow run ids carry `:` and `+`: kept as `_`."""
    return day_dir(warehouse, day) / safe_run_id(work_id)


def day_dir(warehouse: Path, day: date) -> Path:
    """The day's folder of runs, with the summary of the run loaded last."""
    return Path(warehouse) / "_runs" / day.isoformat()


def summary_path(warehouse: Path, day: date) -> Path:
    return day_dir(warehouse, day) / "summary.json"


def _layout(work: Path) -> tuple[Path, date]:
    """(warehouse, day) of a work folder `<warehouse>/_runs/<day>/<work_id>`."""
    work = Path(work)
    return work.parents[2], date.fromisoformat(work.parent.name)


def known_article_ids(warehouse: Path, day: date) -> set[str]:
    """The registry of accepted articles of other days, so re-scraped copies are duplicates."""
    # ids and statuses only: the table holds every body of every day ever loaded
    table = read_table(warehouse, "articles", columns=["article_id", "status", schema.PARTITION_KEY])
    if table.num_rows == 0:
        return set()
    mask = pc.and_(
        pc.equal(table["status"], "accepted"),
        pc.not_equal(table[schema.PARTITION_KEY], pa.scalar(day, pa.date32())),
    )
    return set(table.filter(mask)["article_id"].to_pylist())


def _sweep_loaded_runs(day_folder: Path) -> None:
    """Work folders of the day's runs that finished their load (their summary.json is written
    after the commit): nothing will read them again."""
    for d in day_folder.glob("*/summary.json"):
        shutil.rmtree(d.parent, ignore_errors=True)


def stage(
    input_dir: Path,
    warehouse: Path,
    day: date,
    *,
    landing_root: Path | None,
    max_file_bytes: int,
    work_id: str | None = None,
) -> str:
    """Stage: one record per landing file with its decoded text and status.

    Interrupted commits of any day are finished or undone first (a day another writer holds
    is left to it), so the registry of known articles is read from whole versions."""
    from diplomacy.stage import stage_files

    recover(warehouse)
    out = work_dir(warehouse, day, work_id or new_work_id())
    if out.exists():
        shutil.rmtree(out)  # a retry of this run starts clean: nothing of its earlier attempt leaks in
    _sweep_loaded_runs(out.parent)
    files = stage_files(
        Path(input_dir),
        landing_root=landing_root,
        max_file_bytes=max_file_bytes,
        known=known_article_ids(warehouse, day),
    )
    path = out / "staged.parquet"
    write_stream_atomic(chunks((f.as_row() for f in files), STAGED, _ROWS), STAGED, path)
    return str(path)


_CLEAN_FIELDS = ("published_date", "title", "publisher", "reporter", "body", "minhash")
_BEST_RANK = (True, True)


def _cleaned_fields(text: str) -> dict:
    from diplomacy.clean import clean_page
    from diplomacy.neardup import signature

    c = clean_page(text)
    return {
        "published_date": c.published_date,
        "title": c.title,
        "publisher": c.publisher,
        "reporter": c.reporter,
        "body": c.body,
        "minhash": signature(c.body or ""),
    }


def _rank(fields: dict) -> tuple[bool, bool]:
    """What makes one copy of an article better than another: a body, then a title."""
    return bool(fields["body"]), bool(fields["title"])


def clean(staged_path: str) -> str:
    """Clean: header facts, the article body and its MinHash signature for every accepted file.

    Copies of one article in one day (same id) are judged by content: the accepted copy is
    the first by name, and a later copy that cleans better (a body where it has none, then a
    title) takes its place. Equal copies keep the first by name, so reruns decide the same."""
    ranks: dict[str, tuple[bool, bool]] = {}  # accepted id -> rank of the best copy so far
    better: dict[str, tuple[str, dict]] = {}  # accepted id -> (source_file, fields) of a better copy

    def rows():
        for batch in pq.ParquetFile(staged_path).iter_batches(batch_size=_ROWS):
            for r in batch.to_pylist():
                text = r.pop("text")
                row = {**r, **dict.fromkeys(_CLEAN_FIELDS)}
                if r["status"] == "accepted" and text:
                    row.update(_cleaned_fields(text))
                    ranks[r["article_id"]] = _rank(row)
                elif (
                    r["status"] == "duplicate"
                    and text
                    and ranks.get(r["duplicate_of"], _BEST_RANK) < _BEST_RANK
                ):
                    fields = _cleaned_fields(text)
                    if _rank(fields) > ranks[r["duplicate_of"]]:
                        ranks[r["duplicate_of"]] = _rank(fields)
                        better[r["duplicate_of"]] = (r["source_file"], fields)
                yield row

    path = Path(staged_path).parent / "cleaned.parquet"
    write_stream_atomic(chunks(rows(), CLEANED, _ROWS), CLEANED, path)
    if better:
        _keep_better_copies(path, better)
    return str(path)


def _keep_better_copies(path: Path, better: dict[str, tuple[str, dict]]) -> None:
    """Rewrite the cleaned file with each better copy accepted in place of the first one."""
    empty = dict.fromkeys(_CLEAN_FIELDS)

    def swap(r: dict) -> dict:
        aid = r["article_id"] if r["status"] == "accepted" else r["duplicate_of"]
        if aid not in better:
            return r
        winner, fields = better[aid]
        if r["status"] == "accepted":  # the first copy steps down to a duplicate of the winner
            return {**r, **empty, "article_id": r["copy_id"], "status": "duplicate", "duplicate_of": aid}
        if r["source_file"] == winner:
            return {
                **r,
                **fields,
                "article_id": aid,
                "status": "accepted",
                "duplicate_of": None,
                "copy_id": r["article_id"],
            }
        return r

    def rows():
        for batch in pq.ParquetFile(path).iter_batches(batch_size=_ROWS):
            yield from (swap(r) for r in batch.to_pylist())

    write_stream_atomic(chunks(rows(), CLEANED, _ROWS), CLEANED, path)


def plan_batches(cleaned_path: str, *, batch_size: int, max_batches: int) -> list[dict]:
    """Split the day's accepted articles into a bounded number of batches for extraction.

    Each batch pays for loading Kiwi once (~3 s, 0.5 GB), so batches are never smaller than
    `batch_size` unless the day is; their count is capped so a huge day cannot flood workers.
    """
    n = pc.sum(pc.equal(pq.read_table(cleaned_path, columns=["status"])["status"], "accepted")).as_py() or 0
    count = max(1, min(max_batches, -(-n // max(1, batch_size))))
    return [{"cleaned_path": cleaned_path, "batch_index": i, "batch_count": count} for i in range(count)]


_EXTRACT_COLUMNS = ["article_id", "title", "body", "published_date"]


def _batch_articles(cleaned_path: str, batch_index: int, batch_count: int) -> Iterator[dict]:
    """The accepted articles of one batch (every `batch_count`-th from `batch_index`), streamed."""
    position = 0
    for rb in pq.ParquetFile(cleaned_path).iter_batches(
        batch_size=_ROWS, columns=[*_EXTRACT_COLUMNS, "status"]
    ):
        for r in rb.to_pylist():
            if r.pop("status") != "accepted":
                continue
            if position % batch_count == batch_index:
                yield r
            position += 1


def extract(cleaned_path: str, batch_index: int = 0, batch_count: int = 1) -> str:
    """Extract: events, relationships and diplomacy flags of one batch of articles.

    Articles stream from the cleaned file through Kiwi and the rules into the batch's three
    files in bounded chunks, so a batch of any size holds a window of articles in memory."""
    from diplomacy.extract import extract_stream

    out = Path(cleaned_path).parent / f"batch-{batch_index:03d}-of-{batch_count:03d}"
    outputs = {"events": schema.EVENTS, "relationships": schema.RELATIONSHIPS, "flags": FLAGS}
    with ExitStack() as stack:
        writers = {
            name: stack.enter_context(
                pq.ParquetWriter(
                    stack.enter_context(atomic_path(out / f"{name}.parquet")), sch, compression="zstd"
                )
            )
            for name, sch in outputs.items()
        }
        buf: dict[str, list[dict]] = {name: [] for name in outputs}

        def flush():
            for name, rows in buf.items():
                writers[name].write_table(to_table(rows, outputs[name]))
                rows.clear()

        for n, (events, rels, flag) in enumerate(
            extract_stream(_batch_articles(cleaned_path, batch_index, batch_count)), 1
        ):
            buf["events"] += ({**e, "review_state": "unreviewed"} for e in events)  # no analyst saw it yet
            buf["relationships"] += rels
            buf["flags"].append(flag)
            if n % _ROWS == 0:
                flush()
        flush()
    return str(out)


def merge(cleaned_path: str, batch_dirs: list[str]) -> str:
    """Merge the batches into the day's three tables, in a stable row order."""
    work = Path(cleaned_path).parent
    parts = {name: [] for name in ("events", "relationships", "flags")}
    for d in sorted(batch_dirs):
        for name in parts:
            parts[name].append(pq.read_table(Path(d) / f"{name}.parquet"))
    flags = {
        r["article_id"]: (r["is_diplomacy"], r["event_count"])
        for part in parts["flags"]
        for r in part.to_pylist()
    }

    copies = _near_duplicates(cleaned_path, *_layout(work))

    def articles() -> Iterator[pa.Table]:
        # staged (and so cleaned) rows are in source_file order already: stream, never sort
        for rb in pq.ParquetFile(cleaned_path).iter_batches(batch_size=_ROWS):
            t = pa.Table.from_batches([rb])
            ids = t["article_id"].to_pylist()
            got = [
                flags.get(a) if s == "accepted" else None
                for a, s in zip(ids, t["status"].to_pylist(), strict=True)
            ]
            dup = [
                copies.get(a) if s == "accepted" else None
                for a, s in zip(ids, t["status"].to_pylist(), strict=True)
            ]
            t = t.append_column("is_diplomacy", pa.array([bool(g and g[0]) for g in got], pa.bool_()))
            t = t.append_column("event_count", pa.array([g[1] if g else 0 for g in got], pa.int32()))
            t = t.append_column(
                "near_duplicate_of", pa.array([d and d.original_id for d in dup], pa.string())
            )
            t = t.append_column(
                "near_duplicate_similarity", pa.array([d and d.similarity for d in dup], pa.float64())
            )
            yield t.select(schema.ARTICLES.names)

    def signatures() -> Iterator[pa.Table]:
        cols = ["article_id", "status", "published_date", "minhash"]
        for rb in pq.ParquetFile(cleaned_path).iter_batches(batch_size=_ROWS, columns=cols):
            t = pa.Table.from_batches([rb])
            yield t.filter(pc.equal(t["status"], "accepted")).select(schema.ARTICLE_SIGNATURES.names)

    merged = work / "merged"
    write_stream_atomic(articles(), schema.ARTICLES, merged / "articles.parquet")
    write_stream_atomic(signatures(), schema.ARTICLE_SIGNATURES, merged / "article_signatures.parquet")
    for name, sch, keys in (
        ("events", schema.EVENTS, ["article_id", "event_id"]),
        (
            "relationships",
            schema.RELATIONSHIPS,
            ["article_id", "korean_city", "partner_city", "relationship_type"],
        ),
    ):
        table = pa.concat_tables(parts[name]) if parts[name] else sch.empty_table()
        order = pc.sort_indices(table, sort_keys=[(k, "ascending") for k in keys])
        # sorted in slices: the day's rows and one slice in memory, not a second sorted copy
        slices = (table.take(order[i : i + _ROWS * 16]) for i in range(0, len(order), _ROWS * 16))
        write_stream_atomic(slices, sch, merged / f"{name}.parquet")
        del table, order
    return str(merged)


def _near_duplicates(cleaned_path: str, warehouse: Path, day: date) -> dict:
    """article_id -> NearDuplicate for the day's accepted articles that copy an article of the
    day or of any other day in the warehouse (its signatures table)."""
    from diplomacy.neardup import near_duplicates

    cols = ["article_id", "status", "published_date", "minhash"]
    today = pq.read_table(cleaned_path, columns=cols)
    today = today.filter(pc.equal(today["status"], "accepted"))
    ids = set(today["article_id"].to_pylist())
    prior = read_table(warehouse, "article_signatures")
    prior = prior.filter(pc.not_equal(prior[schema.PARTITION_KEY], pa.scalar(day, pa.date32())))
    rows = [
        (r["article_id"], r["published_date"], r["minhash"])
        for t in (prior, today)
        for r in t.select(["article_id", "published_date", "minhash"]).to_pylist()
        if r["minhash"]
    ]
    return {d.article_id: d for d in near_duplicates(rows) if d.article_id in ids}


def validate(merged_dir: str, run_id: str) -> str:
    """Validate: Great Expectations suites; bad rows to quarantine, critical failures raise."""
    from diplomacy.validate import validate_tables

    result = validate_tables(Path(merged_dir), run_id=run_id)
    return str(result)


def load(
    merged_dir: str,
    warehouse: Path,
    day: date,
    *,
    lock_timeout: float | None = None,
    run_id: str | None = None,
) -> dict:
    """Load: replace the day's partition of every table, and the day's summary, as one commit
    (see diplomacy.commit) under the day's lock; returns the run summary.

    The analysts' corrections of the day (diplomacy.review) are applied first, so a rerun never
    undoes one; an unreachable corrections store fails the load. A correction recorded while the
    load committed is caught by a second look after the commit, and the day committed again."""
    from diplomacy.review.day import latest_id, review_merged

    merged = Path(merged_dir)
    run_id = run_id or merged.parent.name  # CLI runs: their work id
    with day_lock(warehouse, day, timeout=lock_timeout, owner=f"load of {merged.parent.name}"):
        while True:
            reviewed = review_merged(merged, warehouse, day)
            summary = summarise(merged, warehouse, day, reviewed.events, reviewed.articles)
            summary.update(run_id=run_id, corrections_applied=reviewed.applied)
            _commit_load(merged, warehouse, day, reviewed, summary)
            if latest_id(reviewed.url, day) == reviewed.latest_id:
                break
    text = json.dumps(summary, ensure_ascii=False, indent=2)
    (merged.parent / "summary.json").write_text(text, encoding="utf-8")  # the run's own record
    write_run_record(warehouse, merged, summary)
    return summary


def _commit_load(merged: Path, warehouse: Path, day: date, reviewed, summary: dict) -> None:
    sources = {name: merged / f"{name}.parquet" for name in LOADED_TABLES}
    sources.update(events=reviewed.events, articles=reviewed.articles)
    changes = {
        name: (partition_path(warehouse, name, day), partition_writer(name, sources[name]))
        for name in LOADED_TABLES
    }
    text = json.dumps(summary, ensure_ascii=False, indent=2)
    changes["summary"] = (summary_path(warehouse, day), lambda tmp: tmp.write_text(text, encoding="utf-8"))
    commit(Path(warehouse), day, changes)


BY_RUN = "_by_run"  # <warehouse>/_runs/_by_run/<run id>.json: the record of every loaded run


def safe_run_id(run_id: str) -> str:
    """A run id as a file name: Airflow run ids carry `:` and `+`, kept as `_` (as work_dir does)."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", run_id).lstrip(".") or "run"


def run_record_path(warehouse: Path, run_id: str) -> Path:
    return Path(warehouse) / "_runs" / BY_RUN / f"{safe_run_id(run_id)}.json"


def write_run_record(warehouse: Path, merged: Path, summary: dict) -> Path:
    """The run's record for the UI: its summary, validation report and quarantine counts."""
    report = merged / "validation.json"
    record = {
        **summary,
        "validation": json.loads(report.read_text(encoding="utf-8")) if report.exists() else None,
        "quarantine_counts": _quarantine_counts(merged / "quarantine.parquet"),
    }
    path = run_record_path(warehouse, summary["run_id"])
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(record, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def _quarantine_counts(path: Path) -> dict[str, int]:
    """Quarantined rows per `<table>: <expectation>`."""
    if not path.exists():
        return {}
    t = pq.read_table(path, columns=["table_name", "expectation"])
    counts: dict[str, int] = {}
    for table, expectation in zip(t["table_name"].to_pylist(), t["expectation"].to_pylist(), strict=True):
        key = f"{table}: {expectation}"
        counts[key] = counts.get(key, 0) + 1
    return dict(sorted(counts.items()))


def run_record(warehouse: Path, run_id: str) -> dict | None:
    """The record `load` wrote for a run, or None; the path never leaves the warehouse."""
    root = (Path(warehouse) / "_runs" / BY_RUN).resolve()
    path = run_record_path(warehouse, run_id).resolve()
    if path.parent != root or not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def summarise(
    merged: Path, warehouse: Path, day: date, events: Path | None = None, articles: Path | None = None
) -> dict:
    """The run summary of a merged, validated day (`events`/`articles`: the files to load when
    corrections replaced the merged ones)."""
    summary = RunSummary(day=day, warehouse=Path(warehouse))
    articles = pq.read_table(
        articles or merged / "articles.parquet", columns=["status", "reason", "is_diplomacy"]
    ).to_pylist()
    summary.received = len(articles)
    for a in articles:
        setattr(summary, a["status"], getattr(summary, a["status"]) + 1)
        if a["status"] == "rejected":
            summary.reasons[a["reason"] or "unknown"] = summary.reasons.get(a["reason"] or "unknown", 0) + 1
    summary.diplomacy_articles = sum(1 for a in articles if a["is_diplomacy"])
    summary.events = pq.read_metadata(events or merged / "events.parquet").num_rows
    summary.relationships = pq.read_metadata(merged / "relationships.parquet").num_rows
    qpath = merged / "quarantine.parquet"
    summary.quarantined = pq.read_metadata(qpath).num_rows if qpath.exists() else 0
    report = merged / "validation.json"
    if report.exists():
        v = json.loads(report.read_text(encoding="utf-8"))
        summary.validation_success = v["success"]
        summary.validation_failures = v["failures"]
    return summary.as_dict()


def _die_with_parent(parent: int) -> None:
    """A staging worker must not outlive a killed CLI: it would go on writing into the work
    folder of the rerun that follows. Linux only (prctl); elsewhere the worker just finishes."""
    import ctypes
    import os
    import signal

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)


def _stage_and_clean(
    input_dir: Path, warehouse: Path, day: date, landing_root: Path | None, max_file_bytes: int, work_id: str
) -> str:
    staged = stage(
        input_dir, warehouse, day, landing_root=landing_root, max_file_bytes=max_file_bytes, work_id=work_id
    )
    return clean(staged)


CLI_WORK = "cli"  # prefix of the work folders of run_all, which holds the day's lock throughout


def _sweep_dead_runs(warehouse: Path, day: date) -> None:
    """Work folders of earlier run_all calls of the day: they held the day's lock for their
    whole run, and we hold it now, so each one is dead (killed or failed)."""
    for d in day_dir(warehouse, day).glob(f"{CLI_WORK}-*"):
        shutil.rmtree(d, ignore_errors=True)


def run_all(
    input_dir: Path,
    warehouse: Path,
    day: date,
    *,
    landing_root: Path | None = None,
    max_file_bytes: int,
    batch_size: int = 200,
    max_batches: int = 1,
    run_id: str | None = None,
    lock_timeout: float | None = None,
    on_wait=None,
) -> RunSummary:
    """The whole day in one process, the way the CLI and benchmarks run it.

    One writer per day: the day's lock is held from before staging to after the load (a
    second run of the day waits, or raises DayBusy after `lock_timeout` seconds; `on_wait`
    is told who holds it), and the run works in a folder of its own, removed once loaded.

    Staging and cleaning run in a spawned worker process while this one loads Kiwi and
    imports Great Expectations: the loads hold the GIL and staging is Python, so only a
    second process overlaps them (about 1.5 s of 11 on the 2000-file benchmark). The
    stages are the same functions the DAG's tasks call, file in, file out.
    """
    from diplomacy.commit import recover_day

    work_id = new_work_id(CLI_WORK)
    with day_lock(warehouse, day, timeout=lock_timeout, owner=f"run {work_id}", on_wait=on_wait):
        faults.point("locked")
        recover_day(warehouse, day)  # the staging worker cannot: we hold the day's lock
        _sweep_dead_runs(warehouse, day)
        d = _run_locked(
            input_dir, warehouse, day, landing_root, max_file_bytes, batch_size, max_batches, run_id, work_id
        )
        shutil.rmtree(work_dir(warehouse, day, work_id), ignore_errors=True)
    s = RunSummary(day=day, warehouse=Path(warehouse))
    for k, v in d.items():
        if k not in ("day", "warehouse"):
            setattr(s, k, v)
    return s


def _run_locked(
    input_dir, warehouse, day, landing_root, max_file_bytes, batch_size, max_batches, run_id, work_id
) -> dict:
    import multiprocessing
    import os
    from concurrent.futures import ProcessPoolExecutor

    from diplomacy.extract import nlp
    from diplomacy.validate import import_gx

    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        1, mp_context=spawn, initializer=_die_with_parent, initargs=(os.getpid(),)
    ) as pool:
        job = pool.submit(_stage_and_clean, input_dir, warehouse, day, landing_root, max_file_bytes, work_id)
        nlp.kiwi()
        import_gx()
        cleaned = job.result()
    batches = plan_batches(cleaned, batch_size=batch_size, max_batches=max_batches)
    dirs = [extract(**b) for b in batches]
    merged = merge(cleaned, dirs)
    run_id = run_id or work_id  # one id for the run's validation results and its record
    validate(merged, run_id)
    return load(merged, warehouse, day, run_id=run_id)
