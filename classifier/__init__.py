"""Category model, company linker and threat scoring: records in, records out."""
