// @ts-check
// The templates' text fields in browsers without CSS `field-sizing` (Firefox, for one): extra.css
// asks every text field to grow with what is typed, so that nothing typed is hidden on screen
// or cut off on paper. Where the browser cannot do that, this module does it. On screen it sizes
// each field to its text as it is typed (through the CSSOM: the site's Content Security Policy
// allows no style attributes, but scripts may set styles). Paper is a different width, so just
// before printing each filled field's text is copied into a block that wraps at the paper's
// width and prints in the field's place (extra.css), and the copies go again after printing.
// pages.mjs loads this module only where it is needed.

const FIELDS = ".ex-template textarea";
const COPY = "ex-field__print";
const COPIED = "ex-field--copied";

/**
 * Size a text field to its text.
 *
 * @param {HTMLTextAreaElement} field
 */
function fit(field) {
  field.style.height = "auto";
  const borders = field.offsetHeight - field.clientHeight;
  field.style.height = `${field.scrollHeight + borders}px`;
}

/** @returns {HTMLTextAreaElement[]} */
const fields = () =>
  [...document.querySelectorAll(FIELDS)].filter((field) => field instanceof HTMLTextAreaElement);

/** Size every text field of the page to its text (a page reached, or restored by the browser). */
function fitAll() {
  for (const field of fields()) fit(field);
}

/** Before printing: each filled field's text in a block that prints in the field's place. */
function copyForPaper() {
  removeCopies();
  for (const field of fields()) {
    if (!field.value) continue; // a blank field prints as itself: room to write by hand
    const copy = document.createElement("div");
    copy.className = field.rows > 1 ? `${COPY} ${COPY}--box` : COPY;
    copy.setAttribute("aria-hidden", "true");
    copy.textContent = field.value;
    field.classList.add(COPIED);
    field.after(copy);
  }
}

/** After printing: the page as it was. */
function removeCopies() {
  for (const copy of document.querySelectorAll(`.${COPY}`)) copy.remove();
  for (const field of document.querySelectorAll(`.${COPIED}`)) field.classList.remove(COPIED);
}

/** @param {Event} event */
const onInput = (event) => {
  if (event.target instanceof HTMLTextAreaElement && event.target.matches(FIELDS))
    fit(event.target);
};

let listening = false;

/** Keep the page's text fields sized to their text, and print all of it. Safe to call again. */
export function initGrow() {
  if (!listening) {
    listening = true;
    document.addEventListener("input", onInput);
    window.addEventListener("beforeprint", copyForPaper);
    window.addEventListener("afterprint", removeCopies);
  }
  fitAll();
}
