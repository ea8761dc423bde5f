"""The HTML report in a real browser: headless Chromium renders it without console
errors and every chart has a size on the page.

Skipped where Chromium is not installed (``apt-get install chromium``).
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from mkba import report
from tests.plotting.models import small_model

BROWSER = next(
    (p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p),
    None,
)

CHECK = """<script>
(function () {
  var svgs = document.querySelectorAll("figure.chart svg"), shown = 0;
  svgs.forEach(function (s) {
    var r = s.getBoundingClientRect();
    if (r.width > 100 && r.height > 50) { shown += 1; }
  });
  var out = document.createElement("pre");
  out.id = "mkba-check";
  out.textContent = "charts=" + svgs.length + " visible=" + shown;
  document.body.appendChild(out);
})();
</script>"""


@pytest.mark.skipif(BROWSER is None, reason="Chromium not found: apt-get install chromium")
def test_report_renders_in_chromium_without_errors(tmp_path):
    path = report.to_html(small_model(), tmp_path / "mkba.html", draws=200, rng=1)
    page = path.read_text(encoding="utf-8")
    charts = page.count('<figure class="chart"')
    probe = tmp_path / "probe.html"
    probe.write_text(page.replace("</body>", CHECK + "</body>"), encoding="utf-8")
    assert BROWSER is not None
    run = subprocess.run(
        [BROWSER, "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", "--no-default-browser-check", f"--user-data-dir={tmp_path / 'p'}",
         "--window-size=1200,900", "--enable-logging=stderr", "--v=0", "--dump-dom",
         probe.as_uri()],
        capture_output=True, text=True, timeout=90, check=False,
    )
    found = re.search(r"charts=(\d+) visible=(\d+)", run.stdout)
    assert found, f"Chromium did not run the check (exit {run.returncode}):\n{run.stderr[-2000:]}"
    # cash flows, stakeholders, tornado, NPV distribution, per stakeholder, value of research
    assert int(found.group(1)) == charts == 6
    assert int(found.group(2)) == charts, "a chart has no size on the page"
    console = [line for line in run.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]
    assert not console, "\n".join(console)
