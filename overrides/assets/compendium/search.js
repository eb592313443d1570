// Offline search: a box in the header, backed by the lunr index prebuilt at build time.
// The page never builds an index and never parses it on its main thread: the index arrives as strings,
// in two shards of four parts each (search/search-index-<shard>-<part>.js, loaded side by side, packed as
// compendium/index_format.py describes) and each shard
// is parsed, loaded and queried in its own worker made from a Blob (one per core), which works from
// file:// too. lunr.js comes as a string as well (search/lunr-source.js, copied from the mkdocs package).
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("cmp-search-config").textContent);
  var base = config.base.replace(/\/$/, "");
  var state = { workers: [], loading: null, next: 0 };
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
    var FUZZY_MIN = 5;  // as compendium.search.FUZZY_MIN: one typo allowed from five letters on

    // Mirrors compendium.search.phrases: adjacent non-stop words joined.
    function phrases(words) {
      var kept = words.filter(function (w) { return lunr.stopWordFilter(w); });
      return kept.slice(1).map(function (w, i) { return kept[i] + w; });
    }

    // Mirrors compendium.search._run: every word required first; if nothing matches, any word, whole, as a prefix
    // or with one typo.
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
          if (term.length >= FUZZY_MIN) {
            var typo = !index.pipeline.runString(term).some(function (t) { return t in index.invertedIndex; });
            q.term(term, { boost: typo ? 10 : 1, usePipeline: true, editDistance: 1 });  // as in _run
          }
        });
      });
    }

    // A lunr index from the packed shard (compendium/index_format.py). Each term's postings and each document's
    // vector are made the first time a query asks for them: making them all up front cost more than the rest
    // of loading. lunr reads them only by key (`invertedIndex[term]`, `term in invertedIndex`,
    // `fieldVectors["field/ref"]`; it lists every vector only for a query that only excludes terms, and ours never
    // do), which is what these proxies answer.
    function unpack(packed) {
      var fields = packed.fields, terms = packed.terms, position = Object.create(null);
      terms.forEach(function (term, i) { position[term] = i; });
      // where each term's refs start in each field's flat postings, and each document's entries in its vectors
      var postingAt = fields.map(function (_, f) {
        var flat = packed.postings[f], at = new Int32Array(terms.length);
        for (var t = 0, o = 0; t < terms.length; t++) { at[t] = o; o += 1 + flat[o]; }
        return at;
      });
      var vectorAt = fields.map(function (_, f) {
        var flat = packed.vectors[f], at = [];
        for (var o = 0; o < flat.length; o += 1 + 2 * flat[o]) at.push(o);
        return at;
      });
      var invertedIndex = new Proxy(Object.create(null), {
        get: function (made, term) {
          if (term in made || !(term in position)) return made[term];
          var t = position[term], posting = { _index: packed.termIndex[t] };
          fields.forEach(function (field, f) {
            var flat = packed.postings[f], o = postingAt[f][t], refs = Object.create(null);
            for (var k = 1; k <= flat[o]; k++) refs[flat[o + k]] = {};
            posting[field] = refs;
          });
          return (made[term] = posting);
        },
        has: function (_, term) { return term in position; }
      });
      var fieldVectors = new Proxy(Object.create(null), {
        get: function (made, key) {
          if (key in made || typeof key !== "string") return made[key];
          var slash = key.indexOf("/"), f = fields.indexOf(key.slice(0, slash)), o = vectorAt[f][Number(key.slice(slash + 1))];
          var flat = packed.vectors[f];
          return (made[key] = new lunr.Vector(flat.slice(o + 1, o + 1 + 2 * flat[o])));
        }
      });
      return new lunr.Index({ invertedIndex: invertedIndex, fieldVectors: fieldVectors, fields: fields,
        tokenSet: lunr.TokenSet.fromArray(terms), pipeline: lunr.Pipeline.load(packed.pipeline) });
    }

    onmessage = function (event) {
      var message = event.data;
      if (message.type === "load") {
        var data = JSON.parse(message.index);
        index = unpack(data.index);
        docs = data.docs;
        postMessage({ type: "ready" });
      } else if (message.type === "query") {
        var hits = run(message.query).slice(0, 10).map(function (hit) {
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
    state.loading = loadScript(base + "/search/lunr-source.js").then(function () {
      var code = window.compendiumLunrSource + "\n(" + searchWorker.toString() + ")();";
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

  var whenIdle = window.requestIdleCallback || function (fn) { return setTimeout(fn, 200); };
  // When the page is idle, load the index into the worker (reading, parsing and loading it costs the main thread
  // nothing measurable), so that search is ready when the reader reaches for the box, not only after.
  window.addEventListener("load", function () { whenIdle(load, { timeout: 3000 }); });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", build);
  else build();
})();
