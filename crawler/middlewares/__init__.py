"""Downloader and spider middlewares, one concern each; `crawler/settings.py` orders them."""
