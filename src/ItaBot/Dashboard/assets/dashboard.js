// Dashboard: the organization picker shows its choice at once; report addresses select themselves for copying
// (and copy with a tap); a changed column mapping must be looked at again before it can be saved.
(function () {
  "use strict";
  document.querySelectorAll(".org-picker select").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
  document.querySelectorAll("input.copy").forEach(function (input) {
    input.addEventListener("focus", function () { input.select(); });
  });
  document.querySelectorAll("button.copy").forEach(function (button) {
    button.addEventListener("click", function () {
      var input = document.getElementById(button.dataset.for);
      if (!input) return;
      input.select();
      var done = function () { button.textContent = "คัดลอกแล้ว ✓"; };
      if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(input.value).then(done, function () { document.execCommand("copy"); done(); });
      else { document.execCommand("copy"); done(); }
    });
  });
  var mapping = document.getElementById("mapping");
  var save = document.querySelector("form.save button[type=submit]");
  if (mapping && save) {
    mapping.addEventListener("change", function () {
      save.disabled = true;
      var hint = document.querySelector("form.save .hint");
      if (hint) hint.textContent = "เปลี่ยนคอลัมน์หรือตารางแล้ว: กด \"ดูตัวอย่างอีกครั้ง\" ก่อนบันทึก";
    });
  }
})();
