"""MkDocs adapter: loads the base through the core and wires it to build events."""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from sotay.loader import LoadResult, document_src, load_knowledge_base, relative_src_link
from sotay.model import Document
from sotay.project import load_project
from sotay.render import document_page, index_page, link_targets
from sotay.resolve import Resolver, link_text

from .config import KnowledgeBaseConfig

INDEX_SRC = "van-ban/index.md"


class KnowledgeBasePlugin(BasePlugin[KnowledgeBaseConfig]):
    def __init__(self) -> None:
        self.result: LoadResult | None = None
        self.resolver: Resolver | None = None
        self.by_src: dict[str, Document] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Validate before anything is rendered: a broken base must fail the build
        # with the same messages as `sotay check`, never reach the HTML.
        project = load_project(config.config_file_path)
        self.result = load_knowledge_base(project)
        if self.result.problems.sorted():
            lines = "\n".join(str(p) for p in self.result.problems.sorted())
            raise PluginError(f"nội dung có lỗi, không dựng trang:\n{lines}")
        self.resolver = Resolver(self.result.kb)
        self.by_src = {document_src(d): d for d in self.result.kb.documents}
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.result is not None
        kb = self.result.kb
        targets = link_targets(kb)
        for doc in kb.documents:
            files.append(File.generated(config, document_src(doc), content=document_page(doc, kb, targets)))
        if files.get_file_from_path(INDEX_SRC) is None:
            files.append(File.generated(config, INDEX_SRC, content=index_page(kb, targets)))
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.result is not None and self.resolver is not None
        src = page.file.src_uri
        doc = self.by_src.get(src)

        def url_for(target: Document, anchor: str | None) -> str:
            return relative_src_link(src, document_src(target), anchor)

        result = link_text(markdown, self.resolver, url_for, path=src, scope=doc.scope if doc else None,
                           self_id=doc.id if doc else None)
        if result.unresolved:
            raise PluginError("\n".join(u.message for u in result.unresolved))
        return result.text

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        assert self.result is not None
        server.watch(str(load_project(config.config_file_path).directives_dir))
        return server
