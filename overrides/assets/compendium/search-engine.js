// The search engine of the search worker: query words as compendium/search.py cuts them, and lunr's ranking run
// over the packed index (compendium/index_format.py) where it lies. search.js copies this function's text into
// each worker; the tests run it beside lunr's own Index.query.
//
// Why not lunr's Index.query: it makes a string key, a match object and a set entry for every (document, field)
// a term reaches. "central authority" reaches ~2,500 of them per shard at 200 states; that allocation was
// nine tenths of a query (4 ms a query in Node, 15-45 ms in a freshly started worker). Ranking the same
// clauses over typed arrays takes a tenth of that. Query building (lunr.Query), the stemmer (lunr.Pipeline),
// term expansion for prefixes and typos (lunr.TokenSet) and the query vector (lunr.Vector) stay lunr's own,
// and the scores are lunr's to the last bit: same sums, in the same order.
window.compendiumSearchEngine = function (lunr) {
  "use strict";

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
  // or with one typo. `index` is a Shard, or anything with the same query, pipeline and holds.
  function run(index, query) {
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
          var typo = !index.pipeline.runString(term).some(function (w) { return index.holds(w); });
          q.term(term, { boost: typo ? 10 : 1, usePipeline: true, editDistance: 1 });  // as in _run
        }
      });
    });
  }

  // One shard as packed: each field's postings and vectors stay flat typed arrays, with offsets to find a
  // term's documents and a document's vector.
  function Shard(packed) {
    var count = packed.terms.length;
    this.fields = packed.fields;
    this.pipeline = lunr.Pipeline.load(packed.pipeline);
    this.tokenSet = lunr.TokenSet.fromArray(packed.terms);
    this.position = Object.create(null);
    for (var t = 0; t < count; t++) this.position[packed.terms[t]] = t;
    this.termIndex = packed.termIndex;
    this.postings = packed.postings.map(function (flat) { return Int32Array.from(flat); });
    this.postingAt = this.postings.map(function (flat) {
      var at = new Int32Array(count);
      for (var t = 0, o = 0; t < count; t++) { at[t] = o; o += 1 + flat[o]; }
      return at;
    });
    this.vectors = packed.vectors.map(function (flat) { return Float64Array.from(flat); });
    var size = 0;
    for (var o = 0, first = this.vectors[0]; o < first.length; o += 1 + 2 * first[o]) size++;
    this.size = size;  // documents, refs 0..size-1
    this.vectorAt = this.vectors.map(function (flat) {
      var at = new Int32Array(size);
      for (var d = 0, o = 0; d < size; d++) { at[d] = o; o += 1 + 2 * flat[o]; }
      return at;
    });
  }

  Shard.prototype.holds = function (term) { return term in this.position; };

  // lunr.Index.prototype.query (2.3.9), step by step, for what our queries use: clauses over every field, required
  // or optional (none prohibits). Hits are {ref, score}, best first; lunr's ties keep the order in which their
  // first (document, field) was met, so that order is kept here too.
  Shard.prototype.query = function (build) {
    var query = new lunr.Query(this.fields);
    build.call(query, query);
    var fields = this.fields.length, size = this.size;
    var queryVector = new lunr.Vector();  // every clause searches every field: one vector serves them all
    var met = new Uint8Array(fields * size), order = [];  // (field, document) pairs, in the order first met
    var required = null;  // documents holding every required clause so far (null: no required clause yet)
    for (var i = 0; i < query.clauses.length; i++) {
      var clause = query.clauses[i];
      if (clause.presence === lunr.Query.presence.PROHIBITED || clause.fields.length !== fields) {
        throw new Error("search: a clause this engine does not rank");
      }
      var isRequired = clause.presence === lunr.Query.presence.REQUIRED;
      var terms = clause.usePipeline ? this.pipeline.runString(clause.term, { fields: clause.fields }) : [clause.term];
      var holding = isRequired ? new Uint8Array(size) : null;
      for (var m = 0; m < terms.length; m++) {
        clause.term = terms[m];
        var expanded = this.tokenSet.intersect(lunr.TokenSet.fromClause(clause)).toArray();
        if (!expanded.length && isRequired) break;  // a required word nowhere: nothing holds it, no hits
        for (var j = 0; j < expanded.length; j++) {
          var t = this.position[expanded[j]];
          queryVector.upsert(this.termIndex[t], clause.boost, add);
          for (var f = 0; f < fields; f++) {
            var flat = this.postings[f], at = this.postingAt[f][t], end = at + flat[at];
            for (var k = at + 1; k <= end; k++) {
              var doc = flat[k], pair = f * size + doc;
              if (holding) holding[doc] = 1;
              if (!met[pair]) { met[pair] = 1; order.push(pair); }
            }
          }
        }
      }
      if (isRequired) {
        if (required) for (var r = 0; r < size; r++) required[r] &= holding[r];
        else required = holding;
      }
    }
    var elements = queryVector.elements, magnitude = queryVector.magnitude();
    var hits = [], hitOf = new Int32Array(size).fill(-1);
    for (var x = 0; x < order.length; x++) {
      var field = (order[x] / size) | 0, d = order[x] - field * size;
      if (required && !required[d]) continue;
      var score = dot(elements, this.vectors[field], this.vectorAt[field][d]) / magnitude || 0;  // lunr's similarity
      if (hitOf[d] >= 0) hits[hitOf[d]].score += score;
      else { hitOf[d] = hits.length; hits.push({ ref: String(d), score: score }); }
    }
    return hits.sort(function (a, b) { return b.score - a.score; });
  };

  function add(a, b) { return a + b; }

  // lunr.Vector.prototype.dot between the query's vector and one document's vector at `at` in `flat`: products
  // summed in ascending term order as lunr's merge does, each term found by binary search (documents' vectors
  // are long, the query's short).
  function dot(query, flat, at) {
    var sum = 0, low = at + 1, high = at + 1 + 2 * flat[at];
    for (var i = 0; i < query.length; i += 2) {
      var index = query[i], a = low, b = high;
      while (a < b) {
        var middle = a + (((b - a) >> 2) << 1);
        if (flat[middle] < index) a = middle + 2;
        else b = middle;
      }
      if (a < high && flat[a] === index) { sum += query[i + 1] * flat[a + 1]; a += 2; }
      low = a;
    }
    return sum;
  }

  return { Shard: Shard, run: run };
};
