// bilat event page: confirm, reject or correct the event through POST /api/events/{id}/verdict.
"use strict";

(function setUpVerify() {
  const section = document.getElementById("verify");
  if (!section) {
    return;
  }
  const eventId = section.dataset.event;
  const message = document.getElementById("verify-message");
  const state = document.getElementById("verdict-state");

  async function send(body) {
    const token = bilatToken();
    if (!token) {
      message.textContent = "Type the server's token in the Token box first.";
      return;
    }
    message.textContent = "Saving…";
    const response = await fetch("/api/events/" + encodeURIComponent(eventId) + "/verdict", {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: "Bearer " + token },
      body: JSON.stringify(body),
    });
    const data = await response.json();
    if (!response.ok) {
      message.textContent = "Not saved: " + data.error;
      return;
    }
    const verdict = data.verdict || {};
    state.textContent = verdict.verdict || body.verdict;
    message.textContent = "Saved: " + (verdict.verdict || body.verdict) + ".";
  }

  for (const button of section.querySelectorAll("button[data-verdict]")) {
    button.addEventListener("click", () => send({ verdict: button.dataset.verdict }));
  }
  const form = document.getElementById("correct-form");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const body = { verdict: "correct" };
    for (const name of ["cameo", "source", "target", "note"]) {
      const value = form.elements[name].value.trim();
      if (value) {
        body[name] = value;
      }
    }
    send(body);
  });
})();
