from .responses import NeptuneDataResponse

# Requests reach this host whatever cluster endpoint the client names: core.install rewrites it.
url_bases = [r"https?://neptune-db\.(.+)\.amazonaws\.com"]

url_paths = {"{0}/.*$": NeptuneDataResponse.dispatch}
