"""Amazon Rekognition Custom Labels, beside moto's own Rekognition operations."""
