"""Vietnamese search for sotay (installed as sotay.search)."""
