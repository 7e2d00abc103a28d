"""SQL migration files, read with importlib.resources by :mod:`warehouse.schema`."""
