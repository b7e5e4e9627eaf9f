# Writes one JSON object a line for every task result of the run, for matrix-migrate's events (runs/<id>/events.jsonl):
# host, task, action, status (ok, changed, failed, skipped, unreachable), seconds, play, and the message of a failure.
# The file is the one MATRIX_MIGRATE_TASK_EVENTS names, which matrix-migrate sets for the commands of its steps;
# without it the plugin does nothing. Ansible's own output is left as it is.
from __future__ import annotations

import json
import os
import time

from ansible.plugins.callback import CallbackBase

DOCUMENTATION = """
name: matrix_migrate_events
type: notification
short_description: every task result as a JSON line, for matrix-migrate's events
description:
  - Appends one JSON object a line to the file named by the environment variable MATRIX_MIGRATE_TASK_EVENTS.
"""


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "notification"
    CALLBACK_NAME = "matrix_migrate_events"
    CALLBACK_NEEDS_ENABLED = False

    def __init__(self):
        super().__init__()
        self._file = os.environ.get("MATRIX_MIGRATE_TASK_EVENTS")
        self._play = None
        self._started = {}

    def v2_playbook_on_play_start(self, play):
        self._play = play.get_name()

    def v2_runner_on_start(self, host, task):
        self._started[(host.get_name(), task._uuid)] = time.monotonic()

    def v2_runner_on_ok(self, result):
        self._write(result, "changed" if result._result.get("changed", False) else "ok")

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._write(result, "failed", ignored=bool(ignore_errors))

    def v2_runner_on_skipped(self, result):
        self._write(result, "skipped")

    def v2_runner_on_unreachable(self, result):
        self._write(result, "unreachable")

    def _write(self, result, status, ignored=None):
        if not self._file:
            return
        host = result._host.get_name()
        task = result._task
        began = self._started.pop((host, task._uuid), None)
        event = {
            "host": host,
            "task": task.get_name(),
            "action": task.action,
            "status": status,
            "seconds": round(time.monotonic() - began, 3) if began is not None else None,
            "play": self._play,
        }
        if ignored is not None:
            event["ignored"] = ignored
        if status in ("failed", "unreachable"):
            message = result._result.get("msg") or result._result.get("stderr") or ""
            event["message"] = str(message)[:2000]
        try:
            os.makedirs(os.path.dirname(self._file), exist_ok=True)
            with open(self._file, "a", encoding="utf-8") as out:
                out.write(json.dumps(event, ensure_ascii=False, default=str) + "\n")
        except OSError:
            pass
