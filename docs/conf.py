"""Sphinx configuration for the mkba documentation site.

Built with ``make docs`` (warnings are errors). Nothing is fetched from the network at
build time: no intersphinx, no icon links, no analytics, no version switcher.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # docstring plots and notebooks never need a display

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))  # the checkout, also without an install
os.environ.setdefault("MPLBACKEND", "Agg")

# The notebook kernels get their own IPython profile: it keeps the build independent of
# the user's IPython settings and quiets ipykernel's start-up log (its notice about
# TCP transport would otherwise print a "WARNING" line for every notebook executed).
_IPYTHONDIR = HERE / "_build" / ".ipython"
(_IPYTHONDIR / "profile_default").mkdir(parents=True, exist_ok=True)
(_IPYTHONDIR / "profile_default" / "ipython_kernel_config.py").write_text(
    'c.IPKernelApp.log_level = "ERROR"\nc.InlineBackend.figure_formats = {"png"}\n'
    # charts on executed pages show inline (MPLBACKEND=Agg alone would draw them nowhere)
    'c.InteractiveShellApp.matplotlib = "inline"\n',
    encoding="utf-8",
)
os.environ["IPYTHONDIR"] = str(_IPYTHONDIR)

import mkba  # noqa: E402

project = "mkba"
author = "The mkba developers"
copyright = "the mkba developers"
version = release = mkba.__version__
language = "en"

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "numpydoc",
    "myst_nb",
]

source_suffix = {".rst": "restructuredtext", ".md": "myst-nb", ".ipynb": "myst-nb"}
root_doc = "index"
templates_path = ["api/_templates"]
exclude_patterns = [
    "_build",
    "api/_templates",
    "**.ipynb_checkpoints",
    "notebooks/out",
    "Thumbs.db",
    ".DS_Store",
]

# -- API reference --------------------------------------------------------------------
autosummary_generate = True
autosummary_imported_members = False
autodoc_typehints = "none"  # numpydoc's Parameters sections carry the types
autodoc_default_options = {"member-order": "bysource"}
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False
add_module_names = False

# -- MyST and notebooks ---------------------------------------------------------------
myst_enable_extensions = ["colon_fence", "deflist", "dollarmath", "smartquotes"]
myst_heading_anchors = 3
nb_execution_mode = os.environ.get("MKBA_NB_EXECUTION", "cache")
nb_execution_timeout = 300
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_execution_cache_path = str(HERE / "_build" / ".jupyter_cache")
nb_merge_streams = True

# -- HTML -----------------------------------------------------------------------------
html_theme = "pydata_sphinx_theme"
html_title = f"mkba {release}"
html_static_path = ["_static"]
html_css_files = ["mkba.css"]
html_show_sourcelink = False
html_theme_options = {
    # nothing here may reach the network: no icon links, analytics, switcher or banner
    "icon_links": [],
    "analytics": {},
    "github_url": "",
    "use_edit_page_button": False,
    "check_switcher": False,
    "show_version_warning_banner": False,
    "navbar_end": ["theme-switcher"],
    "footer_start": ["copyright"],
    "footer_end": [],
    "primary_sidebar_end": [],
    "secondary_sidebar_items": ["page-toc"],
    "show_toc_level": 2,
    "navigation_with_keys": False,
    "header_links_before_dropdown": 7,
}
html_context = {"default_mode": "light"}
