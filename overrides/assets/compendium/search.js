// Offline search: a box in the header, backed by the lunr index prebuilt at build time.
// The page never builds an index and never parses it on its main thread: the index arrives as strings,
// in two shards of four parts each (search/search-index-<shard>-<part>.js, loaded side by side, packed as
// compendium/index_format.py describes), and each shard is parsed, loaded and queried in its own worker made
// from a Blob (one per core), which works from file:// too. lunr.js comes as a string as well
// (search/lunr-source.js, copied from the mkdocs package); the worker ranks with search-engine.js.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("cmp-search-config").textContent);
  var base = config.base.replace(/\/$/, "");
  var state = { workers: [], loading: null, next: 0 };
  window.cmpSearchTimings = {};

  // Runs inside the worker, after lunr.js and search-engine.js; its text is copied into the worker's Blob.
  function searchWorker() {
    var engine = compendiumSearchEngine(lunr), index = null, docs = null;
    onmessage = function (event) {
      var message = event.data;
      if (message.type === "load") {
        var data = JSON.parse(message.index);
        index = new engine.Shard(data.index);
        docs = data.docs;
        postMessage({ type: "ready" });
      } else if (message.type === "query") {
        var hits = engine.run(index, message.query).slice(0, 10).map(function (hit) {
          var doc = docs[Number(hit.ref)];
          return { url: doc.url, title: doc.title, text: doc.text, score: hit.score };
        });
        postMessage({ type: "results", id: message.id, hits: hits });
      }
    };
  }

  var SHARDS = 2, PARTS = 4;  // as compendium.search.SHARDS and PARTS

  var scripts = {};  // src -> promise: each file is read once

  function loadScript(src) {
    if (scripts[src]) return scripts[src];
    return (scripts[src] = new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src;
      s.onload = resolve;
      s.onerror = function () { reject(new Error("could not load " + src)); };
      document.head.appendChild(s);
    }));
  }

  // One worker per shard: each joins, parses and loads its half of the index, both at once. Workers start
  // as soon as lunr.js is here, so their start-up overlaps the loading of the index parts.
  function startWorker(code, shard) {
    var worker = new Worker(URL.createObjectURL(new Blob([code], { type: "text/javascript" })));
    worker.pending = {};
    var files = [];
    for (var p = 0; p < PARTS; p++) files.push(loadScript(base + "/search/search-index-" + shard + "-" + p + ".js"));
    var ready = new Promise(function (resolve, reject) {
      worker.onerror = function (e) { reject(new Error("search worker: " + e.message)); };
      worker.onmessage = function (event) {
        var message = event.data;
        if (message.type === "ready") resolve(worker);
        else if (message.type === "results" && worker.pending[message.id]) {
          worker.pending[message.id](message.hits);
          delete worker.pending[message.id];
        }
      };
    });
    return Promise.all(files).then(function () {
      var parts = window.compendiumSearchParts, data = "";
      for (var p = 0; p < PARTS; p++) {
        data += parts[shard + "-" + p];
        delete parts[shard + "-" + p];  // the worker keeps the only copy
      }
      worker.postMessage({ type: "load", index: data });
      return ready;
    });
  }

  function load() {
    if (state.loading) return state.loading;
    var t0 = performance.now();
    state.loading = Promise.all([loadScript(base + "/search/lunr-source.js"),
                                 loadScript(base + "/assets/compendium/search-engine.js")]).then(function () {
      var code = window.compendiumLunrSource + "\nvar compendiumSearchEngine = " + window.compendiumSearchEngine.toString() +
        ";\n(" + searchWorker.toString() + ")();";
      delete window.compendiumLunrSource;
      var workers = [];
      for (var s = 0; s < SHARDS; s++) workers.push(startWorker(code, s));
      return Promise.all(workers);
    }).then(function (workers) {
      state.workers = workers;
      state.readyAt = performance.now();
      window.cmpSearchTimings.loaded = state.readyAt - t0;
      if (state.focusAt !== undefined) window.cmpSearchTimings.ready = Math.max(0, state.readyAt - state.focusAt);
      document.documentElement.setAttribute("data-cmp-search", "ready");
    });
    return state.loading;
  }

  // What the reader waits for: from the first focus of the box to search being ready (0 if it already was).
  function focused() {
    if (state.focusAt === undefined) {
      state.focusAt = performance.now();
      if (state.readyAt !== undefined) window.cmpSearchTimings.ready = 0;
    }
    load();
  }

  // Ask every shard; merge by score, shard 0 first where scores tie (as compendium.search.search does).
  function query(text) {
    return load().then(function () {
      var id = ++state.next;
      var t0 = performance.now();
      return Promise.all(state.workers.map(function (worker) {
        return new Promise(function (resolve) {
          worker.pending[id] = resolve;
          worker.postMessage({ type: "query", id: id, query: text });
        });
      })).then(function (answers) {
        var hits = [].concat.apply([], answers).sort(function (a, b) { return b.score - a.score; }).slice(0, 10);
        window.cmpSearchTimings.lastQuery = performance.now() - t0;
        return { id: id, hits: hits };
      });
    });
  }

  function render(list, query, hits) {
    list.textContent = "";
    list.setAttribute("data-query", query);  // which query the list answers (results arrive asynchronously)
    if (!query.trim()) { list.hidden = true; return; }
    list.hidden = false;
    if (!hits.length) {
      var none = document.createElement("li");
      none.className = "cmp-search-empty";
      none.textContent = "No match for \u201c" + query + "\u201d.";
      list.appendChild(none);
      return;
    }
    hits.forEach(function (doc) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = base + "/" + doc.url;
      var title = document.createElement("strong");
      title.textContent = doc.title;
      var text = document.createElement("span");
      text.textContent = doc.text.slice(0, 160);
      a.appendChild(title);
      a.appendChild(text);
      li.appendChild(a);
      list.appendChild(li);
    });
  }

  function build() {
    var host = document.querySelector(".md-header__inner") || document.body;
    var form = document.createElement("form");
    form.className = "cmp-search";
    form.setAttribute("role", "search");
    form.innerHTML =
      '<label class="cmp-visually-hidden" for="cmp-search-input">Search the compendium</label>' +
      '<input id="cmp-search-input" type="search" placeholder="Search (works offline)" autocomplete="off" spellcheck="false">' +
      '<ol id="cmp-search-results" class="cmp-search-results" hidden></ol>';
    host.appendChild(form);
    var input = form.querySelector("input");
    var list = form.querySelector("ol");
    var shown = 0;
    function update() {
      var text = input.value;
      query(text).then(function (result) {
        if (result.id < shown) return;  // an older answer arriving late
        shown = result.id;
        render(list, text, result.hits);
      });
    }
    input.addEventListener("focus", focused);
    input.addEventListener("input", update);  // every change of the text, typed, pasted or cleared, and only those
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var first = list.querySelector("a");
      if (first) window.location.href = first.href;
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "/" && document.activeElement !== input) { event.preventDefault(); input.focus(); }
      if (event.key === "Escape") { list.hidden = true; }
    });
  }

  var whenIdle = window.requestIdleCallback || function (fn) { return setTimeout(fn, 200); };
  // When the page is idle, load the index into the worker (reading, parsing and loading it costs the main thread
  // nothing measurable), so that search is ready when the reader reaches for the box, not only after.
  window.addEventListener("load", function () { whenIdle(load, { timeout: 3000 }); });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", build);
  else build();
})();
