"""The synthetic events warehouse of the plugin's tests (the benchmark's generator)."""

from benchmarks.plugin_queries import PARTNERS, make_events, write_events

__all__ = ["PARTNERS", "make_events", "write_events"]
