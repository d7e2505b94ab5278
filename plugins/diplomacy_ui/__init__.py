"""The Diplomacy events UI: a FastAPI app the Airflow api-server mounts under /diplomacy.

Loaded by plugins/diplomacy_plugin.py; the Airflow plugin scanner skips this package
(plugins/.airflowignore), so its modules import as `diplomacy_ui.*` only.
"""
