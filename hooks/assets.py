"""MkDocs adapter for site_tools.vendor_assets: self-hosted KaTeX CSS and fonts, and Material's
palette stylesheet without its restyle-everything rule."""
from pathlib import Path

from mkdocs.exceptions import PluginError

from site_tools.vendor_assets import VendorAssetError, copy_into, trim_palette_switch_rule


def on_post_build(config):
    try:
        copy_into(Path(config.site_dir))
        trim_palette_switch_rule(Path(config.site_dir))
    except VendorAssetError as error:
        raise PluginError(str(error)) from None
