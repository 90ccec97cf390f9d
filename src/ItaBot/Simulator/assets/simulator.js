// LINE simulator page: applies Flex styles (kept in data-style so the page needs no inline styles), sends forms
// without reloading, and polls for what the bot answers. Without this script every form still works by reloading.
(function () {
  "use strict";

  function applyStyles(root) {
    root.querySelectorAll("[data-style]").forEach(function (el) {
      el.dataset.style.split(";").forEach(function (declaration) {
        var colon = declaration.indexOf(":");
        if (colon > 0) el.style.setProperty(declaration.slice(0, colon).trim(), declaration.slice(colon + 1).trim());
      });
      el.removeAttribute("data-style");
    });
  }

  var chat = document.getElementById("chat");
  applyStyles(document);
  if (!chat) return;

  var messages = document.getElementById("messages");
  var quick = document.getElementById("quick");
  var clock = document.getElementById("clock");
  var last = Number(chat.dataset.last || "0");
  var polling = false;

  function scrollDown() { messages.scrollTop = messages.scrollHeight; }
  scrollDown();

  function poll() {
    if (polling) return Promise.resolve();
    polling = true;
    var url = "/simulator/messages?chat=" + encodeURIComponent(chat.dataset.chat) + "&as=" + encodeURIComponent(chat.dataset.as) + "&after=" + last;
    return fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) return;
        if (data.last > last) {
          var holder = document.createElement("div");
          holder.innerHTML = data.html;
          applyStyles(holder);
          while (holder.firstChild) messages.appendChild(holder.firstChild);
          last = data.last;
          quick.innerHTML = data.quick;
          applyStyles(quick);
          scrollDown();
        }
        if (clock && data.clock) clock.textContent = "🕒 " + data.clock;
      })
      .catch(function () { })
      .finally(function () { polling = false; });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.action) return;
    event.preventDefault();
    var data = new FormData(form);
    if (event.submitter && event.submitter.name) data.append(event.submitter.name, event.submitter.value);
    var buttons = form.querySelectorAll("button");
    buttons.forEach(function (b) { b.disabled = true; });
    fetch(form.action, { method: "POST", body: data, headers: { "X-Requested-With": "fetch" }, credentials: "same-origin" })
      .then(function (r) {
        if (!r.ok) return r.text().then(function (t) { alert(t || ("HTTP " + r.status)); });
        if (form.id === "say") form.reset();
        if (form.classList.contains("send-file")) form.reset();
        if (form.classList.contains("action-form") && form.closest("#quick")) quick.innerHTML = "";
      })
      .finally(function () {
        buttons.forEach(function (b) { b.disabled = false; });
        poll();
        var text = document.getElementById("text");
        if (form.id === "say" && text) text.focus();
      });
  });

  setInterval(poll, 1000);
})();
