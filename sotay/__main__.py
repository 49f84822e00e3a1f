"""`python -m sotay`: the same command as `sotay`."""

from __future__ import annotations

from .cli import main

if __name__ == "__main__":
    raise SystemExit(main())
