// Behaviour without inline handlers (Content-Security-Policy: no inline script):
// a <select data-autosubmit> sends its form when the choice changes.
document.addEventListener("change", function (event) {
  var target = event.target;
  if (target instanceof HTMLSelectElement && target.hasAttribute("data-autosubmit") && target.form) {
    target.form.submit();
  }
});

// Stacked table rows on phones (site.css): each cell is labelled by its column
// header, copied here into data-label (CSS shows it before the cell's text).
function labelTableCells(root) {
  root.querySelectorAll("main table.table").forEach(function (table) {
    var heads = table.querySelectorAll("thead th");
    if (!heads.length) return;
    var labels = Array.prototype.map.call(heads, function (th) { return th.textContent.trim(); });
    table.querySelectorAll("tbody > tr").forEach(function (row) {
      var column = 0;
      Array.prototype.forEach.call(row.children, function (cell) {
        var label = labels[column];
        if (label && !cell.hasAttribute("data-label") && !cell.hasAttribute("colspan")) {
          cell.setAttribute("data-label", label);
        }
        column += cell.colSpan || 1;
      });
    });
  });
}
document.addEventListener("DOMContentLoaded", function () { labelTableCells(document); });
document.addEventListener("htmx:afterSettle", function () { labelTableCells(document); });

// A busy state on buttons that start work (issuing a PDF, an annual report, an
// import …): after a POST form is sent, its submit buttons are disabled (no
// second submission) and the one pressed shows a spinner and "working…" (the
// label is on <body data-busy-label>, translated by the server). A form with
// data-no-busy is left alone; a link with data-busy (a download) shows the
// state for a few seconds. Restored when the page is shown again from the
// back-forward cache (pageshow).
(function () {
  function label() { return document.body.getAttribute("data-busy-label") || "…"; }
  function busy(button) {
    if (button.hasAttribute("data-busy-original")) return;
    button.setAttribute("data-busy-original", button.innerHTML);
    button.setAttribute("aria-busy", "true");
    button.classList.add("is-busy");
    var spinner = document.createElement("span");
    spinner.className = "spinner-border spinner-border-sm me-1";
    spinner.setAttribute("aria-hidden", "true");
    button.textContent = " " + label();
    button.insertBefore(spinner, button.firstChild);
  }
  function restore(root) {
    root.querySelectorAll("[data-busy-original]").forEach(function (button) {
      button.innerHTML = button.getAttribute("data-busy-original");
      button.removeAttribute("data-busy-original");
      button.removeAttribute("aria-busy");
      button.classList.remove("is-busy", "disabled");
      if (button.hasAttribute("data-busy-disabled")) {
        button.disabled = false;
        button.removeAttribute("data-busy-disabled");
      }
    });
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || !(form instanceof HTMLFormElement)) return;
    if ((form.method || "").toLowerCase() !== "post" || form.hasAttribute("data-no-busy")) return;
    var pressed = event.submitter || form.querySelector("[type=submit]");
    // after the browser has read the form (a disabled button would not be sent)
    window.setTimeout(function () {
      form.querySelectorAll("button[type=submit], input[type=submit]").forEach(function (b) {
        if (!b.disabled) { b.disabled = true; b.setAttribute("data-busy-disabled", ""); }
        if (!b.hasAttribute("data-busy-original")) b.setAttribute("data-busy-original", b.innerHTML);
      });
      if (pressed && pressed.tagName === "BUTTON") {
        pressed.removeAttribute("data-busy-original");
        busy(pressed);
      }
    }, 0);
  });
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest("a[data-busy]") : null;
    if (!link || link.hasAttribute("data-busy-original")) return;
    busy(link);
    link.classList.add("disabled");
    window.setTimeout(function () { restore(link.parentNode || document); }, 6000);
  });
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) restore(document);
  });
})();
