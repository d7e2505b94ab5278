"""Bad trigger parameters are refused before any file is read: by the Param schema in the
trigger form, and by the plan task for dates the schema cannot judge."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("bad", ["2024-02-30", "../../etc", "yesterday"])
def test_the_param_schema_refuses_non_dates(airflow_db, dagbag, landing, bad):
    dag = dagbag.dags["municipal_diplomacy"]
    with pytest.raises(Exception, match="landing_date") as err:
        dag.test(run_conf={"landing_date": bad})
    assert type(err.value).__name__ == "ParamValidationError"


def test_the_plan_task_refuses_dates_before_any_landing_data(airflow_db, dagbag, landing, tmp_path):
    dag = dagbag.dags["municipal_diplomacy"]
    run = dag.test(run_conf={"landing_date": "1900-01-01"})
    assert run.state == "failed"
    states = {ti.task_id: ti.state for ti in run.get_task_instances()}
    assert states["plan"] == "failed"
    assert states["stage"] == "upstream_failed"
    assert not (tmp_path / "warehouse" / "articles").exists()
