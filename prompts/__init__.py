"""The shipped templates as data: LLM prompts (llm/), message templates (messages/), strategies (strategies/).

Read through `composer.templates.TemplateStore`; this package holds no code and imports nothing.
"""
