"""Options of the sotay plugin in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class KnowledgeBaseConfig(base.Config):
    # Folder of the documents, relative to mkdocs.yml. The core reads it from mkdocs.yml
    # itself (it runs without MkDocs); declaring it here makes MkDocs validate it.
    directives = c.Type(str, default="directives")
    # Which documents the site carries: "toan-quoc" (all), or a province slug
    # (central documents plus that province's). `sotay build --edition` sets it.
    edition = c.Type(str, default="toan-quoc")
    # Course packs as ready PDFs beside each course page (WeasyPrint, cached in .sotay-cache/pdf/).
    # Needs Pango and a Vietnamese font, which `make serve` and `make test` install.
    course_pdfs = c.Type(bool, default=True)
