"""The domain: tables, rules and values. Pure: no UI framework, no SDK, no I/O."""
