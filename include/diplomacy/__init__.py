"""Municipal diplomacy events from Korean news."""

__version__ = "0.1.0"
