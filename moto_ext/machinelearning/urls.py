from .responses import MachineLearningResponse

url_bases = [r"https?://machinelearning\.(.+)\.amazonaws\.com"]

url_paths = {"{0}/$": MachineLearningResponse.dispatch}
