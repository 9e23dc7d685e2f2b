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
