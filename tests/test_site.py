"""The MkDocs plugin builds document pages from a fixture base and refuses a broken one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import Project, document

RELATION = "relations:\n  - type: continues\n    target: 10-CT/TW\n"


def build(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml"),
                           "-d", str(root / "site")], capture_output=True, text=True, timeout=300)


def test_document_pages_and_links(project: Project) -> None:
    root = project({
        "directives/a.md": document(body="Tóm tắt.\n\n## Điều lệ Đảng\n\nNội dung.\n"),
        "directives/b.md": document("b", "18-KL/TW", doc_type="ket-luan", extra=RELATION,
                                    body="Tóm tắt: tiếp tục [[10-CT/TW#dieu-le-dang|Chỉ thị]].\n"),
        "docs/trang.md": "# Trang\n\nTheo Kết luận số 18-KL/TW.\n",
    })
    proc = build(root)
    assert proc.returncode == 0, proc.stderr
    page_b = (root / "site" / "van-ban" / "b" / "index.html").read_text("utf-8")
    assert '<a href="../chi-thi-10-ct-tw/#dieu-le-dang" title="Chỉ thị 10-CT/TW về việc thử nghiệm">Chỉ thị</a>' \
        in page_b
    assert "[[" not in page_b
    page_a = (root / "site" / "van-ban" / "chi-thi-10-ct-tw" / "index.html").read_text("utf-8")
    assert 'id="dieu-le-dang"' in page_a
    assert "Được tiếp tục bởi" in page_a and "30/03/2007" in page_a
    page = (root / "site" / "trang" / "index.html").read_text("utf-8")
    assert '<a href="../van-ban/b/" title="Kết luận 18-KL/TW về việc thử nghiệm">18-KL/TW</a>' in page
    index = (root / "site" / "van-ban" / "index.html").read_text("utf-8")
    names = ("Chỉ thị 10-CT/TW", "Kết luận 18-KL/TW")
    listed = [index.index(f'">{name} về việc thử nghiệm</a></li>') for name in names]
    assert listed == sorted(listed)


def test_broken_base_fails_the_build_with_check_messages(project: Project) -> None:
    root = project({"directives/a.md": document(issued="2018-02-31")})
    proc = build(root)
    assert proc.returncode != 0
    assert "directives/a.md:7: error: trường 'issued': ngày không có thật: '2018-02-31'" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (root / "site" / "van-ban").exists()
