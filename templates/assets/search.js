// The site search on /<lang>/search/: Pagefind's interface and index, built
// over the site after the build (scripts/site.sh) into /pagefind/. The index
// of the page's language is searched (Pagefind splits it by <html lang>).
// Where no index was built, the page says so and links to the events.
(function () {
  var box = document.getElementById('search');
  if (!box) return;
  var bundle = box.getAttribute('data-bundle');
  function unavailable() {
    var note = box.querySelector('.search-unavailable');
    if (note) note.hidden = false;
  }
  var style = document.createElement('link');
  style.rel = 'stylesheet';
  style.href = bundle + 'pagefind-ui.css';
  document.head.appendChild(style);
  var script = document.createElement('script');
  script.src = bundle + 'pagefind-ui.js';
  script.onerror = unavailable;
  script.onload = function () {
    if (typeof window.PagefindUI !== 'function') return unavailable();
    new window.PagefindUI({ element: '#search', bundlePath: bundle, showSubResults: true, showImages: false, autofocus: true });
  };
  document.head.appendChild(script);
})();
