"""Named, recorded schema migrations (one file per revision)."""
