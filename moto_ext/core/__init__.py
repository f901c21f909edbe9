"""Shared machinery of moto_ext: the mock, the registry, install(), test-time controls.

No service logic lives here, and no exception classes (moto's error serializer reads a service
name out of an exception's module path; see DESIGN.md).
"""
