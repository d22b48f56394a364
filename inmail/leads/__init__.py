"""Leads in: CSV exports, JSON, a pasted profile page and LinkedIn's profile PDF read into `composer.Lead`s,
and the book that keeps them (one lead per profile). `Workspace.import_leads` is the use case that reads and
stores; the readers themselves store nothing."""

from inmail.leads.book import BOOK_FILE, LeadBook, UnknownLeadError, merged
from inmail.leads.reader import FORMATS, MAX_IMPORT_BYTES, guess_text_format, read_leads, read_leads_file
from inmail.leads.result import ImportProblem, ImportResult, LeadImportError, Skipped, StoreCounts

__all__ = [
    "BOOK_FILE",
    "FORMATS",
    "MAX_IMPORT_BYTES",
    "ImportProblem",
    "ImportResult",
    "LeadBook",
    "LeadImportError",
    "Skipped",
    "StoreCounts",
    "UnknownLeadError",
    "guess_text_format",
    "merged",
    "read_leads",
    "read_leads_file",
]
