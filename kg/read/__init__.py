"""Reading articles: files, folders, JSON Lines and HTML into `Article`s, normalised with offsets to the original."""
