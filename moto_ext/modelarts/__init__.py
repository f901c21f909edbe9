"""Huawei Cloud / Open Telekom Cloud ModelArts v1 training jobs, through a ``responses`` mock.

Modules: ``models`` (the backend), ``jobs`` (training jobs, versions, configurations, visualization
jobs), ``catalogue`` (flavors, engines, built-in algorithms), ``configs`` (the rules a training
configuration follows), ``listing`` (paging and sorting), ``parsing`` and ``responses`` (the HTTP
side), ``exceptions``, ``urls``.
Requests authenticate against the ``huaweiiam`` service (tokens, AK/SK signatures).
"""
