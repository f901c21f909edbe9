from moto_ext.core.routes import LazyDispatch

url_bases = [r"https?://rekognition\.(.+)\.amazonaws\.com"]

url_paths = {"{0}/$": LazyDispatch("moto_ext.rekognition.responses", "CustomLabelsResponse")}
