// Restores the colour scheme (light or dark) the reader chose with the header toggle, before the page is painted.
// Material saves the choice with its storage helpers (storage.js); its own restoring script is inline, which the
// Content-Security-Policy refuses, so this file does the same job.
(function () {
  "use strict";
  var saved = typeof window.__md_get === "function" ? window.__md_get("__palette") : null;
  if (!saved || !saved.color) return;
  Object.keys(saved.color).forEach(function (key) {
    if (key === "media") return;  // the site offers a plain light/dark choice, not "follow the system"
    document.body.setAttribute("data-md-color-" + key, saved.color[key]);
  });
})();
