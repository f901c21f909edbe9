from .responses import CustomLabelsResponse

url_bases = [r"https?://rekognition\.(.+)\.amazonaws\.com"]

url_paths = {"{0}/$": CustomLabelsResponse.dispatch}
