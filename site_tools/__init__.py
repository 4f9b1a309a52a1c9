"""Build logic for the ML interview knowledge base.

Each module has one concern and no dependency on MkDocs, so it can be tested on its own and
moved to another static-site generator; the files in ``hooks/`` adapt them to MkDocs.
"""
