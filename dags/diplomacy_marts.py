"""Analyst marts (partners, city_pairs), rebuilt whenever the daily load updates the warehouse."""

from __future__ import annotations

import pendulum
from airflow.sdk import Asset, dag, task

from diplomacy.assets import MART_ASSETS, TABLE_ASSETS

DOC = """
### Municipal diplomacy: analyst marts

Scheduled on the warehouse tables' Assets: each successful `load` of
**municipal_diplomacy** triggers a rebuild of

* `marts/events_merged` – one row per real-world event: the event mentions of every article
  merged across outlets and days (count this table, not `events`, to count signings or visits);
* `marts/partners` – one row per foreign government (names, country, region, GeoNames id, coordinates);
* `marts/city_pairs` – one row per Korean government × partner (relationship types, year
  established, first/last event dates, merged-event counts by type).

Columns are documented in `docs/data_dictionary.md`.
"""


@dag(
    dag_id="diplomacy_marts",
    description="Rebuild the events_merged, partners and city_pairs marts from the warehouse",
    doc_md=DOC,
    schedule=[Asset(uri) for uri in (TABLE_ASSETS["events"], TABLE_ASSETS["relationships"])],
    start_date=pendulum.datetime(2024, 1, 1, tz="Asia/Seoul"),
    catchup=False,
    max_active_runs=1,
    dagrun_timeout=pendulum.duration(minutes=30),
    tags=["diplomacy", "marts"],
    default_args={
        "owner": "data-engineering",
        "retries": 2,
        "retry_delay": pendulum.duration(minutes=1),
        "retry_exponential_backoff": True,
    },
)
def diplomacy_marts():
    @task(outlets=[Asset(uri) for uri in MART_ASSETS.values()])
    def build_marts() -> dict:
        """Rebuild every mart whole from the warehouse tables and swap it in atomically."""
        from diplomacy.tasks import build_marts_task

        return build_marts_task()

    build_marts()


diplomacy_marts()
