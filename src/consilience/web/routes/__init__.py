"""HTTP routes by role: stories (read views), reports (adding reports, jobs), pages (HTML), docs."""
