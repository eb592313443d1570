// The request builder: shows the checklist and letter parts of the chosen measure, copies the officer's facts
// into the letter, and saves the letter as a .docx made here, in the page. Nothing is sent or stored: no network
// call, no storage; the only file written is the one the officer downloads.
(function () {
  "use strict";

  // The requesting state chosen on the form: its name, its pair page, and the variant of checklists that applies
  // to it (states with the same routes to the requested state share one).
  function requesting(form) {
    var option = form.querySelector("#cmp-from").selectedOptions[0];
    return {code: option.value, name: option.textContent, variant: option.getAttribute("data-variant"),
            pair: option.getAttribute("data-pair")};
  }

  function show(form, measure) {
    var from = requesting(form);
    document.querySelectorAll(".cmp-for-measure").forEach(function (el) {
      var variant = el.getAttribute("data-variant");
      el.hidden = el.getAttribute("data-measure") !== measure || (variant !== null && variant !== from.variant);
    });
    document.querySelectorAll("[data-requesting]").forEach(function (span) { span.textContent = from.name; });
    document.getElementById("cmp-pair-link").setAttribute("href", from.pair);
    form.querySelector("#cmp-measure").value = measure;
  }

  function copyFacts(form) {
    form.querySelectorAll("[data-fact-input]").forEach(function (input) {
      var name = input.getAttribute("data-fact-input"), value = input.value.trim();
      document.querySelectorAll('[data-fact="' + name + '"]').forEach(function (span) {
        if (!span.hasAttribute("data-placeholder")) span.setAttribute("data-placeholder", span.textContent);
        span.textContent = value || span.getAttribute("data-placeholder");  // text only: never markup
      });
    });
  }

  // --- a minimal .docx: three XML parts in a zip archive stored without compression ---------------------------

  var CRC_TABLE = (function () {
    var table = [], c, n, k;
    for (n = 0; n < 256; n++) {
      c = n;
      for (k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
    return table;
  })();

  function crc32(bytes) {
    var crc = 0xffffffff;
    for (var i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
    return (crc ^ 0xffffffff) >>> 0;
  }

  function zip(files) {  // files: [{name, bytes}]
    var parts = [], central = [], offset = 0;
    function u16(v) { return [v & 0xff, (v >>> 8) & 0xff]; }
    function u32(v) { return [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff]; }
    files.forEach(function (f) {
      var name = new TextEncoder().encode(f.name), crc = crc32(f.bytes), size = f.bytes.length;
      // fixed time and date (1980-01-01): the same letter gives the same file
      var common = [].concat(u16(20), u16(0), u16(0), u16(0), u16(33), u32(crc), u32(size), u32(size), u16(name.length), u16(0));
      var local = new Uint8Array([].concat(u32(0x04034b50), common));
      parts.push(local, name, f.bytes);
      central.push(new Uint8Array([].concat(u32(0x02014b50), u16(20), common, u16(0), u16(0), u16(0), u32(0), u32(offset))), name);
      offset += local.length + name.length + size;
    });
    var centralSize = central.reduce(function (n, p) { return n + p.length; }, 0);
    var end = new Uint8Array([].concat(u32(0x06054b50), u16(0), u16(0), u16(files.length), u16(files.length),
                                       u32(centralSize), u32(offset), u16(0)));
    return new Blob(parts.concat(central, [end]), {type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"});
  }

  function xml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  function paragraph(text, heading) {
    var props = heading ? "<w:rPr><w:b/><w:sz w:val=\"" + (heading === 1 ? 32 : 26) + "\"/></w:rPr>" : "";
    return "<w:p><w:r>" + props + "<w:t xml:space=\"preserve\">" + xml(text) + "</w:t></w:r></w:p>";
  }

  function visibleBlocks(root) {
    var out = [];
    root.querySelectorAll("h3, h4, p, li").forEach(function (el) {
      if (el.closest("[hidden]")) return;
      var text = el.textContent.replace(/\s+/g, " ").trim();
      if (text) out.push({text: text, heading: el.tagName === "H3" ? 1 : el.tagName === "H4" ? 2 : 0});
    });
    return out;
  }

  function docx(letter, checklist) {
    var body = visibleBlocks(letter).map(function (b) { return paragraph(b.text, b.heading); });
    body.push(paragraph("Checklist before sending", 1));
    visibleBlocks(checklist).forEach(function (b) { body.push(paragraph(b.text, b.heading)); });
    var enc = new TextEncoder();
    var W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    return zip([
      {name: "[Content_Types].xml", bytes: enc.encode('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
        "</Types>")},
      {name: "_rels/.rels", bytes: enc.encode('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
        "</Relationships>")},
      {name: "word/document.xml", bytes: enc.encode('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<w:document xmlns:w="' + W + '"><w:body>' + body.join("") + "<w:sectPr/></w:body></w:document>")}
    ]);
  }

  function init() {
    var form = document.getElementById("cmp-builder");
    if (!form) return;
    var select = form.querySelector("#cmp-measure"), from = form.querySelector("#cmp-from");
    var asked = new URLSearchParams(window.location.search).get("from");  // the pair page links with ?from=<state>
    if (asked && from.querySelector('option[value="' + asked.replace(/[^a-z]/g, "") + '"]')) from.value = asked;
    var wanted = window.location.hash.replace(/^#/, "");
    show(form, select.querySelector('option[value="' + wanted + '"]') ? wanted : select.value);
    select.addEventListener("change", function () { show(form, select.value); copyFacts(form); });
    from.addEventListener("change", function () { show(form, select.value); copyFacts(form); });
    form.addEventListener("input", function () { copyFacts(form); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    document.getElementById("cmp-print").addEventListener("click", function () { window.print(); });
    document.getElementById("cmp-download").addEventListener("click", function () {
      copyFacts(form);
      var letter = document.getElementById("cmp-letter"), state = requesting(form);
      var checklist = document.querySelector('.cmp-checklist[data-measure="' + select.value + '"][data-variant="' +
                                             state.variant + '"]');
      var link = document.createElement("a");
      link.href = URL.createObjectURL(docx(letter, checklist));
      link.download = "letter-of-request-" + state.code + "-" + form.getAttribute("data-requested") + "-" +
                      select.value + ".docx";
      document.body.appendChild(link);
      link.click();
      setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
