// Sign-in with ЭЦП: NCALayer signs the page's one-time nonce with an
// authentication key (window.ecpSignWith, ecp-sign.js); the form posts the
// CMS and the server verifies it.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    if (!window.ecpSignWith) {
      return;
    }
    window.ecpSignWith(
      { button: "ecp-login", status: "ecp-login-status", field: "ecp-login-cms", form: "ecp-login-form" },
      function (button) { return button.dataset.nonce; },
      function (Client) { return Client.basicsCMSParamsDetachedNoTSP; },
      function (Client) { return Client.basicsSignerAuthAny; }
    );
  });
})();
