"""The database: SQLAlchemy models and Alembic migrations, writes, queries, the send log."""
