"""Search: Material's search, made to find what readers mean (``assets/search.js``) and to weigh
the pages the build generates below the pages they copy (``weights.py``)."""
