// Makes upvotes, "Save" and "Not interested" instant: the form is posted with fetch and the page
// updated in place. Without this script the same forms post and the page reloads, so nothing
// depends on it.
async function postInPlace(form) {
  const button = form.querySelector("button");
  button.disabled = true;
  try {
    const response = await fetch(form.getAttribute("action"), {
      method: "POST",
      body: new URLSearchParams(new FormData(form)),
      headers: { "Accept": "application/json", "X-CSRF-Token": form.elements.csrf.value },
      credentials: "same-origin",
    });
    if (!response.ok) { form.submit(); return null; } // let the server's page explain (429, signed out, …)
    return await response.json();
  } finally {
    button.disabled = false;
  }
}

document.addEventListener("submit", async (event) => {
  const form = event.target;
  if (form.matches("form[data-vote]")) {
    event.preventDefault();
    const result = await postInPlace(form);
    if (!result) return;
    const button = form.querySelector("button");
    form.querySelector(".count").textContent = result.upvotes;
    form.elements.vote.value = result.voted ? "withdraw" : "up";
    button.setAttribute("aria-pressed", result.voted ? "true" : "false");
    button.title = result.voted ? "Take back your upvote" : "Upvote";
  } else if (form.matches("form[data-keep]")) {
    event.preventDefault();
    const result = await postInPlace(form);
    if (!result) return;
    if ("dismissed" in result) { form.closest("li.entry")?.remove(); return; }
    const button = form.querySelector("button");
    form.elements.remove.value = result.saved ? "true" : "false";
    button.setAttribute("aria-pressed", result.saved ? "true" : "false");
    button.textContent = result.saved ? "Saved ✓" : "Save";
  }
});
