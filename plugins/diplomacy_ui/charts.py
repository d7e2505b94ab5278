"""The pictures as SVG geometry, computed on the server: no script or style from elsewhere.

`monthly_bars` stacks events per month by type; `world_paths` projects the plugin's Natural
Earth 110m land outline (equirectangular) and `partner_circles` places partner governments
at their coordinates, the area of a circle proportional to its event count.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

from diplomacy import schema

STATIC = Path(__file__).resolve().parent / "static"
LAND_FILE = STATIC / "ne_110m_land.geojson"
TYPE_COLOURS = {
    "agreement": "#1b9e77",
    "visit": "#d95f02",
    "meeting": "#7570b3",
    "virtual_meeting": "#e7298a",
    "exchange": "#66a61e",
}
OTHER_COLOUR = "#999999"

CHART_W, CHART_H, MARGIN_L, MARGIN_B, MARGIN_T = 960, 320, 48, 40, 10
MAP_W, MAP_H = 960, 480
LAT_TOP, LAT_BOTTOM = 84.0, -60.0  # the map leaves out Antarctica


def _months(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def monthly_bars(rows: list[dict]) -> dict:
    """Stacked bars of {month, event_type, n} rows, every month between the first and last."""
    types = [t for t in schema.EVENT_TYPES if any(r["event_type"] == t for r in rows)]
    types += sorted({r["event_type"] for r in rows} - set(types) - {None})
    legend = [{"type": t, "colour": TYPE_COLOURS.get(t, OTHER_COLOUR)} for t in types]
    if not rows:
        return {"width": CHART_W, "height": CHART_H, "bars": [], "ticks": [], "legend": legend, "max": 0}
    counts: dict[str, dict[str, int]] = {}
    for r in rows:
        counts.setdefault(r["month"], {})[r["event_type"]] = int(r["n"])
    months = _months(min(counts), max(counts))
    peak = max(sum(c.values()) for c in counts.values())
    plot_w, plot_h = CHART_W - MARGIN_L - 10, CHART_H - MARGIN_B - MARGIN_T
    step = plot_w / len(months)
    bars, ticks = [], []
    for i, month in enumerate(months):
        x, base = MARGIN_L + i * step, CHART_H - MARGIN_B
        for t in types:
            n = counts.get(month, {}).get(t, 0)
            if not n:
                continue
            h = plot_h * n / peak
            base -= h
            bars.append(
                {
                    "x": round(x, 2),
                    "y": round(base, 2),
                    "w": round(max(step * 0.85, 2.0), 2),
                    "h": round(h, 2),
                    "colour": TYPE_COLOURS.get(t, OTHER_COLOUR),
                    "title": f"{month} {t}: {n}",
                }
            )
        if month.endswith("-01") or len(months) <= 24:
            ticks.append({"x": round(x + step / 2, 2), "label": month if len(months) <= 24 else month[:4]})
    if len(ticks) > 24:  # one label in every k, so that they do not overlap
        k = math.ceil(len(ticks) / 24)
        ticks = ticks[::k]
    return {"width": CHART_W, "height": CHART_H, "bars": bars, "ticks": ticks, "legend": legend, "max": peak}


def project(lon: float, lat: float) -> tuple[float, float]:
    x = (lon + 180.0) / 360.0 * MAP_W
    y = (LAT_TOP - lat) / (LAT_TOP - LAT_BOTTOM) * MAP_H
    return round(x, 1), round(y, 1)


@lru_cache(maxsize=1)
def world_paths() -> tuple[str, ...]:
    """SVG path data of every land polygon of the outline file."""
    data = json.loads(LAND_FILE.read_text(encoding="utf-8"))
    paths = []
    for feature in data["features"]:
        geom = feature["geometry"]
        polygons = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        for polygon in polygons:
            rings = []
            for ring in polygon:
                pts = [project(lon, lat) for lon, lat in ring]
                rings.append("M" + "L".join(f"{x},{y}" for x, y in pts) + "Z")
            paths.append("".join(rings))
    return tuple(paths)


def partner_circles(rows: list[dict], max_radius: float = 18.0) -> list[dict]:
    """Circles for {partner_*, lat, lon, n} rows, largest first so small ones stay on top."""
    if not rows:
        return []
    peak = max(int(r["n"]) for r in rows)
    out = []
    for r in sorted(rows, key=lambda r: -int(r["n"])):
        x, y = project(float(r["lon"]), float(r["lat"]))
        name = r.get("partner_city") or r.get("partner_region") or r.get("partner_country") or "?"
        english = f" ({r['partner_city_en']})" if r.get("partner_city_en") else ""
        out.append(
            {
                "cx": x,
                "cy": y,
                "r": round(max(2.5, max_radius * math.sqrt(int(r["n"]) / peak)), 2),
                "n": int(r["n"]),
                "country": r.get("partner_country"),
                "city": r.get("partner_city"),
                "title": f"{name}{english}, {r.get('partner_country') or '?'}: {int(r['n'])} events",
            }
        )
    return out
