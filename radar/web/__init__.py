"""The web app of `rivalradar serve`: pages for people, a JSON API for programs."""
