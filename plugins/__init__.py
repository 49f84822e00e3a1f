"""MkDocs plugins of sotay: thin adapters from the core to the site (installed as sotay.plugins).

The builder is chosen before any plugin imports `mkdocs.*`: MkDocs 1.6, or ProperDocs when MkDocs is
not installed (engine.py).
"""

from . import engine as engine
