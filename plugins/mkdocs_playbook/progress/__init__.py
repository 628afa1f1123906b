"""The progress page: what the reader has studied on this site, read from their browser's storage,
with a backup to download and restore."""
