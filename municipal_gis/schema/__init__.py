"""The bottom of the package: the layer catalogue and the code lists, pure Python.

Everything may import `schema`; `schema` imports nothing of ours (tests/test_layering.py).
"""
