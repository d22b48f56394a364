"""The offline engine: the situation first, then a whole message written for it, with typed holes.

`situation` decides what kind of message this lead calls for; `lead_lines` finds the lead's own words a
draft may quote whole; `pack` reads a language's messages (prompts/LANG/messages.toml); `holes` fills a
message; `engine` puts them together into a draft.
"""
