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

  // uPlot's own labels are English with a 12-hour clock ("6pm", "12/1/26"); these are
  // the page's language and its 24-hour times, in the console's time zone.
  var lang = document.documentElement.lang || "en";
  var clock = new Intl.DateTimeFormat(lang, { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: data.tz });
  var day = new Intl.DateTimeFormat(lang, { day: "numeric", month: "short", timeZone: data.tz });
  function hhmm(date) {
    var parts = {};
    clock.formatToParts(date).forEach(function (part) { parts[part.type] = part.value; });
    return parts.hour + ":" + parts.minute;
  }
  function tick(ts) {
    var date = new Date(ts * 1e3);
    var time = hhmm(date);
    return time === "00:00" ? day.format(date) : time;
  }

  var wholeSteps = [];
  for (var power = 1; power <= 1e9; power *= 10) wholeSteps.push(power, 2 * power, 5 * power);

  var options = {
    width: width(),
    height: 240,
    scales: { x: { time: true } },
    // The axis in the console's time zone, as the table's times (not the browser's).
    tzDate: function (ts) { return window.uPlot.tzDate(new Date(ts * 1e3), data.tz); },
    series: [
      // The legend's words come from the page, in the reader's language.
      {
        label: holder.getAttribute("data-time") || "Time",
        value: function (u, ts) { return ts == null ? "--" : day.format(new Date(ts * 1e3)) + " " + hhmm(new Date(ts * 1e3)); }
      },
      { label: holder.getAttribute("data-calls") || "Calls", stroke: "#027a0a", fill: "rgba(3,172,14,.12)", width: 2 },
      { label: "4xx", stroke: "#9a6700", width: 2 },
      { label: "5xx", stroke: "#c62828", width: 2 }
    ],
    // Calls are whole numbers: no 0.2-call steps on a quiet day.
    axes: [{ values: function (u, splits) { return splits.map(tick); } }, { size: 60, incrs: wholeSteps }]
  };
  var plot = new window.uPlot(options, [data.t, data.calls, data.client_errors, data.server_errors], holder);

  var pending = null;
  window.addEventListener("resize", function () {
    if (pending) window.cancelAnimationFrame(pending);
    pending = window.requestAnimationFrame(function () { plot.setSize({ width: width(), height: 240 }); });
  });
})();
