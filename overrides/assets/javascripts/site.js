// Open an interview question when a link targets it (the question bank links to answers).
function openTargetedQuestion() {
  const id = decodeURIComponent(location.hash.slice(1));
  const target = id && document.getElementById(id);
  if (target && target.tagName === "DETAILS") {
    target.open = true;
    target.scrollIntoView();
  }
}
window.addEventListener("hashchange", openTargetedQuestion);
openTargetedQuestion();
