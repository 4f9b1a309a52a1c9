"""MkDocs adapter for site_tools.vendor_assets (self-hosted KaTeX CSS and fonts) and
site_tools.material_patches (the edits to Material's own assets)."""
from pathlib import Path

from mkdocs.exceptions import PluginError

from site_tools.material_patches import MaterialPatchError, apply_all
from site_tools.vendor_assets import VendorAssetError, copy_into


def on_post_build(config):
    try:
        copy_into(Path(config.site_dir))
        apply_all(Path(config.site_dir))
    except (VendorAssetError, MaterialPatchError) as error:
        raise PluginError(str(error)) from None
