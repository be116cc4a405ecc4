// Offline queue: sets and the finish wait in IndexedDB, then go in order, each with its token
// (saved once by the server): none lost, none doubled.
(() => {
  var d = document, here = location.pathname, sw = navigator.serviceWorker, mem = {}, db, busy, stuck, signin;

  function store(op, arg) { // IndexedDB, else memory for this page's life
    db = db || new Promise((ok, no) => {
      var r = indexedDB.open("hamstrings", 1);
      r.onupgradeneeded = () => r.result.createObjectStore("q", { keyPath: "token" });
      r.onsuccess = () => ok(r.result);
      r.onerror = no;
    });
    if (op == "delete") delete mem[arg];
    return db.then((x) => new Promise((ok, no) => {
      var t = x.transaction("q", "readwrite"), r = t.objectStore("q")[op](arg);
      t.oncomplete = () => ok(r.result);
      t.onerror = t.onabort = no;
    })).catch(() => { if (op == "put") mem[arg.token] = arg; })
      .then((got) => op == "getAll" ? (got || []).concat(Object.values(mem)).sort((a, b) => a.n - b.n) : got);
  }

  // Waiting rows keep their values and say so; a line sums them up.
  var show = () => store("getAll").then((items) => {
    var sets = 0;
    items.forEach((item) => {
      var row = d.getElementById(item.row), form = row?.matches("form") ? row : row?.querySelector(".set-form");
      if (item.row != "finish-form") sets++;
      if (!form) return;
      item.f.forEach(([k, v]) => {
        var el = form.elements[k];
        if (el && el.type != "submit") el.value = v;
      });
      row.classList.add("is-waiting");
      var w = row.querySelector(".waiting") || row.appendChild(d.createElement("span"));
      w.className = "waiting";
      w.textContent = navigator.onLine && !stuck && !signin ? "sending…" : "waiting";
    });
    var what = sets ? sets + " waiting set" + (sets > 1 ? "s" : "") : "a waiting finish";
    say(items.length && (signin ? "Sign in to send " + what : stuck || !navigator.onLine ? "Not sent yet: " + what + ", sent once back online" : "Sending " + what),
      signin && "/accounts/login/?next=" + encodeURIComponent(items[0].page));
  });

  function say(text, href) { // the line above the page
    var p = d.getElementById("queue-status");
    if (!p && text) (p = d.createElement("p")).id = p.className = "queue-status", p.role = "status", d.querySelector("main")?.prepend(p);
    if (!p || p.textContent == (text ||= "")) return;
    p.hidden = !text;
    p.innerHTML = "<a></a>";
    p.firstChild.textContent = text;
    if (href) p.firstChild.href = href;
  }

  async function send() {
    var items = await store("getAll"), m = d.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
    stuck = signin = false;
    for (var item of items) {
      var res, at = item.page == here && d.getElementById(item.row);
      try {
        if (!navigator.onLine) throw 0;
        res = await fetch(item.url, {
          method: "POST", body: new URLSearchParams(item.f), redirect: "manual",
          // the cookie's is current even on a cached page
          headers: { "X-CSRFToken": m ? m[1] : JSON.parse(d.body.getAttribute("hx-headers"))["X-CSRFToken"], "HX-Request": "true" },
          signal: AbortSignal.timeout?.(3e4),
        });
      } catch (e) { return (stuck = true); }
      if (res.type == "opaqueredirect" || res.status == 403) return (signin = true); // signed out
      if (res.status >= 500 || res.status == 429) return (stuck = true); // an outage
      var html = await res.text(), go = res.headers.get("HX-Redirect"), f = Object.fromEntries(item.f);
      await store("delete", item.token);
      if (item.page != here) continue; // the answer goes to the page it came from
      if (go) return (location.href = go);
      var to = at || d.querySelector("#exercise-" + f.prescription + " .set-rows"); // or added since
      if (!res.ok) at?.querySelector(".waiting")?.replaceChildren("Not saved (error " + res.status + "): reload");
      else if (to) htmx.swap(to, html, { swapStyle: at ? "outerHTML" : "beforeend" });
    }
  }

  var flush = () => busy || (busy = send().catch(() => { stuck = true; }).then(() => { busy = null; return show(); }));

  d.addEventListener("submit", (e) => {
    var form = e.target, b = e.submitter, f = [], row = form.closest("li") || form;
    if (/\/logout\/$/.test(form.action)) return sw?.controller?.postMessage({ clear: 1 });
    if (!form.matches(".set-form, #finish-form")) return;
    e.preventDefault();
    e.stopPropagation(); // not htmx: the queue sends it
    new FormData(form).forEach((v, k) => k != "csrfmiddlewaretoken" && f.push([k, v]));
    if (b?.name) f.push([b.name, b.value]);
    var item = { token: (form.elements.token || form).value || form.action, url: form.action, page: here, row: row.id, f, n: Date.now() };
    store("put", item).then(show).then(() => {
      row.dispatchEvent(new CustomEvent("queue:added", { bubbles: true, detail: item }));
      flush();
    });
  }, true);

  d.addEventListener("htmx:sendError", () => say("Offline: try again once back online."));
  addEventListener("online", flush);
  setInterval(flush, 5e3);
  flush();

  if (sw) { // keep this page (if no worker saw it load) and the workouts it links to
    sw.register("/sw.js").catch(Boolean);
    var urls = [...d.querySelectorAll('a[href^="/workouts/"]:not([href*="?"]),a[data-offline]')].map((a) => a.getAttribute("href"));
    if (!sw.controller && /^\/(today|workouts)\//.test(here)) urls.push(here);
    sw.ready.then((r) => r.active.postMessage({ cache: urls }));
  }
})();
