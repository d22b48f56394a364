"""InMail Assistant: the Streamlit entry point. Page wiring only; each page lives in ui/."""

import streamlit as st

st.set_page_config(page_title="InMail Assistant", page_icon="✉️", layout="wide")


def _home() -> None:
    st.title("InMail Assistant")
    st.write("Draft personalised InMails and stay inside LinkedIn's limits. Pages are on their way.")


st.navigation([st.Page(_home, title="Home", default=True)]).run()
