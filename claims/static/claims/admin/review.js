// The review queue from the keyboard: j/k (or the arrow keys) move between quote rows,
// c confirms and r rejects the focused one. The row's buttons post to the admin's confirm /
// reject URLs (the CSRF token is the changelist form's), and the row shows the new status.
"use strict";
(function () {
  function rows() {
    return Array.from(document.querySelectorAll("#result_list tbody tr"));
  }

  function csrfToken() {
    const field = document.querySelector("#changelist-form [name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  let current = -1;

  function focusRow(index) {
    const all = rows();
    if (!all.length) return;
    current = Math.max(0, Math.min(index, all.length - 1));
    all.forEach(function (row, i) { row.classList.toggle("kb-focus", i === current); });
    all[current].scrollIntoView({ block: "nearest" });
  }

  function review(row, action) {
    const button = row.querySelector(".quote-review button[data-action=" + action + "]");
    if (!button || button.disabled) return Promise.resolve(false);
    button.disabled = true;
    return fetch(button.dataset.url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(), "Accept": "application/json" },
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) throw new Error(data.error || response.statusText);
        const cell = row.querySelector(".field-status");
        if (cell) cell.innerHTML = data.status_html;
        row.dataset.reviewStatus = data.review_status;
        return true;
      });
    }).catch(function (error) {
      window.alert("Could not " + action + " the quote: " + error.message);
      return false;
    }).finally(function () { button.disabled = false; });
  }

  function typing(target) {
    return target.closest("input, textarea, select, [contenteditable]") !== null;
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    if (!document.getElementById("result_list")) return;
    const key = event.key;
    if (key === "j" || key === "ArrowDown") {
      focusRow(current + 1);
    } else if (key === "k" || key === "ArrowUp") {
      focusRow(current - 1);
    } else if ((key === "c" || key === "r") && current >= 0) {
      const row = rows()[current];
      review(row, key === "c" ? "confirm" : "reject").then(function (done) {
        // The next quote is the one to look at after a decision.
        if (done) focusRow(current + 1);
      });
    } else {
      return;
    }
    event.preventDefault();
  });

  document.addEventListener("click", function (event) {
    const button = event.target.closest("#result_list .quote-review button[data-action]");
    if (!button) return;
    event.preventDefault();
    const row = button.closest("tr");
    focusRow(rows().indexOf(row));
    review(row, button.dataset.action);
  });
})();
