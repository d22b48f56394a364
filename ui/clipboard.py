"""A copy-to-clipboard button: a tiny iframe whose script writes the given text to the clipboard.

The text reaches the page only as a JSON-encoded JavaScript string literal, never as HTML, so a draft that
contains markup or `</script>` cannot inject anything. `navigator.clipboard.writeText` needs a secure
context (localhost counts); elsewhere the button falls back to `document.execCommand('copy')`.
"""

from __future__ import annotations

import html
import json

import streamlit as st

_TEMPLATE = """<!doctype html>
<html><head><meta charset="utf-8"><style>
body { margin: 0; font-family: "Source Sans Pro", "Source Sans 3", system-ui, sans-serif; }
button { font: inherit; margin: 0 0.4rem 0.3rem 0; font-size: 0.875rem; padding: 0.3rem 0.75rem;
  cursor: pointer; border-radius: 0.5rem; border: 1px solid rgba(49, 51, 63, 0.2); background: #fff;
  color: rgb(49, 51, 63); }
button:hover { border-color: #0a66c2; color: #0a66c2; }
span { margin-left: 0.6rem; font-size: 0.9rem; color: rgb(49, 51, 63); }
</style></head><body>
__BUTTONS__<span id="status" role="status"></span>
<script>
const texts = __TEXTS__;
const status = document.getElementById("status");
function legacyCopy(text) {
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try { ok = document.execCommand("copy"); } catch (err) { ok = false; }
  area.remove();
  return ok;
}
async function copy(text) {
  let ok = false;
  if (navigator.clipboard && window.isSecureContext) {
    try { await navigator.clipboard.writeText(text); ok = true; } catch (err) { ok = false; }
  }
  if (!ok) { ok = legacyCopy(text); }
  status.textContent = ok
    ? "Copied " + text.length + " characters."
    : "Copy failed: select the text and press Ctrl+C.";
}
document.querySelectorAll("button[data-index]").forEach((button) => {
  button.addEventListener("click", () => copy(texts[Number(button.dataset.index)]));
});
</script></body></html>"""


def js_literal(value: str | list[str]) -> str:
    """`value` as a JavaScript literal that is also safe inside an HTML <script> element."""
    literal = json.dumps(value, ensure_ascii=True)
    # json.dumps leaves <, > and & alone; escaping them keeps `</script>` and `<!--` from ending the script.
    return literal.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def copy_buttons_html(buttons: list[tuple[str, str]]) -> str:
    """One button per (label, text); labels are escaped as HTML, texts travel only as JS strings."""
    markup = "".join(
        f'<button type="button" data-index="{index}">{html.escape(label)}</button>'
        for index, (label, _) in enumerate(buttons)
    )
    texts = js_literal([text for _, text in buttons])
    return _TEMPLATE.replace("__BUTTONS__", markup).replace("__TEXTS__", texts)


def copy_buttons(buttons: list[tuple[str, str]], *, name: str = "Copy draft") -> None:
    """Draw the buttons; `name` becomes the iframe's accessible title (tests find the frame by it)."""
    st.iframe(copy_buttons_html(buttons), height=48, alt=name)
