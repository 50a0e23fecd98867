// Makes upvotes instant: the vote form is posted with fetch and the count updated in place. Without
// this script the same form posts and the page reloads, so nothing depends on it.
document.addEventListener("submit", async (event) => {
  const form = event.target;
  if (!form.matches("form[data-vote]")) return;
  event.preventDefault();
  const button = form.querySelector("button");
  button.disabled = true;
  try {
    const response = await fetch(form.getAttribute("action"), {
      method: "POST",
      body: new URLSearchParams(new FormData(form)),
      headers: { "Accept": "application/json", "X-CSRF-Token": form.elements.csrf.value },
      credentials: "same-origin",
    });
    if (!response.ok) { form.submit(); return; } // let the server's page explain (429, signed out, …)
    const result = await response.json();
    form.querySelector(".count").textContent = result.upvotes;
    form.elements.vote.value = result.voted ? "withdraw" : "up";
    button.setAttribute("aria-pressed", result.voted ? "true" : "false");
    button.title = result.voted ? "Take back your upvote" : "Upvote";
  } finally {
    button.disabled = false;
  }
});

// Makes "Save" and "Not interested" instant the same way: without this script the forms post and
// the page reloads with the same result.
document.addEventListener("submit", async (event) => {
  const form = event.target;
  if (!form.matches("form[data-keep]")) return;
  event.preventDefault();
  const button = form.querySelector("button");
  button.disabled = true;
  try {
    const response = await fetch(form.getAttribute("action"), {
      method: "POST",
      body: new URLSearchParams(new FormData(form)),
      headers: { "Accept": "application/json", "X-CSRF-Token": form.elements.csrf.value },
      credentials: "same-origin",
    });
    if (!response.ok) { form.submit(); return; }
    const result = await response.json();
    if ("dismissed" in result) { form.closest("li.entry")?.remove(); return; }
    form.elements.remove.value = result.saved ? "true" : "false";
    button.setAttribute("aria-pressed", result.saved ? "true" : "false");
    button.textContent = result.saved ? "Saved ✓" : "Save";
  } finally {
    button.disabled = false;
  }
});
