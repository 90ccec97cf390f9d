// Dashboard: the organization picker shows its choice at once; report addresses select themselves for copying.
(function () {
  "use strict";
  document.querySelectorAll(".org-picker select").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
  document.querySelectorAll("input.copy").forEach(function (input) {
    input.addEventListener("focus", function () { input.select(); });
  });
})();
