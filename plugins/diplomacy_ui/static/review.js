// Review actions of the event and article pages: they call the plugin's JSON API with fetch()
// (same origin: the api-server's _token cookie goes along) and reload the page on success.
"use strict";
(function () {
  const base = document.body.dataset.base || "";
  const message = document.getElementById("review-message");

  function show(text, ok) {
    if (!message) return;
    message.textContent = text;
    message.className = ok ? "ok" : "error";
  }

  async function send(method, url, body) {
    const init = { method, headers: { Accept: "application/json" }, credentials: "same-origin" };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const res = await fetch(base + url, init);
    let data = null;
    try { data = await res.json(); } catch (e) { data = null; }
    if (!res.ok) {
      let detail = data && data.detail !== undefined ? data.detail : res.statusText;
      if (typeof detail !== "string") detail = JSON.stringify(detail);
      throw new Error(res.status + ": " + detail);
    }
    return data;
  }

  function officials(text) {
    return text.split(";").map((s) => s.trim()).filter(Boolean).map((s) => {
      const m = s.match(/^(.*?)\s*\(([^)]*)\)\s*$/);
      return m ? { name: m[1].trim(), title: m[2].trim() || null } : { name: s, title: null };
    });
  }

  // The form's fields as an event dict; `changedOnly` keeps those that differ from data-initial.
  function values(form, changedOnly) {
    const out = {};
    for (const el of form.querySelectorAll("[name]")) {
      let value;
      let initial = el.dataset.initial || "";
      if (el.multiple) {
        const picked = Array.from(el.selectedOptions).map((o) => o.value);
        if (changedOnly && picked.join(",") === initial) continue;
        value = picked;
      } else if (el.classList.contains("officials")) {
        if (changedOnly && el.value.trim() === initial.trim()) continue;
        value = officials(el.value);
      } else {
        if (changedOnly && el.value === initial) continue;
        value = el.value === "" ? null : el.value;
        if (!changedOnly && value === null) continue;
      }
      out[el.name] = value;
    }
    return out;
  }

  function guard(fn) {
    return async (ev) => {
      if (ev) ev.preventDefault();
      try { await fn(); } catch (err) { show(err.message, false); }
    };
  }

  const review = document.getElementById("review");
  if (review) {
    const id = encodeURIComponent(review.dataset.eventId);
    const confirmBtn = document.getElementById("confirm");
    const rejectBtn = document.getElementById("reject");
    const edit = document.getElementById("edit");
    confirmBtn && confirmBtn.addEventListener("click", guard(async () => {
      await send("POST", "/api/events/" + id + "/confirm");
      show("Confirmed.", true);
      window.location.reload();
    }));
    rejectBtn && rejectBtn.addEventListener("click", guard(async () => {
      const note = document.getElementById("reject-note").value || null;
      await send("POST", "/api/events/" + id + "/reject", { note });
      show("Rejected: the event left the events table.", true);
      window.location.href = base + "/events";
    }));
    edit && edit.addEventListener("submit", guard(async () => {
      const changes = values(edit, true);
      if (Object.keys(changes).length === 0) { show("Nothing changed.", false); return; }
      await send("PATCH", "/api/events/" + id, changes);
      show("Saved.", true);
      window.location.reload();
    }));
  }

  const add = document.getElementById("add-event");
  const section = document.getElementById("add");
  if (add && section) {
    const article = encodeURIComponent(section.dataset.articleId);
    add.addEventListener("submit", guard(async () => {
      const event = await send("POST", "/api/articles/" + article + "/events", values(add, false));
      window.location.href = base + "/events/" + encodeURIComponent(event.event_id);
    }));
  }
})();
