"""Great-circle distances between places, one at a time or against many points at once."""

from __future__ import annotations

import math

import numpy as np

EARTH_RADIUS_KM = 6371.0088


def to_radians(anchors: list[tuple[float, float]]) -> np.ndarray | None:
    return np.radians(np.asarray(anchors, dtype=float)) if anchors else None


def nearest_km(lat: float, lon: float, points: np.ndarray) -> float:
    """Great-circle distance from (lat, lon) to the nearest of `points` (radians, shape n x 2)."""
    p1, l1 = math.radians(lat), math.radians(lon)
    a = np.sin((points[:, 0] - p1) / 2) ** 2 + math.cos(p1) * np.cos(points[:, 0]) * np.sin((points[:, 1] - l1) / 2) ** 2
    return float(2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(1.0, a.min()))))


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, a)))
