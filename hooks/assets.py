"""MkDocs adapter for site_tools.vendor_assets (self-hosted KaTeX CSS and fonts) and
site_tools.material_patches (the edits to Material's own assets, and the table wrappers the
edited script expects in each page)."""
from pathlib import Path

from mkdocs.exceptions import PluginError

from site_tools.material_patches import MaterialPatchError, apply_all, wrap_tables
from site_tools.vendor_assets import VendorAssetError, copy_into


def on_page_content(html, page, config, files):
    return wrap_tables(html)


def on_post_build(config):
    try:
        copy_into(Path(config.site_dir))
        apply_all(Path(config.site_dir))
    except (VendorAssetError, MaterialPatchError) as error:
        raise PluginError(str(error)) from None
