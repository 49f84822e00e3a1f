"""`python -m sotay`: the same command as `sotay`."""

from __future__ import annotations

from .cli import main

raise SystemExit(main())
