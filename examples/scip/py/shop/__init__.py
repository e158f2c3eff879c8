"""A small shop service: graphsnap's SCIP tests index it with scip-python."""
