/* The paste form: a text over the article length limit is refused here, on the form, before
   the browser sends it (the server would refuse a request that large before reading it). */
"use strict";
(function () {
  function tooLong(body) {
    var max = parseInt(body.dataset.maxChars, 10);
    return max && body.value.length > max ? max : 0;
  }

  function showError(body, max) {
    var row = body.closest(".form-row");
    var list = row.querySelector("ul.errorlist.paste-length");
    if (!list) {
      list = document.createElement("ul");
      list.className = "errorlist paste-length";
      list.appendChild(document.createElement("li"));
      row.insertBefore(list, row.firstChild);
    }
    row.classList.add("errors");
    list.firstChild.textContent = "The text is " + body.value.length.toLocaleString("en") +
      " characters long; an article may have at most " + max.toLocaleString("en") +
      " (the extractor's limit). Paste it in parts, or import the file with import_articles.";
  }

  document.addEventListener("DOMContentLoaded", function () {
    var body = document.getElementById("id_body");
    if (!body || !body.form) { return; }
    body.form.addEventListener("submit", function (event) {
      var max = tooLong(body);
      if (max) {
        event.preventDefault();
        showError(body, max);
      }
    });
  });
})();
