"""Tests of the Airflow UI plugin (plugins/diplomacy_plugin.py, plugins/diplomacy_ui)."""
