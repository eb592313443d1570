// The globals Material's bundle expects before it runs (its storage helpers), defined from a file because the
// Content-Security-Policy allows no inline script. Settings are stored under the site's root folder, which is
// two folders above this file.
(function () {
  "use strict";
  var scope = new URL("../../", document.currentScript.src);

  window.__md_scope = scope;
  window.__md_hash = function (text) {
    var hash = 0;
    for (var i = 0; i < text.length; i++) hash = ((hash << 5) - hash + text.charCodeAt(i)) | 0;
    return hash;
  };
  window.__md_get = function (key, storage, base) {
    storage = storage || localStorage;
    base = base || scope;
    return JSON.parse(storage.getItem(base.pathname + "." + key));
  };
  window.__md_set = function (key, value, storage, base) {
    storage = storage || localStorage;
    base = base || scope;
    try { storage.setItem(base.pathname + "." + key, JSON.stringify(value)); } catch (e) { /* storage may be full or off */ }
  };
})();
