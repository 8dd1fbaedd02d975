// Small progressive enhancements; every page works without them.
(function () {
  "use strict";

  // Copy buttons: <button data-copy="#input-id">Copy</button>
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) return;
    var source = document.querySelector(button.getAttribute("data-copy"));
    if (!source) return;
    var value = source.value !== undefined ? source.value : source.textContent;
    navigator.clipboard.writeText(value).then(function () {
      var label = button.textContent;
      button.textContent = "Copied";
      setTimeout(function () { button.textContent = label; }, 1500);
    });
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
      if (status) status.textContent = percent < 100 ? "Uploading… " + percent + "%" : "Checking the documents…";
    });
    xhr.addEventListener("load", function () {
      if (xhr.responseURL && xhr.responseURL !== window.location.href) {
        window.location.assign(xhr.responseURL);
      } else {
        document.open(); document.write(xhr.responseText); document.close();
      }
    });
    xhr.addEventListener("error", function () {
      if (status) status.textContent = "The upload failed: check your connection and send the form again.";
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
