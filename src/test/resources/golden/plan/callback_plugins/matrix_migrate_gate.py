# Holds a run at a gate, for matrix-migrate: the start run of matrix.example.com begins while the final pass and its
# verification still run (parsing the playbook, connecting, gathering facts and the tasks tagged always),
# and waits before its first other task until the file named by MATRIX_MIGRATE_GATE exists.
# matrix-migrate creates it once the copy is verified; when the verification fails it ends the waiting
# run instead, which then has started nothing. With MATRIX_MIGRATE_GATE_TAG the run waits before its
# first task with that tag instead (--cold: the copy prepares while the old server serves, and waits
# before its stop until the playbook's --tags=stop has run). While it waits, the file named by
# MATRIX_MIGRATE_GATE with ".waiting" appended exists. Without MATRIX_MIGRATE_GATE it does nothing.
from __future__ import annotations

import os
import time

from ansible.plugins.callback import CallbackBase

DOCUMENTATION = """
name: matrix_migrate_gate
type: aggregate
short_description: hold the run before its first task that is neither fact gathering nor tagged always
description:
  - Waits until the file named by the environment variable MATRIX_MIGRATE_GATE exists.
"""

# Fact gathering, by every name a play's implicit or explicit gathering has
FACTS = {"gather_facts", "setup", "ansible.builtin.gather_facts", "ansible.builtin.setup",
         "ansible.legacy.gather_facts", "ansible.legacy.setup"}


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "matrix_migrate_gate"
    CALLBACK_NEEDS_ENABLED = False

    def __init__(self):
        super().__init__()
        self._gate = os.environ.get("MATRIX_MIGRATE_GATE")
        self._tag = os.environ.get("MATRIX_MIGRATE_GATE_TAG")
        self._passed = not self._gate

    def v2_playbook_on_task_start(self, task, is_conditional):
        self._wait_unless_before_gate(task)

    def v2_playbook_on_handler_task_start(self, task):
        self._wait_unless_before_gate(task)

    def _before_gate(self, task):
        tags = task.tags or []
        if self._tag:
            return self._tag not in tags
        return task.action in FACTS or "always" in tags

    def _wait_unless_before_gate(self, task):
        if self._passed or self._before_gate(task):
            return
        if not os.path.exists(self._gate):
            self._display.display("matrix-migrate: waiting at the gate (%s)" % self._gate)
            began = time.monotonic()
            with open(self._gate + ".waiting", "w", encoding="utf-8"):
                pass
            while not os.path.exists(self._gate):
                time.sleep(0.05)
            self._display.display("matrix-migrate: the gate opened after %.1f s" % (time.monotonic() - began))
        self._passed = True
