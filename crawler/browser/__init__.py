"""Sources with `render: browser`: their pages fetched through headless Chromium (scrapy-playwright)."""
