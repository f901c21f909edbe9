"""A ModelArts call through moto_ext against a static ``responses`` answer, measured side by side.

The floor is the same ``requests`` call answered by a plain ``responses`` mock with canned bytes:
what remains is ``requests``' and ``responses``' own cost. Blocks of calls alternate between the
two; the figure is the median CPU time per call over the rounds.

    python benchmarks/bench_modelarts.py [--calls 20] [--rounds 40]
"""

import argparse
import re
import statistics

import requests
import responses
from shared import cpu_per_call

from moto_ext import mock_ext

URL = "https://modelarts.eu-de.otc.t-systems.com/v1/{project}/training-jobs?per_page=10"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()

    with mock_ext() as m:
        backend = m.backend("modelarts")
        url = URL.format(project=backend.account_id)
        headers = {"X-Auth-Token": m.backend("modelarts").issue_token()}
        answer = requests.get(url, headers=headers, timeout=5)
        assert answer.status_code == 200, answer.text
        canned = answer.content

    session = requests.Session()
    mock = mock_ext()
    static = responses.RequestsMock(assert_all_requests_are_fired=False)
    pattern = re.compile(re.escape(url.split("?")[0]) + r"(\?.*)?$")
    results: dict[str, list[float]] = {"moto_ext": [], "static": []}
    for index in range(args.rounds):
        order = ["moto_ext", "static"] if index % 2 == 0 else ["static", "moto_ext"]
        for name in order:
            if name == "moto_ext":
                mock.start()
                headers = {"X-Auth-Token": mock.backend("modelarts").issue_token()}
                results[name].append(cpu_per_call(lambda h=headers: session.get(url, headers=h), args.calls))
                mock.stop()
            else:
                with static:  # leaving it resets its registry: the answer is added each time
                    static.add(responses.GET, pattern, body=canned, content_type="application/json")
                    results[name].append(cpu_per_call(lambda: session.get(url), args.calls))
    ext, floor = statistics.median(results["moto_ext"]), statistics.median(results["static"])
    print(f"ModelArts ListTrainingJobs via moto_ext {ext * 1e6:8.0f} us/call")
    print(f"static responses answer                 {floor * 1e6:8.0f} us/call")
    print(f"ratio                                   {ext / floor:8.2f}x  (goal: <= 1.2x)")


if __name__ == "__main__":
    main()
