// Offline search: a box in the header, backed by the lunr index prebuilt at build time (search/search-index.js).
// The index is only loaded (never built) in the page, and only when the reader starts to search.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("cmp-search-config").textContent);
  var base = config.base.replace(/\/$/, "");
  var state = { index: null, docs: null, loading: null };
  window.cmpSearchTimings = {};

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
    state.loading = loadScript(base + "/search/lunr.js")
      .then(function () { return loadScript(base + "/search/search-index.js"); })
      .then(function () {
        var data = window.compendiumSearchData;
        state.index = lunr.Index.load(data.index);
        state.docs = data.docs;
        window.cmpSearchTimings.ready = performance.now() - t0;
        document.documentElement.setAttribute("data-cmp-search", "ready");
      });
    return state.loading;
  }

  // Same folding as compendium.search.fold: "Bộ luật" and "bo luat" meet.
  function fold(text) {
    return text.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function words(query) {
    return query.toLowerCase().split(/[^\p{L}\p{N}\p{M}_]+/u).filter(Boolean);
  }

  // Mirrors compendium.search._run: each word whole (stemmed) and, from three letters, as a prefix.
  function run(query) {
    var ws = words(query);
    if (!ws.length) return [];
    return state.index.query(function (q) {
      ws.forEach(function (word) {
        var terms = [word];
        if (fold(word) !== word) terms.push(fold(word));
        terms.forEach(function (term) {
          q.term(term, { boost: 10, usePipeline: true });
          if (term.length >= 3) q.term(term, { boost: 1, usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING });
        });
      });
    });
  }

  function render(list, query, hits) {
    list.textContent = "";
    if (!query.trim()) { list.hidden = true; return; }
    list.hidden = false;
    if (!hits.length) {
      var none = document.createElement("li");
      none.className = "cmp-search-empty";
      none.textContent = "No match for \u201c" + query + "\u201d.";
      list.appendChild(none);
      return;
    }
    hits.slice(0, 10).forEach(function (hit) {
      var doc = state.docs[hit.ref];
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = base + "/" + hit.ref;
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
      '<label class="md-visually-hidden" for="cmp-search-input">Search the compendium</label>' +
      '<input id="cmp-search-input" type="search" placeholder="Search (works offline)" autocomplete="off" spellcheck="false">' +
      '<ol id="cmp-search-results" class="cmp-search-results" hidden></ol>';
    host.appendChild(form);
    var input = form.querySelector("input");
    var list = form.querySelector("ol");
    function update() {
      var query = input.value;
      load().then(function () {
        var t0 = performance.now();
        var hits = run(query);
        window.cmpSearchTimings.lastQuery = performance.now() - t0;
        render(list, query, hits);
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
