"""Amazon Machine Learning (boto3 ``machinelearning``)."""
