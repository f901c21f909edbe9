"""Huawei Cloud / Open Telekom Cloud IAM (Keystone v3): the token endpoint and the project reads
that keystoneauth, openstacksdk, otcextensions and huaweicloudsdkcore make, through a ``responses``
mock. Its tokens and access keys are what ModelArts (``moto_ext/modelarts``) authenticates against.
"""
