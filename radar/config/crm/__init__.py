"""Key accounts from a CRM export, merged into the config."""
