// Placeholder until the full-size viewer lands: reveal nothing, so the hidden button stays hidden.
