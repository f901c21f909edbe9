"""Amazon Lookout for Vision (boto3 ``lookoutvision``)."""
