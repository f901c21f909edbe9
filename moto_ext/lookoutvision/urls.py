from moto_ext.core.routes import LazyDispatch

url_bases = [r"https?://lookoutvision\.(.+)\.amazonaws\.com"]

# One route: moto finds the operation from the method and path with the botocore model.
url_paths = {"{0}/.*$": LazyDispatch("moto_ext.lookoutvision.responses", "LookoutVisionResponse")}
