// While the job worker is still reading a listing, its matches come from words and facts only. Ask for the
// page again every few seconds and swap in the matches once they use meaning too (no reload: nothing the
// person is typing elsewhere on the page is lost). Stops after a few minutes.
(function () {
  "use strict";
  var EVERY_MS = 4000;
  var TRIES = 45;
  var tries = 0;

  function check() {
    var current = document.getElementById("matches");
    if (!current || !current.hasAttribute("data-waiting") || tries++ >= TRIES) {
      return;
    }
    fetch(window.location.href, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("matches");
        if (fresh && !fresh.hasAttribute("data-waiting")) {
          current.replaceWith(document.importNode(fresh, true));
        } else {
          window.setTimeout(check, EVERY_MS);
        }
      })
      .catch(function () { window.setTimeout(check, EVERY_MS); });
  }

  window.setTimeout(check, EVERY_MS);
})();
