"""Exports agent metrics to the monitoring backend."""
import json


def export(metrics: dict) -> str:
    return json.dumps(metrics, sort_keys=True)

