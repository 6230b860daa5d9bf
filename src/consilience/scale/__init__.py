"""Scale-out: the per-report stages of `analyze` on a Ray cluster (`consilience analyze --engine ray`)."""

from .ray_engine import RayEngineError, RayRunner, analyze_on_ray

__all__ = ["RayEngineError", "RayRunner", "analyze_on_ray"]
