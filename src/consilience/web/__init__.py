"""The Consilience web app: stories, claim matrix, diff, timeline, map and actor graph over a store."""

from .app import create_app

__all__ = ["create_app"]
