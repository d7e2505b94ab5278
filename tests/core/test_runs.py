from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from diplomacy.config import Settings
from diplomacy.runs import InvalidRunParameter, interval_day, landing_folder, parse_day, plan_run


def cfg(tmp_path: Path) -> Settings:
    return Settings(landing_root=tmp_path / "landing", warehouse=tmp_path / "wh")


@pytest.mark.parametrize(
    "bad", ["", "2024-13-01", "2024/01/01", "yesterday", "2024-02-30", "1900-01-01", "../../etc"]
)
def test_bad_dates_are_refused_with_a_message(bad):
    with pytest.raises(InvalidRunParameter, match="landing date"):
        parse_day(bad)


def test_interval_day_is_the_seoul_calendar_day():
    # 2024-03-01 15:00 UTC is already 2024-03-02 in Seoul
    assert interval_day(datetime(2024, 3, 1, 15, 0, tzinfo=UTC)) == date(2024, 3, 2)
    assert interval_day("2024-03-01T14:59:00+00:00") == date(2024, 3, 1)


def test_param_overrides_interval(tmp_path):
    plan = plan_run(
        landing_date="2024-05-06", interval_start=datetime(2020, 1, 1, tzinfo=UTC), cfg=cfg(tmp_path)
    )
    assert plan.day == "2024-05-06"
    assert plan.input_dir == str((tmp_path / "landing" / "2024-05-06").resolve())


@pytest.mark.parametrize("escape", ["../..", "../other", "/etc", "2024-01-01/../../x"])
def test_paths_outside_landing_root_are_refused(tmp_path, escape):
    with pytest.raises(InvalidRunParameter, match="outside the landing root"):
        landing_folder(tmp_path / "landing", date(2024, 1, 1), escape)


def test_no_date_and_no_interval_is_an_error(tmp_path):
    with pytest.raises(InvalidRunParameter):
        plan_run(landing_date=None, interval_start=None, cfg=cfg(tmp_path))


def test_a_typed_landing_date_reprocesses_that_day(tmp_path):
    plan = plan_run(landing_date="2024-05-06", interval_start=None, reprocess=False, cfg=cfg(tmp_path))
    assert plan.reprocess is True


def test_a_scheduled_run_reprocesses_only_when_asked(tmp_path):
    start = datetime(2024, 5, 5, 15, 0, tzinfo=UTC)
    assert plan_run(landing_date=None, interval_start=start, cfg=cfg(tmp_path)).reprocess is False
    assert plan_run(landing_date=None, interval_start=start, reprocess=True, cfg=cfg(tmp_path)).reprocess


def test_a_loaded_day_is_skipped_unless_reprocessed(tmp_path):
    from diplomacy import schema
    from diplomacy.tasks import already_loaded
    from diplomacy.warehouse import write_partition

    start = datetime(2024, 5, 5, 15, 0, tzinfo=UTC)  # Seoul day 2024-05-06
    scheduled = plan_run(landing_date=None, interval_start=start, cfg=cfg(tmp_path)).as_dict()
    typed = plan_run(landing_date="2024-05-06", interval_start=None, cfg=cfg(tmp_path)).as_dict()
    assert not already_loaded(scheduled)
    write_partition(tmp_path / "wh", "articles", date(2024, 5, 6), schema.ARTICLES.empty_table())
    assert already_loaded(scheduled)
    assert not already_loaded(typed)
