"""InMail Assistant: the Streamlit entry point. Page wiring only; each page lives in ui/.

Pages are files (`st.Page("ui/compose.py")`): Streamlit runs only the open page's file, so the app starts
without importing the other pages, and the LLM stack is imported only when a model is used.
"""

import streamlit as st

from ui.state import keep_inputs, restore

st.set_page_config(page_title="InMail Assistant", page_icon="✉️", layout="wide")
keep_inputs()
if problem := restore():  # the last visit's form and drafts, once per browser session
    st.warning(problem, icon=":material/warning:")

# Compose opens first: it works with no model, plan or profile (a sample lead is one click away).
pages = [
    st.Page("ui/compose.py", title="Compose", icon=":material/edit_note:", url_path="compose"),
    st.Page("ui/chat.py", title="Chat", icon=":material/chat:", url_path="chat"),
    st.Page("ui/outreach.py", title="Outreach", icon=":material/groups:", url_path="outreach"),
    st.Page("ui/dashboard.py", title="Limits", icon=":material/account_balance_wallet:", url_path="limits"),
    st.Page("ui/sent.py", title="Sent", icon=":material/outbox:", url_path="sent"),
    st.Page("ui/templates.py", title="Templates", icon=":material/description:", url_path="templates"),
    st.Page("ui/settings.py", title="Settings", icon=":material/settings:", url_path="settings"),
]

st.navigation(pages).run()
