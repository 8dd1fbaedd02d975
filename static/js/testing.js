// Testing Account: a test order's page follows a scenario or a pending webhook
// by reloading its live part (#order-live[data-poll]) until nothing moves.
// Without JavaScript the page is complete; reloading it shows the same.
(function () {
  "use strict";
  var live = document.getElementById("order-live");
  if (!live || !live.hasAttribute("data-poll") || !window.fetch || !window.DOMParser) return;
  var every = parseInt(live.getAttribute("data-poll"), 10) || 2000;

  function tick() {
    fetch(window.location.href, { headers: { "Accept": "text/html" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("order-live");
        if (!fresh) return;
        var current = document.getElementById("order-live");
        // Never pull the control a person is on from under them: try again next time.
        if (current.contains(document.activeElement) && document.activeElement !== document.body) {
          window.setTimeout(tick, every);
          return;
        }
        var before = document.getElementById("order-status");
        var after = fresh.querySelector("#order-status");
        var was = before ? before.textContent.trim() : "";
        current.innerHTML = fresh.innerHTML;
        // Announce a new status once, through the live region outside the swapped part.
        var now = after ? after.textContent.trim().replace(/\s+/g, " ") : "";
        if (now && now !== was.replace(/\s+/g, " ")) { var announce = document.getElementById("order-announce"); announce.textContent = (announce.getAttribute("data-prefix") || "Order status:") + " " + now; }
        if (fresh.hasAttribute("data-poll")) window.setTimeout(tick, every);
        else current.removeAttribute("data-poll");
      })
      .catch(function () { window.setTimeout(tick, every * 4); });
  }
  window.setTimeout(tick, every);
})();
