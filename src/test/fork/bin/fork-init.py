"""The first process of a test fork's PID namespace (see java, beside it): it brings lo up, gives
the fork's JVMs a perf data folder of their own and the fork a temporary folder of its own (TMPDIR
and java.io.tmpdir), runs the JVM, forwards signals to it, reaps every process orphaned into the
namespace (a JVM as PID 1 would leave them as zombies, which look alive), and when the JVM ends,
ends what is left and removes the folder, with the JVM's exit code."""
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile

java, args = sys.argv[1], sys.argv[2:]
subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
# Every JVM keeps a file named by its pid in /tmp/hsperfdata_<user>; pids repeat across namespaces.
perf = "/tmp/hsperfdata_" + pwd.getpwuid(os.getuid()).pw_name
os.makedirs(perf, exist_ok=True)
subprocess.run(["mount", "-t", "tmpfs", "-o", "mode=755", "tmpfs", perf], check=True)
tmp = tempfile.mkdtemp(prefix="mm-fork-", dir="/tmp")
env = dict(os.environ, TMPDIR=tmp)
jvm = subprocess.Popen([java, "-Djava.io.tmpdir=" + tmp, *args], env=env)
for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGQUIT):
    signal.signal(sig, lambda number, frame: jvm.send_signal(number))


def reap(until=None):
    """Reaps every child, orphans included, until the process `until` ends (its status) or none is left."""
    while True:
        try:
            pid, status = os.wait()
        except ChildProcessError:
            return None
        if pid == until:
            return status


status = reap(jvm.pid)
code = 1 if status is None else os.waitstatus_to_exitcode(status)
code = code if code >= 0 else 128 - code
# PID 1 ends every other process of the namespace, so that none writes into the folder it removes
try:
    os.kill(-1, signal.SIGKILL)
except ProcessLookupError:
    pass
reap()
shutil.rmtree(tmp, ignore_errors=True)
sys.exit(code)
