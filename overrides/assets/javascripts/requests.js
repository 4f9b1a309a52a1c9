// Two requests Material's bundle makes on every page load that this site does not want.
// Loaded just before the bundle, which makes them with XMLHttpRequest.
// 1. The search index (hundreds of KB) is held back until the reader starts to search: focus on
//    the search box (also what "/", "s" and "f" do), the search button on phones, or a link that
//    carries a query (?q=) or highlight (?h=). Material shows "Initializing search" meanwhile
//    and runs the query once the index is in.
// 2. A sitemap.xml next to each <link rel="alternate" hreflang> is never requested: those links
//    are absolute URLs of the published site (for search engines), so the requests would go to
//    another host or miss wherever else the site is served. Material uses those sitemaps only to
//    redirect clicks on alternate links, which our language switcher does not need.
(() => {
  let start;
  const started = new Promise((resolve) => { start = resolve; });
  const open = XMLHttpRequest.prototype.open;
  const send = XMLHttpRequest.prototype.send;
  const held = new WeakSet();
  const dropped = new WeakSet();
  const alternates = () => Array.from(document.querySelectorAll("link[rel=alternate][hreflang]"),
    (link) => new URL("sitemap.xml", link.href).href);
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    const target = new URL(url, location.href);
    if (target.pathname.endsWith("/search/search_index.json")) held.add(this);
    if (alternates().includes(target.href)) dropped.add(this);
    return open.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (body) {
    if (dropped.has(this)) return undefined;
    if (held.has(this)) return void started.then(() => send.call(this, body));
    return send.call(this, body);
  };
  const params = new URLSearchParams(location.search);
  if (params.has("q") || params.has("h")) start();
  document.addEventListener("focusin", (event) => {
    if (event.target instanceof Element && event.target.closest(".md-search")) start();
  });
  document.addEventListener("keydown", (event) => {
    if (["/", "s", "f", "S", "F"].includes(event.key)) start();
  }, { capture: true });
  document.addEventListener("change", (event) => {
    if (event.target instanceof Element && event.target.id === "__search") start();
  });
})();
