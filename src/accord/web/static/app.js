// Draw every figure htmx brings in (its Plotly spec is a JSON script inside it), show each
// slider's value as it moves, and jump to a located problem's line in the editor.
function accordDraw(root) {
  var found = Array.from(root.querySelectorAll("[data-figure]"));
  if (root.matches && root.matches("[data-figure]")) found.push(root);
  found.forEach(function (el) {
    if (el.dataset.drawn) return;
    var spec = JSON.parse(el.querySelector("script").textContent);
    el.dataset.drawn = "1";
    Plotly.newPlot(el, spec.data, spec.layout, {responsive: true, displaylogo: false});
  });
}
document.addEventListener("htmx:load", function (e) { accordDraw(e.detail.elt); });
document.addEventListener("input", function (e) {
  var el = e.target;
  if (el.type !== "range") return;
  var out = el.nextElementSibling;
  if (!out) return;
  out.textContent = el.dataset.labels ? el.dataset.labels.split("|")[+el.value] : (+el.value).toFixed(3);
});
document.addEventListener("click", function (e) {
  var link = e.target.closest(".goto");
  if (!link) return;
  e.preventDefault();
  var line = +link.parentElement.dataset.line, ta = document.getElementById("yaml");
  if (!ta) return;
  var lines = ta.value.split("\n"), start = 0;
  for (var i = 0; i < line - 1 && i < lines.length; i++) start += lines[i].length + 1;
  ta.focus();
  ta.setSelectionRange(start, start + (lines[line - 1] || "").length);
  ta.scrollTop = Math.max(0, (line - 5) * parseFloat(getComputedStyle(ta).lineHeight || 16));
});
