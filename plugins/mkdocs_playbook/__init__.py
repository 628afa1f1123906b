"""MkDocs plugin and pure helpers that turn the system-design playbook into a practice site."""
