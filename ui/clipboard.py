"""Copy-to-clipboard buttons: a tiny iframe whose script writes a draft's text to the clipboard.

What is copied is what the page shows at the moment of the click. A text area commits its value to the
server only on blur, so the last run's text can be one edit behind; instead the script reads the live
values of the draft's fields from the app's page (the srcdoc iframe is same-origin), finding each field by
the `st-key-<key>` class Streamlit puts on a keyed widget. If a field is not there, it copies the text the
last run passed in.

Texts reach the page only as JSON-encoded JavaScript literals, never as HTML, so a draft that contains
markup or `</script>` cannot inject anything. `navigator.clipboard.writeText` needs a secure context
(localhost counts); elsewhere the script falls back to `document.execCommand('copy')`.
"""

from __future__ import annotations

import html
import json
import re

import streamlit as st
from pydantic import BaseModel

FIELD_SEPARATOR = "\n\n"  # between the fields of one button: "Copy all" is subject, blank line, body
_STATUS_MEMORY_MS = 5000  # how long the status outlives the frame reload that the copied edit causes

_TEMPLATE = """<!doctype html>
<html><head><meta charset="utf-8"><style>
html { overflow: hidden; }  /* the frame fits its content, so a scrollbar could only jitter the wrap */
body { margin: 0; padding: 2px 2px 4px; font-family: "Source Sans Pro", "Source Sans 3", system-ui,
  sans-serif; color: rgb(49, 51, 63); }
.bar { display: flex; flex-wrap: wrap; align-items: center; gap: 0.4rem 0.4rem; }
button { font: inherit; font-size: 0.875rem; padding: 0.3rem 0.75rem; cursor: pointer;
  border-radius: 0.5rem; border: 1px solid rgba(49, 51, 63, 0.2); background: #fff; color: inherit;
  white-space: nowrap; }
button:hover, button:focus-visible { border-color: #0a66c2; color: #0a66c2; }
#status { font-size: 0.9rem; margin-left: 0.2rem; }
#status:empty { display: none; }
</style></head><body><div class="bar">
__BUTTONS__<span id="status" role="status" aria-live="polite"></span></div>
<script>
const buttons = __SPECS__;
const memoryKey = "inmail.copy-status." + __KEY__;
const status = document.getElementById("status");
function liveValue(className) {
  let page;
  try { page = window.parent.document; } catch (err) { return null; }
  const holder = page.getElementsByClassName(className)[0];
  const field = holder && holder.querySelector("textarea, input");
  return field ? field.value : null;
}
function currentText(spec) {
  const values = spec.fields.map(liveValue);
  if (!values.length || values.includes(null)) { return spec.text; }
  return values.join(__SEPARATOR__);
}
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
function show(message, remember) {
  status.textContent = message;
  // The click blurs an edited field, Streamlit reruns and this frame reloads with the new text:
  // remembering the status for a moment keeps it on screen across that reload.
  if (remember) {
    try {
      sessionStorage.setItem(memoryKey, JSON.stringify({ message: message, at: Date.now() }));
    } catch (err) { /* storage may be off: the status just does not survive a reload */ }
  }
}
async function copy(spec) {
  const text = currentText(spec);
  let ok = false;
  if (navigator.clipboard && window.isSecureContext) {
    try { await navigator.clipboard.writeText(text); ok = true; } catch (err) { ok = false; }
  }
  if (!ok) { ok = legacyCopy(text); }
  show(ok ? "Copied " + text.length + " characters." : "Copy failed: select the text and press Ctrl+C.",
    true);
}
// Streamlit's own content sizing never shrinks a frame below its first height (a page's scroll height is
// at least its viewport), so the frame sets its own: as tall as the buttons and the status, wrapped or not.
function fitFrame() {
  let frame = null;
  try { frame = window.frameElement; } catch (err) { frame = null; }
  if (frame) { frame.style.height = Math.ceil(document.body.getBoundingClientRect().height) + "px"; }
}
if (typeof ResizeObserver !== "undefined") { new ResizeObserver(fitFrame).observe(document.body); }
fitFrame();
try {
  const kept = JSON.parse(sessionStorage.getItem(memoryKey) || "null");
  if (kept && Date.now() - kept.at < __MEMORY_MS__) { show(kept.message, false); }
} catch (err) { /* nothing remembered */ }
document.querySelectorAll("button[data-index]").forEach((button) => {
  button.addEventListener("click", () => copy(buttons[Number(button.dataset.index)]));
});
</script></body></html>"""


class CopyButton(BaseModel):
    """One button: `text` is the last run's text; `fields` are the keys of the widgets whose live values,
    joined by a blank line, are copied instead when they are all on the page."""

    label: str
    text: str
    fields: tuple[str, ...] = ()


def key_class(key: str) -> str:
    """The CSS class Streamlit gives a keyed element: `st-key-` and the key, other characters as `-`."""
    return "st-key-" + re.sub(r"[^a-zA-Z0-9_-]", "-", key.strip())


def js_literal(value: object) -> str:
    """`value` as a JavaScript literal that is also safe inside an HTML <script> element."""
    literal = json.dumps(value, ensure_ascii=True)
    # json.dumps leaves <, > and & alone; escaping them keeps `</script>` and `<!--` from ending the script.
    return literal.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def copy_buttons_html(buttons: list[CopyButton], *, key: str) -> str:
    """The frame's page: labels are escaped as HTML, texts and field classes travel only as JS literals."""
    markup = "".join(
        f'<button type="button" data-index="{index}">{html.escape(button.label)}</button>'
        for index, button in enumerate(buttons)
    )
    specs = [{"text": b.text, "fields": [key_class(field) for field in b.fields]} for b in buttons]
    values = {
        "BUTTONS": markup,
        "SPECS": js_literal(specs),
        "KEY": js_literal(key),
        "SEPARATOR": js_literal(FIELD_SEPARATOR),
        "MEMORY_MS": str(_STATUS_MEMORY_MS),
    }
    # One pass over the template: a draft that happens to contain `__KEY__` is not substituted into.
    return re.sub(r"__([A-Z_]+)__", lambda match: values[match.group(1)], _TEMPLATE)


def copy_buttons(buttons: list[CopyButton], *, name: str, key: str) -> None:
    """Draw the buttons. `name` is the frame's accessible title (tests find the frame by it); `key` tells
    this frame's remembered status from other frames'. The frame is as tall as its content, wrapped or not.
    """
    st.iframe(copy_buttons_html(buttons, key=key), height="content", alt=name)
