// The article page: clicking (or pressing Enter on) a highlighted quote shows its speaker,
// kind, review status and claim in a small box beside it.
"use strict";
(function () {
  function setup() {
    const body = document.getElementById("article-body");
    const box = document.getElementById("quote-details");
    if (!body || !box) return;

    function field(name) { return box.querySelector("[data-field=" + name + "]"); }

    function show(span) {
      const data = span.dataset;
      field("speaker").textContent = data.speaker;
      field("kind").textContent = data.kind;
      field("status").textContent = data.status;
      const claim = field("claim");
      claim.textContent = "";
      if (data.claimUrl) {
        const link = document.createElement("a");
        link.href = data.claimUrl;
        link.textContent = data.claimText || "the claim";
        claim.appendChild(link);
      } else {
        claim.textContent = "none yet";
      }
      field("quote-url").href = data.quoteUrl;
      body.querySelectorAll(".quote-hl.active").forEach(function (el) {
        el.classList.remove("active");
      });
      span.classList.add("active");
      const rect = span.getBoundingClientRect();
      box.hidden = false;
      box.style.top = (window.scrollY + rect.bottom + 6) + "px";
      box.style.left = Math.max(8, Math.min(window.scrollX + rect.left,
        window.scrollX + document.documentElement.clientWidth - box.offsetWidth - 8)) + "px";
    }

    body.addEventListener("click", function (event) {
      const span = event.target.closest(".quote-hl");
      if (span) show(span);
    });
    body.addEventListener("keydown", function (event) {
      const span = event.target.closest(".quote-hl");
      if (span && event.key === "Enter") show(span);
    });
    box.querySelector(".quote-details-close").addEventListener("click", function () {
      box.hidden = true;
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") box.hidden = true;
    });
    // Arriving from a claim page (#quote-<pk>), show that quote straight away.
    const target = location.hash && document.getElementById(location.hash.slice(1));
    if (target && target.classList.contains("quote-hl")) show(target);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
