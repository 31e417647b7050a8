// Behaviour without inline handlers (Content-Security-Policy: no inline script):
// a <select data-autosubmit> sends its form when the choice changes.
document.addEventListener("change", function (event) {
  var target = event.target;
  if (target instanceof HTMLSelectElement && target.hasAttribute("data-autosubmit") && target.form) {
    target.form.submit();
  }
});
