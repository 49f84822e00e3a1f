"""Sổ tay sinh hoạt chi bộ: the knowledge base core.

The core (loading, validation, model, resolver, exporters) is plain Python and
never imports MkDocs: the site plugins are thin adapters over it, so the
content and the core outlive any one site generator.
"""

from __future__ import annotations

__version__ = "0.1.0"
