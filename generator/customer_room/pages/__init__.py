"""The site's pages, feeds and kiosk, made from the checked room."""
