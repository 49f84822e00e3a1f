"""While serving, the theme's folders are listed once (plugins/kb/theme_files.py); the project's own folder of
overrides is listed at every build, and a file added to it is seen."""

from __future__ import annotations

from pathlib import Path

from jinja2 import FileSystemLoader
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from sotay.plugins.kb.theme_files import ThemeListing, installed


def _config(root: Path) -> MkDocsConfig:
    (root / "docs").mkdir(exist_ok=True)
    (root / "mkdocs.yml").write_text("site_name: Thử\ntheme:\n  name: material\n  custom_dir: overrides\n",
                                     encoding="utf-8")
    (root / "overrides").mkdir(exist_ok=True)
    return load_config(config_file=str(root / "mkdocs.yml"))


def _theme_files(config: MkDocsConfig, listing: ThemeListing | None) -> list[str]:
    """What MkDocs adds of the theme to a build, with the listing wired or not."""
    if listing is not None:
        listing.wire(config.theme)
    files = Files([])
    files.add_files_from_theme(config.theme.get_env(), config)
    return sorted(f.src_uri for f in files)


def test_the_installed_theme_is_listed_once_and_the_projects_folder_every_time(tmp_path: Path) -> None:
    listing = ThemeListing()
    fresh = _theme_files(_config(tmp_path), None)
    assert "assets/stylesheets/extra.css" not in fresh and len(fresh) > 10
    assert _theme_files(_config(tmp_path), listing) == fresh
    assert _theme_files(_config(tmp_path), listing) == fresh  # a new configuration, as each rebuild reads
    assert listing.listed == 1, "the theme was listed again though nothing in it changed"
    (tmp_path / "overrides" / "assets" / "stylesheets").mkdir(parents=True)
    (tmp_path / "overrides" / "assets" / "stylesheets" / "extra.css").write_text("p{}", encoding="utf-8")
    added = _theme_files(_config(tmp_path), listing)
    assert added == _theme_files(_config(tmp_path), None) == sorted([*fresh, "assets/stylesheets/extra.css"])
    assert listing.listed == 2
    # The static templates the filter leaves out are part of what it reads.
    config = _config(tmp_path)
    config.theme.static_templates.add("assets/stylesheets/extra.css")
    assert _theme_files(config, listing) == fresh


def test_another_filter_and_the_plain_listing(tmp_path: Path) -> None:
    config, listing = _config(tmp_path), ThemeListing()
    listing.wire(config.theme)
    env = config.theme.get_env()
    whole = FileSystemLoader(config.theme.dirs).list_templates()
    assert env.list_templates() == whole and env.list_templates() == whole and listing.listed == 1
    css = env.list_templates(filter_func=lambda name: name.endswith(".css"))  # not MkDocs': never kept
    assert css == [name for name in whole if name.endswith(".css")] and listing.listed == 1
    assert installed(config.theme.dirs[-1]) and not installed(str(tmp_path / "overrides"))
