"""Huawei Cloud / Open Telekom Cloud ModelArts v1 training jobs, through a ``responses`` mock."""
