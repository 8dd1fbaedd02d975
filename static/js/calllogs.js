// Log History: the chart of calls and errors (uPlot, vendored in static/vendor/uplot/).
// The numbers are in the page too (summary line, errors table); this only draws them.
(function () {
  "use strict";

  var summary = document.querySelector("[data-focus-on-load]");
  if (summary) summary.focus();

  var holder = document.getElementById("calls-chart");
  var source = document.getElementById("calls-chart-data");
  if (!holder || !source || !window.uPlot) return;
  var data = JSON.parse(source.textContent);
  if (!data.t.length) return;

  function width() { return Math.max(260, holder.clientWidth); }

  var options = {
    width: width(),
    height: 240,
    scales: { x: { time: true } },
    // The axis in the console's time zone, as the table's times (not the browser's).
    tzDate: function (ts) { return window.uPlot.tzDate(new Date(ts * 1e3), data.tz); },
    series: [
      {},
      // The legend's word comes from the page, in the reader's language.
      { label: holder.getAttribute("data-calls") || "Calls", stroke: "#027a0a", fill: "rgba(3,172,14,.12)", width: 2 },
      { label: "4xx", stroke: "#9a6700", width: 2 },
      { label: "5xx", stroke: "#c62828", width: 2 }
    ],
    axes: [{}, { size: 60 }]
  };
  var plot = new window.uPlot(options, [data.t, data.calls, data.client_errors, data.server_errors], holder);

  var pending = null;
  window.addEventListener("resize", function () {
    if (pending) window.cancelAnimationFrame(pending);
    pending = window.requestAnimationFrame(function () { plot.setSize({ width: width(), height: 240 }); });
  });
})();
