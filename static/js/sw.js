// Service worker: pages network-first (the last copy kept), static files cache-first.
var V = "__VERSION__", PAGES = "pages-" + V, FILES = "files-" + V;

// A redirect (signed out, or done) drops the copy; an error keeps it.
var keep = (url, res) => caches.open(PAGES).then((c) => res.redirected ? c.delete(url) : res.ok && c.put(url, res));

var file = (url) => caches.open(FILES).then((c) => c.match(url).then((hit) =>
  hit || fetch(url).then((res) => { if (res.ok) c.put(url, res.clone()); return res; })));

var save = (url) => fetch(url, { headers: { Purpose: "prefetch" } }).then((res) =>
  keep(url, res.clone()).then(() => res.text()).then((html) =>
    Promise.all((html.match(/\/static\/[^"'\s)>]+/g) || []).map(file))));

self.oninstall = () => self.skipWaiting();
self.onactivate = (e) => e.waitUntil(caches.keys() // a deploy: old copies go
  .then((keys) => Promise.all(keys.map((k) => k == PAGES || k == FILES || caches.delete(k))))
  .then(() => self.clients.claim()));

self.onmessage = (e) => {
  if (e.data.clear) e.waitUntil(caches.delete(PAGES)); // someone signs in or out
  if (e.data.cache) e.waitUntil(Promise.all(e.data.cache.map((u) => save(u).catch(Boolean))));
};

self.onfetch = (e) => {
  var r = e.request, url = new URL(r.url);
  if (r.method != "GET" || url.origin != location.origin) return;
  if (url.pathname.startsWith("/static/")) return e.respondWith(file(r.url));
  if (r.mode != "navigate" || !/^\/(today|workouts)\//.test(url.pathname)) return;
  e.respondWith(fetch(r).then((res) => {
    if (res.status >= 500) throw res; // an outage
    e.waitUntil(keep(r.url, res.clone()));
    return res;
  }).catch((res) => caches.match(r.url).then((hit) => hit || (res.status ? res : Response.error()))));
};
