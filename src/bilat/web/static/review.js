// bilat review page: judge the queue one event at a time with the keyboard.
// c confirm, r reject, e (or x) correct, s skip, u undo. Verdicts go through
// POST /api/events/{id}/verdict and an undo through DELETE on the same address.
"use strict";

(function setUpReview() {
  const root = document.getElementById("review");
  if (!root) {
    return;
  }
  const items = JSON.parse(root.dataset.items || "[]");
  const writes = root.dataset.writes === "on";
  const progress = document.getElementById("review-progress");
  const card = document.getElementById("review-card");
  const reasons = document.getElementById("review-reasons");
  const sentence = document.getElementById("review-sentence");
  const coding = document.getElementById("review-coding");
  const link = document.getElementById("review-link");
  const form = document.getElementById("review-correct");
  const message = document.getElementById("review-message");
  const steps = [];
  let position = 0;
  // Keys pressed while a verdict is being saved wait their turn instead of being lost.
  let pending = Promise.resolve();

  function count(action) {
    return steps.filter((step) => step.action === action).length;
  }

  function marked(text, highlights) {
    const fragment = document.createDocumentFragment();
    let at = 0;
    for (const span of highlights) {
      if (span.start > at) {
        fragment.append(text.slice(at, span.start));
      }
      const mark = document.createElement("mark");
      mark.className = span.role;
      mark.title = span.label;
      mark.textContent = text.slice(span.start, span.end);
      fragment.append(mark);
      at = span.end;
    }
    fragment.append(text.slice(at));
    return fragment;
  }

  function show() {
    const done = `${count("confirm")} confirmed, ${count("reject")} rejected, ` +
      `${count("correct")} corrected, ${count("skip")} skipped`;
    form.hidden = true;
    if (position >= items.length) {
      card.hidden = true;
      progress.textContent = `Queue done: ${steps.length} of ${items.length} reviewed (${done}).`;
      return;
    }
    const item = items[position];
    const event = item.event;
    card.hidden = false;
    card.dataset.event = event.id;
    progress.textContent = `Event ${position + 1} of ${items.length} · ${done}.`;
    reasons.textContent = `score ${item.score.toFixed(2)} · ` +
      (item.reasons.length ? item.reasons.join(" · ") : "routine check");
    sentence.replaceChildren(marked(event.sentence, item.highlights));
    const target = event.target ? event.target.code : "–";
    coding.textContent = `${event.source.code} ${event.cameo} ${event.cameo_name} → ${target}` +
      ` · ${event.date || "undated"} · rule ${event.rule}` +
      ` · confidence ${event.confidence.toFixed(2)}`;
    link.href = "/events/" + encodeURIComponent(event.id);
  }

  async function call(method, eventId, body) {
    const token = bilatToken();
    if (!token) {
      message.textContent = "Type the server's token in the Token box first.";
      return null;
    }
    const response = await fetch("/api/events/" + encodeURIComponent(eventId) + "/verdict", {
      method: method,
      headers: { "Content-Type": "application/json", Authorization: "Bearer " + token },
      body: body ? JSON.stringify(body) : undefined,
    });
    const data = await response.json();
    if (!response.ok) {
      message.textContent = "Not saved: " + data.error;
      return null;
    }
    return data;
  }

  async function judge(body) {
    const item = items[position];
    if (!item) {
      return;
    }
    const data = await call("POST", item.event.id, body);
    if (data) {
      steps.push({ index: position, action: body.verdict });
      message.textContent = `Saved: ${body.verdict} ${item.event.id}.`;
      position += 1;
      show();
    }
  }

  async function undo() {
    const step = steps[steps.length - 1];
    if (!step) {
      message.textContent = "Nothing to undo.";
      return;
    }
    if (step.action !== "skip" && !(await call("DELETE", items[step.index].event.id))) {
      return;
    }
    steps.pop();
    position = step.index;
    message.textContent = `Undone: ${step.action} ${items[step.index].event.id}.`;
    show();
  }

  function skip() {
    if (position < items.length) {
      steps.push({ index: position, action: "skip" });
      message.textContent = `Skipped ${items[position].event.id}.`;
      position += 1;
      show();
    }
  }

  function openCorrection() {
    const item = items[position];
    if (!item) {
      return;
    }
    const event = item.event;
    form.elements.cameo.placeholder = event.cameo;
    form.elements.source.placeholder = event.source.code;
    form.elements.target.placeholder = event.target ? event.target.code : "";
    for (const name of ["cameo", "source", "target"]) {
      form.elements[name].value = "";
    }
    form.hidden = false;
    form.elements.cameo.focus();
  }

  form.addEventListener("submit", (submitted) => {
    submitted.preventDefault();
    const body = { verdict: "correct" };
    for (const name of ["cameo", "source", "target"]) {
      const value = form.elements[name].value.trim();
      if (value) {
        body[name] = value;
      }
    }
    if (Object.keys(body).length === 1) {
      message.textContent = "Nothing corrected: type a code or an actor, or press Esc.";
      return;
    }
    document.activeElement.blur();
    pending = pending.then(() => judge(body));
  });

  form.addEventListener("keydown", (pressed) => {
    if (pressed.key === "Escape") {
      form.hidden = true;
      document.activeElement.blur();
    }
  });

  const actions = {
    c: () => judge({ verdict: "confirm" }),
    r: () => judge({ verdict: "reject" }),
    s: () => skip(),
    u: () => undo(),
  };

  document.addEventListener("keydown", (pressed) => {
    const typing = pressed.target.closest && pressed.target.closest("input, textarea, select");
    if (typing || pressed.ctrlKey || pressed.metaKey || pressed.altKey || !writes) {
      return;
    }
    const key = pressed.key.toLowerCase();
    if (key === "e" || key === "x") {
      pressed.preventDefault();
      pending = pending.then(() => openCorrection());
    } else if (actions[key]) {
      pressed.preventDefault();
      pending = pending.then(actions[key]);
    }
  });

  show();
})();
