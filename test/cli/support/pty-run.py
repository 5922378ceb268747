"""Runs a command in a pseudo-terminal, typing answers when their prompts appear (the tests' user).

Reads one JSON object on stdin: {"argv": [...], "env": {...}, "cwd": "...",
"answers": [["prompt text", "typed\\n"], ...], "timeoutMs": 30000}. The child gets a new session
whose controlling terminal is the pty (pty.fork), so /dev/tty is that terminal. Each answer is
typed once its prompt has appeared on the screen after the previous answer. Prints one JSON
object: {"screen": what the terminal showed, "code": exit status or null, "signal": its name or
null, "answered": how many answers were typed}.
"""
import json
import os
import pty
import select
import signal
import sys
import time

config = json.load(sys.stdin)
answers = [(a[0].encode(), a[1].encode()) for a in config.get("answers", [])]
deadline = time.monotonic() + config.get("timeoutMs", 30000) / 1000

pid, fd = pty.fork()
if pid == 0:
    os.chdir(config["cwd"])
    os.execvpe(config["argv"][0], config["argv"], config["env"])

screen = b""
seen_from = 0
answered = 0
while time.monotonic() < deadline:
    ready, _, _ = select.select([fd], [], [], 0.05)
    if fd in ready:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        screen += chunk
    if answered < len(answers):
        prompt, typed = answers[answered]
        if prompt in screen[seen_from:]:
            seen_from = len(screen)
            os.write(fd, typed)
            answered += 1
else:
    os.kill(pid, signal.SIGKILL)

_, status = os.waitpid(pid, 0)
code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else None
sig = signal.Signals(os.WTERMSIG(status)).name if os.WIFSIGNALED(status) else None
print(json.dumps({"screen": screen.decode("utf-8", "replace"), "code": code, "signal": sig, "answered": answered}))
