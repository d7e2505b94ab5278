"""Gazetteers: closed lists of governments, so that names found in news resolve to one canonical form.

Each module here ships its list as data under ``diplomacy/data`` and keeps lookup logic small.
"""
