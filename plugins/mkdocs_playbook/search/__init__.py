"""Search: Material's search, made to forgive a typo (``assets/search.js``)."""
