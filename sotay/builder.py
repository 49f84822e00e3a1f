"""Which MkDocs-compatible builder a build uses, decided without importing it (the core stays free of MkDocs).

MkDocs 1.6 when it is installed, else ProperDocs, its continuation, which reads the same mkdocs.yml and
runs the same plugins and theme. SOTAY_BUILDER=mkdocs|properdocs chooses when both are installed.
"""

from __future__ import annotations

import importlib.util
import os

BUILDERS = ("mkdocs", "properdocs")


class BuilderMissing(ImportError):
    """No builder to run: the message says what to install."""


def installed(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):  # blocked (None in sys.modules) or half-imported
        return False


def builder_name() -> str:
    wanted = os.environ.get("SOTAY_BUILDER", "").strip().lower()
    if wanted and wanted not in BUILDERS:
        raise BuilderMissing(f"SOTAY_BUILDER='{wanted}' không hợp lệ; chọn một trong: {', '.join(BUILDERS)}")
    for name in [wanted] if wanted else BUILDERS:
        if installed(name):
            return name
    if wanted:
        raise BuilderMissing(f"SOTAY_BUILDER={wanted} nhưng máy chưa cài {wanted}; cài bằng: pip install {wanted}, "
                             "hoặc bỏ biến này để dùng công cụ đã có")
    raise BuilderMissing("cần MkDocs 1.6 hoặc ProperDocs để dựng trang; cài bằng: pip install mkdocs "
                         "(hoặc pip install properdocs)")
