// The language chooser at /: sends the visitor to the first of their browser's
// languages that the site has (data-codes, data-base on this script's tag);
// without script (or without a match) the page's links do the same job. A
// file of its own, so that pages run no inline script (Content-Security-Policy).
(function () {
  var tag = document.currentScript;
  var codes = JSON.parse(tag.getAttribute("data-codes") || "[]");
  var base = tag.getAttribute("data-base") || "/";
  var wanted = navigator.languages || [navigator.language || ""];
  for (var i = 0; i < wanted.length; i++) {
    var code = String(wanted[i]).toLowerCase().split("-")[0];
    if (codes.indexOf(code) >= 0) { location.replace(base + code + "/"); return; }
  }
})();
