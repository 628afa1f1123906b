"""The mock interview: a timed run through a site's steps, with notes and a review."""
