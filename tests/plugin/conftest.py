"""The plugin tests import the plugin's package as the api-server does; `api_server` is in tests/conftest.py."""

from __future__ import annotations

import sys

from conftest import ROOT

if str(ROOT / "plugins") not in sys.path:
    sys.path.insert(0, str(ROOT / "plugins"))  # the api-server puts the plugins folder on its path too
