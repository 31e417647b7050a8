// Sign-in with ЭЦП: NCALayer signs the page's one-time nonce (a detached CMS
// over the nonce, no time-stamp, an authentication key); the form posts the
// CMS and the server verifies it.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("ecp-login");
    if (!button || !window.NCALayerClient) {
      return;
    }
    var status = document.getElementById("ecp-login-status");
    button.addEventListener("click", async function () {
      var Client = window.NCALayerClient;
      var client = new Client("wss://127.0.0.1:13579", false);
      button.disabled = true;
      try {
        await client.connect();
        var cms = await client.basicsSignCMS(
          Client.basicsStorageAll,
          button.dataset.nonce,
          Client.basicsCMSParamsDetachedNoTSP,
          Client.basicsSignerAuthAny,
          document.documentElement.lang === "ru" ? "ru" : "kk"
        );
        document.getElementById("ecp-login-cms").value = cms;
        document.getElementById("ecp-login-form").submit();
      } catch (error) {
        status.textContent = button.dataset.failed + " " + (error && error.message ? error.message : "");
        button.disabled = false;
      }
    });
  });
})();
