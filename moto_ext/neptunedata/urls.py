from moto_ext.core.routes import LazyDispatch

# Requests reach this host whatever cluster endpoint the client names: core's redirect rewrites it.
url_bases = [r"https?://neptune-db\.(.+)\.amazonaws\.com"]

url_paths = {"{0}/.*$": LazyDispatch("moto_ext.neptunedata.responses", "NeptuneDataResponse")}
