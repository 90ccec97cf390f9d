namespace ItaBot.Forms;

/// <summary>
/// The form's only script, served from <c>/f/form.js</c> (the page's policy allows no inline script). Everything
/// it does is extra: the form posts the same without it.
/// </summary>
static class FormScript
{
    public const string Source = """
        "use strict";
        (function () {
          var form = document.querySelector("form");
          var liffId = document.body.getAttribute("data-liff-id");
          if (liffId && window.liff) {
            // Inside LINE: the SDK forwards /f?liff.state=… to the form, then hands over the opener's ID token.
            liff.init({ liffId: liffId }).then(function () {
              var field = form && form.querySelector("input[name=line_id_token]");
              if (field && liff.isLoggedIn()) field.value = liff.getIDToken() || "";
            }).catch(function () { /* the signed link alone still works */ });
          }
          if (!form || !window.fetch || !window.FormData) return;
          var limit = 10 * 1024 * 1024, most = 10;
          form.addEventListener("submit", function (event) {
            var button = event.submitter;
            var files = form.querySelector("input[type=file]").files;
            if (button && button.value === "send") {
              if (files.length > most) { event.preventDefault(); alert("แนบไฟล์ได้ไม่เกิน " + most + " ไฟล์ต่อหนึ่งรายงาน"); return; }
              for (var i = 0; i < files.length; i++) {
                if (files[i].size > limit) { event.preventDefault(); alert("ไฟล์ \"" + files[i].name + "\" ใหญ่เกิน 10 MB กรุณาย่อขนาดแล้วแนบใหม่"); return; }
              }
              button.disabled = true;
              button.textContent = "กำลังส่ง…";
              var hidden = document.createElement("input");
              hidden.type = "hidden"; hidden.name = "action"; hidden.value = "send";
              form.appendChild(hidden);
              return;
            }
            if (!button || button.value !== "preview") return;
            // Preview without reloading, so the chosen files stay chosen.
            event.preventDefault();
            var data = new FormData(form);
            data.delete("files");
            data.set("action", "preview");
            fetch(window.location.href, { method: "POST", body: data, headers: { "X-Preview": "1" }, credentials: "same-origin" })
              .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
              .then(function (html) { var box = document.getElementById("preview"); box.innerHTML = html; box.scrollIntoView({ behavior: "smooth" }); })
              .catch(function () { form.submit(); });
          });
        })();
        """;
}
