# syntax=docker/dockerfile:1
#
# Airflow image for the municipal_diplomacy / diplomacy_marts DAGs.
#
# The base tag must stay in step with the apache-airflow pin in requirements.txt:
# tests/deploy/test_compose.py fails when they drift apart.
FROM apache/airflow:3.3.2-python3.11

# Nothing is installed as root: every dependency (kiwipiepy included) ships
# manylinux wheels, so no compiler or system library is needed.
USER airflow
WORKDIR /opt/airflow

# Requirements go in before the project sources so that editing a DAG or the
# library does not invalidate the (slow) dependency layer.
# Naming apache-airflow==${AIRFLOW_VERSION} on the same pip line is the official
# guard against a transitive requirement up- or downgrading the Airflow that the
# image was built and tested with.
COPY --chown=airflow:0 requirements.txt /opt/airflow/requirements.txt
RUN pip install --no-cache-dir "apache-airflow==${AIRFLOW_VERSION}" -r /opt/airflow/requirements.txt

# The library is installed editable from /opt/airflow/include so that the
# ./include bind mount in docker-compose.yaml takes effect without a rebuild,
# while an image run without mounts still imports the copy baked in here.
# --no-deps: its dependencies were pinned by requirements.txt above.
COPY --chown=airflow:0 pyproject.toml README.md /opt/airflow/
COPY --chown=airflow:0 include/ /opt/airflow/include/
RUN pip install --no-cache-dir --no-deps -e /opt/airflow

# Baked in so the image is self-contained (e.g. for a deployment without bind
# mounts); compose mounts the working tree over these in development.
COPY --chown=airflow:0 dags/ /opt/airflow/dags/
COPY --chown=airflow:0 plugins/ /opt/airflow/plugins/

# Defaults for running the image outside compose; compose sets the same values.
ENV DIPLOMACY_LANDING_ROOT=/opt/airflow/landing \
    DIPLOMACY_WAREHOUSE=/opt/airflow/warehouse \
    GX_ANALYTICS_ENABLED=false
