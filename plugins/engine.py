"""The builder that drives the site (sotay.builder chose it): MkDocs 1.6, or ProperDocs, its continuation.

Imported before any plugin touches `mkdocs.*`: with ProperDocs, its alias then answers every `mkdocs.*`
import, the theme's and the plugins' alike, so nothing else in sotay needs to know which one runs.
"""

from __future__ import annotations

import importlib

from sotay.builder import builder_name

NAME = builder_name()
importlib.import_module("properdocs.replacement" if NAME == "properdocs" else NAME)
# The builder's own loggers: its messages (and ours, raised as PluginError) go through them.
LOGGERS = tuple(dict.fromkeys(("mkdocs", NAME)))
