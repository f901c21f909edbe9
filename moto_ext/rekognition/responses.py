from moto.rekognition.responses import RekognitionResponse


class CustomLabelsResponse(RekognitionResponse):
    """moto's Rekognition response with the Custom Labels operations added."""
