"""Neptune Data API (boto3 ``neptunedata``), on any cluster endpoint."""
