"""The search plugin: the browser index, the search page and the client scripts."""
