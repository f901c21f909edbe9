"""Huawei Cloud / Open Telekom Cloud ModelArts v1 training jobs, through a ``responses`` mock.

The mock's start and stop hooks (see ``moto_ext/services.py``) put the ModelArts and IAM
callbacks on moto's ``responses`` mock while a mock is active.
"""
