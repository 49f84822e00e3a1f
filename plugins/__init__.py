"""MkDocs plugins of sotay: thin adapters from the core to the site (installed as sotay.plugins)."""
