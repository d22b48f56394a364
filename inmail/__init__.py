"""InMail Assistant: the `inmail` command line and the configuration shared by the CLI and the app."""
