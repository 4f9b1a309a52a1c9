// Runs inside headless Chromium after the pinned mermaid.min.js (site_tools/diagrams.py).
// renderDiagrams(jobs, settings): jobs are {id, code, theme}; replies are
// {svg, width, height, title, labels} or {error}. The browser only lays the diagrams out:
// the reader gets the resulting SVG files, never this script or Mermaid.
window.renderDiagrams = async (jobs, settings) => {
  const replies = [];
  for (const job of jobs) {
    mermaid.initialize({
      ...settings,
      startOnLoad: false,
      theme: job.theme,
      securityLevel: "strict",       // no click handlers, no raw HTML from the source
      deterministicIds: true,        // ids from the seed, not from a counter or Math.random
      deterministicIDSeed: job.id,
    });
    try {
      await mermaid.parse(job.code);
      const { svg } = await mermaid.render(job.id, job.code);
      const holder = document.createElement("div");
      holder.innerHTML = svg;
      const root = holder.querySelector("svg");
      const box = root.viewBox.baseVal;
      const labels = Array.from(root.querySelectorAll("text"), (text) => {
        const lines = text.querySelectorAll(":scope > tspan");
        const parts = lines.length ? Array.from(lines, (line) => line.textContent) : [text.textContent];
        return parts.map((part) => part.replace(/\s+/g, " ").trim()).filter(Boolean).join(" ");
      }).filter(Boolean);
      replies.push({
        svg,
        width: Math.ceil(box.width),
        height: Math.ceil(box.height),
        title: [root.querySelector(":scope > title"), root.querySelector(":scope > desc")]
          .filter(Boolean).map((node) => node.textContent.trim()).join(": "),
        labels: [...new Set(labels)],
      });
    } catch (error) {
      replies.push({ error: String((error && (error.message || error.str)) || error) });
    }
  }
  return replies;
};
