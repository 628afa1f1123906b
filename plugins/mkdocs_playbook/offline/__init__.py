"""The site offline after one visit: a service worker that precaches the built site, a web app
manifest, and the browser side that registers them (``assets/offline.js``).

The pure modules decide what is precached (``precache``), name the site's worker and caches
(``identity``) and write the manifest and the worker (``manifest``, ``worker``); only
``feature`` knows MkDocs (``config`` holds its options).
"""
