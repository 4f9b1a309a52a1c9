// Material requests the search index (hundreds of KB) as soon as any page loads. Hold that one
// request back until the reader starts to search: focus on the search box (also what "/", "s"
// and "f" do), the search button on phones, or a link that carries a query (?q=) or highlight
// (?h=). Material shows "Initializing search" meanwhile and runs the query once the index is in.
// Loaded before Material's bundle, which requests the index with XMLHttpRequest.
(() => {
  let start;
  const started = new Promise((resolve) => { start = resolve; });
  const open = XMLHttpRequest.prototype.open;
  const send = XMLHttpRequest.prototype.send;
  const deferred = new WeakSet();
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    if (new URL(url, location.href).pathname.endsWith("/search/search_index.json")) deferred.add(this);
    return open.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (body) {
    if (!deferred.has(this)) return send.call(this, body);
    started.then(() => send.call(this, body));
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
