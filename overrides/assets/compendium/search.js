// Offline search: a box in the header, backed by the lunr index prebuilt at build time.
// The page never builds an index and never parses it on its main thread: the index arrives as one string
// (search/search-index-0…3.js, loaded side by side) and is parsed, loaded and queried in a worker made from a Blob, which works from
// file:// too. lunr.js comes as a string as well (search/lunr-source.js, copied from the mkdocs package).
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("cmp-search-config").textContent);
  var base = config.base.replace(/\/$/, "");
  var state = { worker: null, loading: null, pending: {}, next: 0 };
  window.cmpSearchTimings = {};

  // Runs inside the worker, after lunr.js; its text is copied into the worker's Blob.
  function searchWorker() {
    var index = null, docs = null;

    // Same folding as compendium.search.fold: "Bộ luật" and "bo luat" meet.
    function fold(text) {
      return text.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
    }

    // Mirrors compendium.search.tokens: words, with Thai, Lao, Burmese and Khmer runs cut into words
    // (the browser's ICU, as the index was cut by ICU at build time) plus each word joined to the next.
    var UNSPACED = /^[\u0E00-\u0EFF\u1000-\u109F\uAA60-\uAA7F\u1780-\u17FF\u19E0-\u19FF]+$/;
    var RUNS = /[\u0E00-\u0EFF\u1000-\u109F\uAA60-\uAA7F\u1780-\u17FF\u19E0-\u19FF]+|[^\u0E00-\u0EFF\u1000-\u109F\uAA60-\uAA7F\u1780-\u17FF\u19E0-\u19FF]+/g;
    var segmenter = typeof Intl !== "undefined" && Intl.Segmenter ? new Intl.Segmenter(undefined, { granularity: "word" }) : null;

    function tokens(query) {
      var words = [], extra = [];
      (query.toLowerCase().match(/[\p{L}\p{N}\p{M}_]+/gu) || []).forEach(function (word) {
        (word.match(RUNS) || []).forEach(function (run) {
          if (UNSPACED.test(run) && segmenter) {
            var parts = Array.from(segmenter.segment(run)).filter(function (s) { return s.isWordLike; })
              .map(function (s) { return s.segment; });
            parts.forEach(function (p, i) { words.push(p); if (i > 0) extra.push(parts[i - 1] + p); });
          } else {
            words.push(run);
          }
        });
      });
      return { words: words, extra: extra };
    }

    var PHRASE_BOOST = 40;  // as compendium.search.PHRASE_BOOST

    // Mirrors compendium.search.phrases: adjacent non-stop words joined.
    function phrases(words) {
      var kept = words.filter(function (w) { return lunr.stopWordFilter(w); });
      return kept.slice(1).map(function (w, i) { return kept[i] + w; });
    }

    // Mirrors compendium.search._run: every word required first; if nothing matches, any word, whole or as a prefix.
    function run(query) {
      var t = tokens(query);
      if (!t.words.length) return [];
      var unique = function (list) { return list.filter(function (w, i) { return list.indexOf(w) === i; }); };
      var required = unique(t.words).filter(function (w) { return lunr.stopWordFilter(w); });
      var hits = [];
      if (required.length || t.extra.length) {
        hits = index.query(function (q) {
          required.forEach(function (w) { q.term(w, { presence: lunr.Query.presence.REQUIRED, boost: 10 }); });
          t.extra.forEach(function (w) { q.term(w, { boost: 5 }); });
          phrases(t.words).forEach(function (w) { q.term(w, { boost: PHRASE_BOOST }); });
        });
      }
      if (hits.length) return hits;
      return index.query(function (q) {
        phrases(t.words).forEach(function (w) { q.term(w, { boost: PHRASE_BOOST }); });
        unique(t.words.concat(t.extra)).forEach(function (term) {
          q.term(term, { boost: 10, usePipeline: true });
          if (term.length >= 3) q.term(term, { boost: 1, usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING });
        });
      });
    }

    onmessage = function (event) {
      var message = event.data;
      if (message.type === "load") {
        var data = JSON.parse(message.index);
        index = lunr.Index.load(data.index);
        docs = data.docs;
        postMessage({ type: "ready" });
      } else if (message.type === "query") {
        var hits = run(message.query).slice(0, 10).map(function (hit) { return docs[Number(hit.ref)]; });
        postMessage({ type: "results", id: message.id, hits: hits });
      }
    };
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src;
      s.onload = resolve;
      s.onerror = function () { reject(new Error("could not load " + src)); };
      document.head.appendChild(s);
    });
  }

  function load() {
    if (state.loading) return state.loading;
    var t0 = performance.now();
    // The worker starts on lunr.js while the (larger) index script is still loading.
    var worker = loadScript(base + "/search/lunr-source.js").then(function () {
      var code = window.compendiumLunrSource + "\n(" + searchWorker.toString() + ")();";
      delete window.compendiumLunrSource;
      return new Worker(URL.createObjectURL(new Blob([code], { type: "text/javascript" })));
    });
    var parts = [0, 1, 2, 3].map(function (i) { return loadScript(base + "/search/search-index-" + i + ".js"); });
    state.loading = Promise.all([worker].concat(parts)).then(function (loaded) {
      var w = loaded[0];
      var data = window.compendiumSearchParts.join("");
      delete window.compendiumSearchParts;  // the worker keeps the only copy
      return new Promise(function (resolve, reject) {
        w.onerror = function (e) { reject(new Error("search worker: " + e.message)); };
        w.onmessage = function (event) {
          var message = event.data;
          if (message.type === "ready") {
            state.worker = w;
            window.cmpSearchTimings.ready = performance.now() - t0;
            document.documentElement.setAttribute("data-cmp-search", "ready");
            resolve();
          } else if (message.type === "results" && state.pending[message.id]) {
            state.pending[message.id](message.hits);
            delete state.pending[message.id];
          }
        };
        w.postMessage({ type: "load", index: data });
      });
    });
    return state.loading;
  }

  function query(text) {
    return load().then(function () {
      var id = ++state.next;
      var t0 = performance.now();
      return new Promise(function (resolve) {
        state.pending[id] = function (hits) {
          window.cmpSearchTimings.lastQuery = performance.now() - t0;
          resolve({ id: id, hits: hits });
        };
        state.worker.postMessage({ type: "query", id: id, query: text });
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
    input.addEventListener("focus", load);
    input.addEventListener("input", update);
    input.addEventListener("keyup", update);
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

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", build);
  else build();
})();
