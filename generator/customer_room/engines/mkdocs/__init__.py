"""The MkDocs edge: the only part of the package that knows the site engine."""
