// bilat dashboard: keeps the write token for this browser tab only (sessionStorage).
"use strict";

const TOKEN_KEY = "bilat-token";

function bilatToken() {
  return window.sessionStorage.getItem(TOKEN_KEY) || "";
}

(function setUpTokenForm() {
  const form = document.getElementById("token-form");
  if (!form) {
    return;
  }
  const input = document.getElementById("token-input");
  const state = document.getElementById("token-state");
  const show = () => {
    state.textContent = bilatToken() ? "token kept for this tab" : "no token yet";
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    window.sessionStorage.setItem(TOKEN_KEY, input.value.trim());
    input.value = "";
    show();
  });
  show();
})();

// Say what is writing to the store (an ingest, the feed watch), as render.activity_text does.
function activityText(activity) {
  const parts = (activity.writers || []).map(
    (w) => `${w.client}, ${w.documents_added} documents and ${w.events_added} events added so far`
  );
  let text = parts.length ? `Ingest running: ${parts.join("; ")}; reload to see them.` : "";
  if (activity.watching) {
    const watching = activity.watching;
    text = `${text} ${watching.charAt(0).toUpperCase()}${watching.slice(1)}.`.trim();
  }
  return text;
}

(function followActivity() {
  const line = document.getElementById("activity");
  if (!line) {
    return;
  }
  const refresh = () => {
    fetch("/api/activity")
      .then((response) => (response.ok ? response.json() : null))
      .then((activity) => {
        if (!activity) {
          return;
        }
        const text = activityText(activity);
        line.textContent = text;
        line.hidden = !text;
      })
      .catch(() => {});
  };
  window.setInterval(refresh, 3000);
})();
