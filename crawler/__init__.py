"""The Scrapy side: spiders per source kind, presets, middlewares, pipelines and the runner."""
