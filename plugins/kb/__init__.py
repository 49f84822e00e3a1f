"""The knowledge-base plugin: document pages and cross-links."""
