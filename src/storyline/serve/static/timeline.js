// Timeline zoom: the wheel zooms around the pointer, a drag zooms to the dragged period.
// Both only change the page's `from`/`to` query parameters, so every view is a shareable link
// and the server draws it (nothing here touches article text).
(function () {
  "use strict";
  var svg = document.getElementById("timeline");
  if (!svg) { return; }
  var DAY = 86400000;
  var start = Date.parse(svg.dataset.start + "T00:00:00Z");
  var days = Number(svg.dataset.days);
  var left = Number(svg.dataset.left);
  var plot = Number(svg.dataset.plotWidth);
  var width = Number(svg.dataset.width);
  var brush = document.getElementById("brush");

  function unitsX(evt) {  // pointer position in SVG user units
    var box = svg.getBoundingClientRect();
    return (evt.clientX - box.left) * width / box.width;
  }
  function dateAt(x) {
    var f = Math.min(Math.max((x - left) / plot, 0), 1);
    return start + f * days * DAY;
  }
  function iso(ms) { return new Date(ms).toISOString().slice(0, 10); }
  function go(fromMs, toMs) {
    if (toMs - fromMs < 6 * DAY) {
      var mid = (fromMs + toMs) / 2;
      fromMs = mid - 3 * DAY;
      toMs = mid + 3 * DAY;
    }
    var params = new URLSearchParams(window.location.search);
    params.set("from", iso(fromMs));
    params.set("to", iso(toMs));
    window.location.assign(window.location.pathname + "?" + params.toString());
  }

  var pending = null;
  svg.addEventListener("wheel", function (evt) {
    evt.preventDefault();
    var at = dateAt(unitsX(evt));
    var factor = evt.deltaY < 0 ? 0.5 : 2;
    var from = at - (at - start) * factor;
    var to = at + (start + days * DAY - at) * factor;
    if (pending) { window.clearTimeout(pending); }
    pending = window.setTimeout(function () { go(from, to); }, 150);
  }, { passive: false });

  var dragFrom = null;
  svg.addEventListener("mousedown", function (evt) {
    if (evt.button !== 0 || evt.target.closest("a")) { return; }
    dragFrom = unitsX(evt);
    evt.preventDefault();
  });
  svg.addEventListener("mousemove", function (evt) {
    if (dragFrom === null) { return; }
    var x = unitsX(evt);
    brush.setAttribute("x", String(Math.min(x, dragFrom)));
    brush.setAttribute("width", String(Math.abs(x - dragFrom)));
  });
  window.addEventListener("mouseup", function (evt) {
    if (dragFrom === null) { return; }
    var x = unitsX(evt);
    var a = Math.min(x, dragFrom), b = Math.max(x, dragFrom);
    dragFrom = null;
    brush.setAttribute("width", "0");
    if (b - a > 4) { go(dateAt(a), dateAt(b)); }
  });
})();
