// ЭЦП through NCALayer: `window.ecpSignWith` wires a button so that NCALayer
// signs a payload (a detached CMS, no time-stamp) and its form posts the CMS
// for the server to verify. Here: the document's SHA-256 (document_ecp.html);
// ecp-login.js uses it for the sign-in nonce.
(function () {
  "use strict";
  function hexToBase64(hex) {
    var bytes = "";
    for (var i = 0; i < hex.length; i += 2) {
      bytes += String.fromCharCode(parseInt(hex.substr(i, 2), 16));
    }
    return window.btoa(bytes);
  }
  // ids: {button, status, field, form}; the other three take the button or
  // NCALayer's client class and return what basicsSignCMS is given
  window.ecpSignWith = function (ids, payload, params, signer) {
    var button = document.getElementById(ids.button);
    if (!button || !window.NCALayerClient) {
      return;
    }
    var status = document.getElementById(ids.status);
    button.addEventListener("click", async function () {
      var Client = window.NCALayerClient;
      var client = new Client("wss://127.0.0.1:13579", false);
      button.disabled = true;
      try {
        await client.connect();
        var cms = await client.basicsSignCMS(
          Client.basicsStorageAll,
          payload(button),
          params(Client),
          signer(Client),
          document.documentElement.lang === "ru" ? "ru" : "kk"
        );
        document.getElementById(ids.field).value = cms;
        document.getElementById(ids.form).submit();
      } catch (error) {
        status.textContent = button.dataset.failed + " " + (error && error.message ? error.message : "");
        button.disabled = false;
      }
    });
  };
  document.addEventListener("DOMContentLoaded", function () {
    window.ecpSignWith(
      { button: "ecp-sign", status: "ecp-status", field: "ecp-cms", form: "ecp-form" },
      function (button) { return hexToBase64(button.dataset.sha256); },
      function () { return { decode: true, encapsulate: false, digested: true }; },
      function (Client) { return Client.basicsSignerSignAny; }
    );
  });
})();
