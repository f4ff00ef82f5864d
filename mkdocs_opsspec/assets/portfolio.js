/*
 * mkdocs-opsspec: sortable, filterable portfolio table.
 *
 * The portfolio's table is plain HTML (it works without this script). A marker
 * `<div data-opsspec-portfolio>` precedes it; this script adds filters (status, readiness level,
 * free text) into the marker and makes the header cells sort the rows. Cells that sort by value
 * carry `<span data-sort="...">` (seconds, ISO dates, numbers, ranks of statuses and levels);
 * other cells sort by their text (the first cell: the name, then the GUID under it). The
 * filters match a cell's text: the status and readiness cells hold just their badge's word.
 * No dependencies. Does nothing on pages without the marker. Runs again after each Material
 * instant navigation (document$).
 */
(function () {
  "use strict";

  var NUMBER = /^-?\d+(\.\d+)?$/;
  var READY = "data-opsspec-ready";

  function followingTable(marker) {
    var tables = document.querySelectorAll("table");
    for (var i = 0; i < tables.length; i++) {
      if (marker.compareDocumentPosition(tables[i]) & Node.DOCUMENT_POSITION_FOLLOWING) {
        return tables[i];
      }
    }
    return null;
  }

  function cellKey(cell) {
    if (!cell) return "";
    var holder = cell.querySelector("[data-sort]");
    if (holder) return holder.getAttribute("data-sort");
    return cell.textContent.replace(/\s+/g, " ").trim();
  }

  function compareKeys(a, b) {
    var na = NUMBER.test(a);
    var nb = NUMBER.test(b);
    if (na && nb) return parseFloat(a) - parseFloat(b);
    if (na !== nb) return na ? -1 : 1;
    return a.localeCompare(b, undefined, { numeric: true, sensitivity: "base" });
  }

  function columnOf(table, name) {
    var head = table.tHead && table.tHead.rows[0];
    if (!head) return -1;
    for (var i = 0; i < head.cells.length; i++) {
      if (head.cells[i].getAttribute("data-opsspec-col") === name) return i;
    }
    return -1;
  }

  function bodyRows(table) {
    var body = table.tBodies[0];
    return body ? Array.prototype.slice.call(body.rows) : [];
  }

  function sortBy(table, index, th) {
    var descending = th.getAttribute("aria-sort") === "ascending";
    var head = table.tHead.rows[0];
    for (var i = 0; i < head.cells.length; i++) head.cells[i].removeAttribute("aria-sort");
    th.setAttribute("aria-sort", descending ? "descending" : "ascending");
    var rows = bodyRows(table).map(function (row, position) {
      return { row: row, key: cellKey(row.cells[index]), position: position };
    });
    rows.sort(function (x, y) {
      // rows without a value stay last in both directions
      if (x.key === "" || y.key === "") {
        if (x.key === y.key) return x.position - y.position;
        return x.key === "" ? 1 : -1;
      }
      var order = compareKeys(x.key, y.key);
      if (descending) order = -order;
      return order || x.position - y.position;
    });
    var body = table.tBodies[0];
    rows.forEach(function (item) {
      body.appendChild(item.row);
    });
  }

  function makeSortable(table) {
    var head = table.tHead && table.tHead.rows[0];
    if (!head) return;
    Array.prototype.forEach.call(head.cells, function (th, index) {
      th.classList.add("opsspec-sortable");
      th.setAttribute("tabindex", "0");
      th.setAttribute("title", "Sort by this column");
      th.addEventListener("click", function () {
        sortBy(table, index, th);
      });
      th.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          sortBy(table, index, th);
        }
      });
    });
  }

  function choices(table, index) {
    var seen = {};
    var out = [];
    bodyRows(table).forEach(function (row) {
      var cell = row.cells[index];
      if (!cell) return;
      var text = cell.textContent.replace(/\s+/g, " ").trim();
      if (text === "" || seen[text]) return;
      seen[text] = true;
      out.push({ text: text, key: cellKey(cell) });
    });
    out.sort(function (a, b) {
      return compareKeys(a.key, b.key) || a.text.localeCompare(b.text);
    });
    return out;
  }

  function select(label, options, onChange) {
    var wrap = document.createElement("label");
    wrap.className = "opsspec-portfolio-filter";
    wrap.appendChild(document.createTextNode(label + " "));
    var box = document.createElement("select");
    var all = document.createElement("option");
    all.value = "";
    all.textContent = "All";
    box.appendChild(all);
    options.forEach(function (choice) {
      var option = document.createElement("option");
      option.value = choice.text;
      option.textContent = choice.text;
      box.appendChild(option);
    });
    box.addEventListener("change", onChange);
    wrap.appendChild(box);
    return { wrap: wrap, box: box };
  }

  function init() {
    var markers = document.querySelectorAll("[data-opsspec-portfolio]");
    Array.prototype.forEach.call(markers, function (marker) {
      if (marker.hasAttribute(READY)) return;
      var table = followingTable(marker);
      if (!table) return;
      marker.setAttribute(READY, "");
      makeSortable(table);

      var statusCol = columnOf(table, "status");
      var levelCol = columnOf(table, "level");
      var filters = [];
      var count = document.createElement("span");
      count.className = "opsspec-portfolio-count";
      count.setAttribute("aria-live", "polite");

      function cellText(row, index) {
        var cell = index >= 0 ? row.cells[index] : null;
        return cell ? cell.textContent.replace(/\s+/g, " ").trim() : "";
      }

      function apply() {
        var shown = 0;
        var rows = bodyRows(table);
        var query = search.value.trim().toLowerCase();
        rows.forEach(function (row) {
          var visible = filters.every(function (f) {
            return !f.box.value || cellText(row, f.index) === f.box.value;
          });
          if (visible && query) {
            visible = row.textContent.toLowerCase().indexOf(query) !== -1;
          }
          row.hidden = !visible;
          if (visible) shown += 1;
        });
        count.textContent = shown + " of " + rows.length + " shown";
      }

      if (statusCol >= 0) {
        var status = select("Status", choices(table, statusCol), apply);
        status.index = statusCol;
        filters.push(status);
      }
      if (levelCol >= 0) {
        var level = select("Readiness", choices(table, levelCol), apply);
        level.index = levelCol;
        filters.push(level);
      }
      var searchLabel = document.createElement("label");
      searchLabel.className = "opsspec-portfolio-filter";
      searchLabel.appendChild(document.createTextNode("Search "));
      var search = document.createElement("input");
      search.type = "search";
      search.placeholder = "name, GUID, text";
      search.addEventListener("input", apply);
      searchLabel.appendChild(search);

      filters.forEach(function (f) {
        marker.appendChild(f.wrap);
      });
      marker.appendChild(searchLabel);
      marker.appendChild(count);
      apply();
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
