"""One Processing algorithm per module; the module name is the algorithm's `name()`."""
