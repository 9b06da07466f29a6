"""Weekly digests: selection and ranking, rendering with Jinja2, email and outbox delivery."""
