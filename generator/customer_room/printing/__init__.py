"""The print stage: the room on paper — a poster per persona, quote cards, clip cards with a
QR code to the call, and the week's notice — as PDFs under ``print/`` with a page listing them.
Each PDF is made from HTML and CSS (WeasyPrint) and kept in the cache by what it says."""
