"""Front matter: reading it (fast flat reader, strict YAML loader), writing values, editing a note minimally."""
