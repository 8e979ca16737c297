"""Letter bodies are cleaned by the core's one cleaner for typed formatted text (nh3)."""

from gir.richtext import ALLOWED_TAGS, clean_html

__all__ = ["ALLOWED_TAGS", "clean_html"]
