"""Options of the sotay plugin in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class KnowledgeBaseConfig(base.Config):
    # Folder of the documents, relative to mkdocs.yml.
    directives = c.Type(str, default="directives")
