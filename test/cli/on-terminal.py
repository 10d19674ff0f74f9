"""Runs a command under a real pseudo-terminal, as a person at a terminal would.

argv[1] is JSON: {"argv": [...], "env": {...}, "cwd": dir?, "answers": [[prompt, text], ...],
"seconds": limit?}. Each answer is typed once its prompt has appeared; "\u0003" is Ctrl-C,
"\u0004" Ctrl-D. Prints JSON {"code": exit code, "output": everything the terminal showed,
"timedOut": whether the command was still running at the limit (it is then killed)}.
"""
import json, os, pty, select, signal, sys, time

spec = json.loads(sys.argv[1])
pid, fd = pty.fork()
if pid == 0:
    if spec.get("cwd"):
        os.chdir(spec["cwd"])
    os.execvpe(spec["argv"][0], spec["argv"], {**os.environ, **spec.get("env", {})})

output, answered, seen = b"", 0, 0
deadline = time.time() + spec.get("seconds", 30)
timed_out = True
while time.time() < deadline:
    ready, _, _ = select.select([fd], [], [], 0.1)
    if ready:
        try:
            data = os.read(fd, 4096)
        except OSError:
            timed_out = False
            break
        if not data:
            timed_out = False
            break
        output += data
    answers = spec.get("answers", [])
    if answered < len(answers):
        prompt, text = answers[answered]
        found = output.find(prompt.encode(), seen)
        if found >= 0:
            seen = found + len(prompt)
            os.write(fd, text.encode())
            answered += 1
if timed_out:
    # A prompt that ignores its keys would otherwise keep the test waiting for ever.
    os.kill(pid, signal.SIGKILL)
_, status = os.waitpid(pid, 0)
print(json.dumps({
    "code": os.waitstatus_to_exitcode(status),
    "output": output.decode("utf-8", "replace"),
    "timedOut": timed_out,
}))
