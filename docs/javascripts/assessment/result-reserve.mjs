// @ts-check
// A level page opened with a result link (#result=…) will show the result at the top, under the
// title, once the scorer has worked it out: seconds after the page is drawn. Its place is kept
// from the first frame (assessment.css, html.ex-result-link), so the page's text does not jump
// down when the result arrives (a layout shift of 0.3 on a wide screen and 0.5-0.7 on a phone).
// A classic script, not a module, in <head> of the level pages only: it must run before the
// page is first drawn. It declares nothing; assessment.mjs keeps the mark right as instant
// navigation moves from page to page.

if (window.location.hash.startsWith("#result=")) {
  document.documentElement.classList.add("ex-result-link");
}
