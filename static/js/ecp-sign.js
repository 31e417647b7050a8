// ЭЦП: NCALayer signs the document's SHA-256 (a detached CMS over the hash,
// no time-stamp); the form posts the CMS, the server verifies it.
(function () {
  "use strict";
  function hexToBase64(hex) {
    var bytes = "";
    for (var i = 0; i < hex.length; i += 2) {
      bytes += String.fromCharCode(parseInt(hex.substr(i, 2), 16));
    }
    return window.btoa(bytes);
  }
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("ecp-sign");
    if (!button || !window.NCALayerClient) {
      return;
    }
    var status = document.getElementById("ecp-status");
    button.addEventListener("click", async function () {
      var Client = window.NCALayerClient;
      var client = new Client("wss://127.0.0.1:13579", false);
      button.disabled = true;
      try {
        await client.connect();
        var cms = await client.basicsSignCMS(
          Client.basicsStorageAll,
          hexToBase64(button.dataset.sha256),
          { decode: true, encapsulate: false, digested: true },
          Client.basicsSignerSignAny,
          document.documentElement.lang === "ru" ? "ru" : "kk"
        );
        document.getElementById("ecp-cms").value = cms;
        document.getElementById("ecp-form").submit();
      } catch (error) {
        status.textContent = button.dataset.failed + " " + (error && error.message ? error.message : "");
        button.disabled = false;
      }
    });
  });
})();
