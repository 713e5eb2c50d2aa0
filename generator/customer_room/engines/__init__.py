"""Site engines that turn the pages into HTML (MkDocs, Zensical)."""
