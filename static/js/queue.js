// Offline queue: README, "On a phone in a basement". Items are their athlete's (body data-user).
var d = document, U = d.body.dataset, here = location.pathname, sw = navigator.serviceWorker, mem = {}, no = {}, mine = [], db, busy, stuck, signin, gone, late = "";
var own = (i) => i.u == (U.user || 0), what = (k) => k ? k + " set" + (k > 1 ? "s" : "") : "a finished workout";

function store(op, arg) { // IndexedDB, else memory for the page's life
  if (op == "delete") delete mem[arg];
  return (db ||= new Promise((ok, no) => {
    var r = indexedDB.open("hamstrings", 1);
    r.onupgradeneeded = () => r.result.createObjectStore("q", { keyPath: "token" });
    r.onsuccess = () => ok(r.result);
    r.onerror = no;
  })).then((x) => new Promise((ok, no) => {
    var t = x.transaction("q", "readwrite"), r = t.objectStore("q")[op](arg);
    t.oncomplete = () => ok(r.result);
    t.onerror = t.onabort = no;
  })).catch(() => op == "put" && (mem[arg.token] = arg))
    .then((got) => op == "getAll" ? (got || []).concat(Object.values(mem)).sort((a, b) => a.n - b.n) : got);
}

// Waiting rows keep their values; a line sums them up, one more per other athlete.
var show = () => store("getAll").then((items) => {
  var k = 0, of = {}, html = late, p = d.getElementById("queue-status");
  late = "";
  items.forEach((i) => {
    var row = d.getElementById(i.row), form = row?.matches("form") ? row : row?.querySelector(".set-form"), set = i.row != "finish-form";
    // queued before items had owners: theirs whose page shows it
    if (!i.u && U.user && row && i.page == here) store("put", Object.assign(i, { u: U.user, who: U.name }));
    if (!own(i)) return (of[i.u] ||= [i, 0])[1] += set;
    k += set;
    if (!form) return;
    i.f.forEach(([name, v]) => (name = form.elements[name]) && name.type != "submit" && (name.value = v));
    row.classList.add("is-waiting");
    var w = row.querySelector(".waiting") || row.appendChild(d.createElement("span"));
    w.className = "waiting";
    w.textContent = navigator.onLine && !stuck && !signin && !no[i.token] ? "sending…" : "waiting";
  });
  mine = items.filter(own);
  k = mine.what = what(k);
  if (mine[0]) html += "<p>" + (signin ? '<a href="/accounts/login/?next=' + encodeURIComponent(mine[0].page) + '">Sign in to send ' + k + "</a>" : (gone ? "Not accepted (404), kept: " : stuck || !navigator.onLine ? "Not sent yet, sent once back online: " : "Sending ") + k + " <button name=discard>Discard</button>");
  for (var u in of) { // names come HTML-escaped
    var [i, c] = of[u], it = c > 1 ? "them" : "it";
    html += "<p>Not sent yet: " + what(c) + " logged offline" + (i.who ? " by " + i.who : "") + ". <button form=account-form>Sign in" + (i.who ? " as " + i.who : "") + " to send " + it + "</button>";
  }
  if (p.key != html) p.innerHTML = p.key = html, p.hidden = !html;
});

async function send() {
  var items = await store("getAll"), m = d.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
  stuck = signin = false;
  for (var i of items) {
    var res, at = i.page == here && d.getElementById(i.row);
    if (no[i.token] || !own(i)) continue;
    try {
      if (!navigator.onLine) throw 0;
      res = await fetch(i.url, {
        method: "POST", body: new URLSearchParams(i.f), redirect: "manual",
        headers: { "X-CSRFToken": m?.[1], "HX-Request": "true" }, // current on a cached page
        signal: AbortSignal.timeout(3e4),
      });
    } catch (e) { return (stuck = true); }
    if (res.type == "opaqueredirect" || res.status == 403) return (signin = true); // signed out
    if (res.status == 404) { no[i.token] = gone = 1; continue; } // another's session
    if (!res.ok && !/^4(00|09|10|22)$/.test(res.status)) return (stuck = true); // an outage
    var html = await res.text(), go = res.headers.get("HX-Redirect"), f = Object.fromEntries(i.f);
    await store("delete", i.token);
    if (i.page != here) continue;
    if (go) return (location.href = go);
    var to = at || d.querySelector("#exercise-" + f.prescription + " .set-rows"); // or added since
    if (!res.ok) at?.querySelector(".waiting")?.replaceChildren("Not saved (error " + res.status + "): reload");
    else if (to) htmx.swap(to, html, { swapStyle: at ? "outerHTML" : "beforeend" });
  }
}

var flush = () => busy || (busy = send().catch(() => { stuck = true; }).then(() => { busy = null; return show(); }));

d.addEventListener("click", (e) => e.target.name == "discard" && confirm("Discard " + mine.what + " logged offline?") &&
  Promise.all(mine.map((i) => store("delete", i.token))).then(() => location.reload()));

d.addEventListener("submit", (e) => {
  var form = e.target, b = e.submitter, f = [], row = form.closest("li") || form, warn = d.getElementById("logout-warning");
  if (warn && mine[0] && form.id == "account-form" && !b?.closest("dialog")) { // sets waiting: warn
    e.preventDefault();
    warn.querySelector("strong").textContent = mine.what;
    return warn.showModal();
  }
  if (/\/log(in|out)\/$/.test(form.action)) return sw?.controller?.postMessage({ clear: 1 }); // drop another's pages
  if (!form.matches(".set-form, #finish-form")) return;
  e.preventDefault();
  e.stopPropagation(); // not htmx: the queue sends it
  new FormData(form).forEach((v, k) => k != "csrfmiddlewaretoken" && f.push([k, v]));
  if (b?.name) f.push([b.name, b.value]);
  var item = { token: (form.elements.token || form).value || form.action, url: form.action, page: here, row: row.id, f, n: Date.now(), u: U.user, who: U.name };
  store("put", item).then(show).then(() => {
    row.dispatchEvent(new CustomEvent("queue:added", { bubbles: true, detail: item }));
    flush();
  });
}, true);

d.addEventListener("htmx:sendError", () => show(late = "<p>Offline: try again once back online."));
addEventListener("online", flush);
setInterval(flush, 5e3);
flush();

if (sw) { // copies for offline
  sw.register("/sw.js").catch(Boolean);
  var urls = [...d.querySelectorAll('a[href^="/workouts/"]:not([href*="?"])')].map((a) => a.getAttribute("href"));
  if (!sw.controller && /^\/(today|workouts)\//.test(here)) urls.push(here);
  sw.ready.then((r) => r.active.postMessage({ cache: urls }));
}
