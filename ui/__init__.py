"""The Streamlit app's pages and widgets.

Each page is a file that `app.py` hands to `st.Page` (for example `ui/compose.py`). A page module defines
`render()` and calls it under `if __name__ == "__main__":`, which is how Streamlit runs a page script, so
the same module can also be imported (by tests, by the chat page) without drawing anything.
"""
