"""Search: Material's search, made to find what readers mean and to rank what matters
(``assets/search.js``), with the pages the build generates below the pages they copy
(``weights.py``)."""
