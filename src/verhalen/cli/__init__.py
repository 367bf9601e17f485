"""The `verhalen` command line: small Typer functions over the library."""
