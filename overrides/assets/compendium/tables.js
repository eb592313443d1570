// Sort and filter the comparison tables, offline: click a heading to sort, type in the box to filter rows.
// Also: the pathfinder picker, the "Print this brief" button, and printing with every "Sources" box open.
(function () {
  "use strict";

  function cellText(row, index) {
    var cell = row.children[index];
    return cell ? cell.textContent.trim().toLowerCase() : "";
  }

  function makeSortable(table) {
    var headers = table.tHead ? table.tHead.rows[0].children : [];
    Array.prototype.forEach.call(headers, function (th, index) {
      th.classList.add("cmp-sortable");
      th.setAttribute("tabindex", "0");
      th.setAttribute("aria-sort", "none");
      function sort() {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (h) { h.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        // each group of states (members, partners) has its own body and is sorted within itself
        Array.prototype.forEach.call(table.tBodies, function (body) {
          var rows = Array.prototype.filter.call(body.rows, function (row) { return !row.classList.contains("cmp-group-row"); });
          rows.sort(function (a, b) {
            var x = cellText(a, index), y = cellText(b, index);
            var cmp = x.localeCompare(y, undefined, { numeric: true });
            return ascending ? cmp : -cmp;
          });
          rows.forEach(function (row) { body.appendChild(row); });
        });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (event) { if (event.key === "Enter") sort(); });
    });
  }

  function makeFilterable(table) {
    var tools = document.querySelector('.cmp-table-tools[data-for="' + table.id + '"]');
    if (!tools) return;
    var input = document.createElement("input");
    input.type = "search";
    input.className = "cmp-filter";
    input.placeholder = "Filter rows…";
    input.setAttribute("aria-label", "Filter the table's rows");
    var count = document.createElement("span");
    count.className = "cmp-filter-count";
    tools.appendChild(input);
    tools.appendChild(count);
    function apply() {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0, total = 0;
      Array.prototype.forEach.call(table.tBodies, function (body) {
        Array.prototype.forEach.call(body.rows, function (row) {
          if (row.classList.contains("cmp-group-row")) return;
          var text = row.textContent.toLowerCase();
          var match = words.every(function (w) { return text.indexOf(w) !== -1; });
          row.hidden = !match;
          total += 1;
          if (match) shown += 1;
        });
      });
      count.textContent = words.length ? shown + " of " + total + " rows" : "";
    }
    input.addEventListener("input", apply);
    input.addEventListener("keyup", apply);
  }

  function picker() {
    var form = document.getElementById("cmp-picker");
    if (!form) return;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var from = form.querySelector("#cmp-from").value, to = form.querySelector("#cmp-to").value;
      var task = form.querySelector("#cmp-task"), message = form.querySelector(".cmp-picker-message");
      var members = (form.getAttribute("data-members") || "").split(" ");
      if (from === to) { form.querySelector("#cmp-to").focus(); return; }
      if (members.length > 1 && members.indexOf(from) < 0 && members.indexOf(to) < 0) {
        if (message) message.textContent = "Pair pages pair an ASEAN member with another state: choose a member on one side.";
        return;
      }
      // data-base is the relative address of cooperate/index.html; pair pages sit beside it as <from>-<to>/index.html
      var base = new URL(form.getAttribute("data-base") || "index.html", window.location.href).href.replace(/[^\/]*$/, "");
      window.location.href = base + from + "-" + to + "/index.html" + (task ? "#" + task.value : "");
    });
  }

  function init() {
    document.querySelectorAll("table[data-sortable]").forEach(makeSortable);
    document.querySelectorAll("table[data-filterable]").forEach(makeFilterable);
    picker();
    // "Print this brief" needs a script, so it is shown only when scripts run
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
    window.addEventListener("beforeprint", function () {
      document.querySelectorAll("details.cmp-sources").forEach(function (d) { d.setAttribute("open", ""); });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
