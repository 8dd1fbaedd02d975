// Small progressive enhancements; every page works without them.
(function () {
  "use strict";

  // The one live region (base.html, role=status, visually hidden): confirmations
  // that have no page of their own. The text is set after a pause so it is heard
  // even when the same words come twice.
  var announcer = document.getElementById("announcer");
  function announce(text) {
    if (!announcer) return;
    announcer.textContent = "";
    setTimeout(function () { announcer.textContent = text; }, 120);
  }
  window.consoleAnnounce = announce;

  // The words this file says come from the page (base.html's <body data-…>), in
  // the reader's language; the English here is only a fallback. "{name}" is filled in.
  function words(key, fallback, name) {
    var text = (document.body && document.body.getAttribute("data-" + key)) || fallback;
    return name === undefined ? text : text.replace("{name}", name);
  }

  function labelOf(control) {
    if (control.id) {
      var label = document.querySelector('label[for="' + control.id + '"]');
      if (label) return label.textContent.trim();
    }
    return control.getAttribute("aria-label");
  }

  function onReady() {
    markScrollable();
    // A refused form: its error summary takes focus (GOV.UK pattern); otherwise
    // a result to look at (a new secret) does: <section data-focus-on-load tabindex="-1">.
    // Failing both, the flash messages do (a live region would not read what arrives with the page).
    var target = document.querySelector("[data-error-summary]") || document.querySelector("[data-focus-on-load]") ||
      document.querySelector("[data-messages]");
    if (target) target.focus();

  }
  // A table too wide for the screen scrolls sideways: keyboard users reach it
  // with Tab (and scroll it with the arrow keys), screen readers hear its name.
  function markScrollable() {
    Array.prototype.forEach.call(document.querySelectorAll(".table-wrap"), function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        var caption = box.querySelector("caption");
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        var name = caption ? caption.textContent.trim() : words("table", "Table");
        box.setAttribute("aria-label", words("scrolls", "{name} (scrolls sideways)", name));
      } else if (!scrolls && box.getAttribute("tabindex") === "0") {
        box.removeAttribute("tabindex"); box.removeAttribute("role"); box.removeAttribute("aria-label");
      }
    });
  }
  var resizing;
  window.addEventListener("resize", function () { clearTimeout(resizing); resizing = setTimeout(markScrollable, 150); });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", onReady);
  else onReady();

  // The error summary's links move focus to the field (its first choice for a
  // group) and scroll its label or legend into view.
  document.addEventListener("click", function (event) {
    var link = event.target.closest(".error-summary a[href^='#']");
    if (!link) return;
    var control = document.getElementById(link.getAttribute("href").slice(1));
    if (!control) return;
    event.preventDefault();
    var legend = control.closest("fieldset");
    var label = legend ? legend.querySelector("legend") : document.querySelector('label[for="' + control.id + '"]');
    (label || control).scrollIntoView({ block: "start" });
    control.focus({ preventScroll: true });
  });

  // Copy buttons: <button data-copy="#input-id">Copy</button>
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) return;
    var source = document.querySelector(button.getAttribute("data-copy"));
    if (!source) return;
    var value = source.value !== undefined ? source.value : source.textContent;
    var name = button.getAttribute("data-copy-name") || (labelOf(source) || words("copy-value", "Value"));
    var done = function () {
      var label = button.innerHTML;
      button.textContent = words("copied", "Copied");
      announce(words("copied-note", "{name} is on the clipboard", name));
      setTimeout(function () { button.innerHTML = label; }, 1500);
    };
    var fallback = function () {
      // Without the Clipboard API (plain HTTP, older browsers): select the text for Ctrl+C.
      if (source.select) { source.focus(); source.select(); }
      announce(words("copy-fallback", "{name} selected: press Control+C to copy it", name));
    };
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(value).then(done, fallback);
    else fallback();
  });

  // Confirmation for destructive forms: <form data-confirm="Delete this app?">
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) event.preventDefault();
  });

  // Upload progress: <form data-upload-progress> with a <progress> inside.
  // The form is sent with XMLHttpRequest so the bar can follow the bytes; the
  // server's answer (a redirect or the form with its errors) replaces the page.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute("data-upload-progress") || event.defaultPrevented) return;
    var hasFile = Array.prototype.some.call(form.querySelectorAll("input[type=file]"), function (input) { return input.files.length > 0; });
    if (!hasFile || !window.FormData) return;
    event.preventDefault();
    var bar = form.querySelector("progress");
    var status = form.querySelector(".upload-status");
    var submit = form.querySelector("button[type=submit]");
    if (bar) { bar.hidden = false; bar.value = 0; }
    if (submit) submit.disabled = true;
    var xhr = new XMLHttpRequest();
    xhr.open(form.method || "POST", form.action || window.location.href);
    xhr.upload.addEventListener("progress", function (e) {
      if (!e.lengthComputable) return;
      var percent = Math.round((e.loaded / e.total) * 100);
      if (bar) bar.value = percent;
      // The words come from the page (data-uploading, data-checking), in the reader's language.
      if (status) status.textContent = percent < 100
        ? (form.getAttribute("data-uploading") || "Uploading…") + " " + percent + "%"
        : (form.getAttribute("data-checking") || "Checking the documents…");
    });
    xhr.addEventListener("load", function () {
      if (xhr.responseURL && xhr.responseURL !== window.location.href) {
        window.location.assign(xhr.responseURL);
      } else {
        document.open(); document.write(xhr.responseText); document.close();
      }
    });
    xhr.addEventListener("error", function () {
      if (status) status.textContent = form.getAttribute("data-upload-failed") || "The upload failed: check your connection and send the form again.";
      if (submit) submit.disabled = false;
    });
    xhr.send(new FormData(form));
  });
  // Tab bars wider than the screen (<nav data-scroll-tabs>): show the current tab,
  // and fade the side that has more, so it is plain that the bar scrolls.
  function markTabEdges(bar) {
    var max = bar.scrollWidth - bar.clientWidth;
    bar.classList.toggle("more-left", bar.scrollLeft > 2);
    bar.classList.toggle("more-right", bar.scrollLeft < max - 2);
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-scroll-tabs]"), function (bar) {
    var current = bar.querySelector("[aria-current=page]");
    if (current) {
      var left = current.getBoundingClientRect().left - bar.getBoundingClientRect().left + bar.scrollLeft;
      var right = left + current.offsetWidth;
      if (right > bar.scrollLeft + bar.clientWidth || left < bar.scrollLeft) {
        bar.scrollLeft = Math.max(0, left - (bar.clientWidth - current.offsetWidth) / 2);
      }
    }
    markTabEdges(bar);
    bar.addEventListener("scroll", function () { markTabEdges(bar); }, { passive: true });
    window.addEventListener("resize", function () { markTabEdges(bar); });
  });
})();
