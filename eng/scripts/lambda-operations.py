#!/usr/bin/env python3
"""Regenerates src/Fathom.Gateway/Invoke/LambdaOperations.json from botocore's Lambda service model.

The table lets the admin port name the Lambda operation a request was meant for (method + request URI), so an
operation Fathom does not implement answers a Lambda-shaped error that says which one, instead of a bare 404.

Usage: python3 eng/scripts/lambda-operations.py   (needs botocore: pip install botocore)
"""
import gzip
import json
import os
import sys

import botocore

MODEL_DIR = os.path.join(os.path.dirname(botocore.__file__), "data", "lambda")
TARGET = os.path.join(os.path.dirname(__file__), "..", "..", "src", "Fathom.Gateway", "Invoke", "LambdaOperations.json")


def load_model():
    # The newest API version folder holds the current model; botocore ships it gzipped or plain.
    version = sorted(v for v in os.listdir(MODEL_DIR) if os.path.isdir(os.path.join(MODEL_DIR, v)))[-1]
    folder = os.path.join(MODEL_DIR, version)
    for name, opener in (("service-2.json.gz", gzip.open), ("service-2.json", open)):
        path = os.path.join(folder, name)
        if os.path.exists(path):
            with opener(path, "rt", encoding="utf-8") as f:
                return json.load(f)
    sys.exit(f"no service-2.json(.gz) in {folder}")


def main():
    model = load_model()
    operations = [
        {"name": name, "method": op["http"]["method"], "requestUri": op["http"]["requestUri"]}
        for name, op in model["operations"].items()
    ]
    operations.sort(key=lambda o: (o["requestUri"].split("?")[0], o["method"], o["name"]))
    table = {
        "source": f"botocore {botocore.__version__}, lambda {model['metadata']['apiVersion']}",
        "operations": operations,
    }
    # One operation a line, so a regenerated table reads as a short diff.
    lines = ",\n".join("    " + json.dumps(o) for o in operations)
    with open(TARGET, "w", encoding="utf-8") as f:
        f.write('{\n  "source": %s,\n  "operations": [\n%s\n  ]\n}\n' % (json.dumps(table["source"]), lines))
    print(f"{len(operations)} operations -> {os.path.normpath(TARGET)}")


if __name__ == "__main__":
    main()
