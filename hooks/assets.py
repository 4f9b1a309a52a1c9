"""MkDocs adapter for site_tools.vendor_assets: self-hosted KaTeX CSS and fonts."""
from pathlib import Path

from mkdocs.exceptions import PluginError

from site_tools.vendor_assets import VendorAssetError, copy_into


def on_post_build(config):
    try:
        copy_into(Path(config.site_dir))
    except VendorAssetError as error:
        raise PluginError(str(error)) from None
