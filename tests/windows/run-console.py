#!/usr/bin/env python3
"""The password prompt of eascert.exe on a console, under Wine in a pseudo-terminal: the password
(with characters outside ASCII and outside the console's code page) is typed without echo, read as
UTF-16 (ReadConsoleW) and opens the PFX; a wrong one gets the wrong-password exit code. The password
never appears in what the console shows.
    run-console.py LINUX_EASCERT WINDOWS_EASCERT_EXE WORK_DIR"""
import os
import pty
import re
import select
import shutil
import subprocess
import sys
import time

linux, exe, work = sys.argv[1:4]
if not os.path.isfile(exe):
    sys.exit(f"{exe} is missing: build the Windows programs first (scripts/windows.sh)")
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
env = dict(os.environ, WINEPREFIX=os.path.join(work, "wineprefix"), WINEDEBUG="-all",
           WINEDLLOVERRIDES="mscoree,mshtml=", LANG="C.UTF-8", LC_ALL="C.UTF-8")
wine = "/usr/lib/wine/wine64"
subprocess.run([wine, "wineboot", "-i"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

password = "Pässwörd-Ωμέγα-✓"
subprocess.run([linux, "lab", "pki", "--out", os.path.join(work, "lab")], check=True, stdout=subprocess.DEVNULL)
lab = os.path.join(work, "lab")
with open(os.path.join(lab, "usertest1.pfx.password"), encoding="utf-8") as f:
    lab_password = f.read().strip()
pfx = os.path.join(work, "user.pfx")
pem = os.path.join(work, "user.pem")  # a file: pkcs12 -export reads its input twice (key, certificates)
subprocess.run(["openssl", "pkcs12", "-in", os.path.join(lab, "usertest1.pfx"), "-nodes", "-out", pem,
                "-passin", "pass:" + lab_password], check=True, capture_output=True)
subprocess.run(["openssl", "pkcs12", "-export", "-in", pem, "-out", pfx, "-passout", "pass:" + password],
               check=True, capture_output=True)


def run_with_typing(typed, timeout=60):
    """Runs `eascert.exe cert show user.pfx` in a pty, types `typed` at the prompt. (exit, screen)"""
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(wine, [wine, exe, "cert", "show", pfx], env)
    screen = b""
    sent = 0
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            screen += chunk
        # Each prompt ("Password for ...", "Wrong password, try again") gets the same answer typed.
        if screen.count(b"assword") > sent:
            time.sleep(0.3)
            os.write(fd, typed.encode("utf-8") + b"\r")
            sent += 1
    else:
        os.kill(pid, 9)
        sys.exit("run-console: FAIL: no result within %ds; the screen:\n%s" % (timeout, screen.decode("utf-8", "replace")))
    _, status = os.waitpid(pid, 0)
    # Wine's console draws character by character with cursor escapes (a space is "erase, move
    # right"): the text as a reader sees it, without the escapes and the spaces.
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen.decode("utf-8", "replace"))
    return os.waitstatus_to_exitcode(status), text.replace(" ", ""), sent


try:
    rc, screen, prompted = run_with_typing(password)
    if not prompted:
        sys.exit("run-console: FAIL: no password prompt; the screen:\n" + screen)
    if rc != 0 or "CN=usertest1" not in screen:
        sys.exit(f"run-console: FAIL: the typed password did not open the PFX (exit {rc}); the screen:\n{screen}")
    if password.replace(" ", "") in screen:
        sys.exit("run-console: FAIL: the password was echoed; the screen:\n" + screen)
    print("run-console: the password typed at the prompt (not echoed) opened the PFX")
    rc, screen, prompted = run_with_typing("not the password")
    if rc == 0 or "wrongpassword" not in screen.lower():
        sys.exit(f"run-console: FAIL: a wrong password gave exit {rc}; the screen:\n{screen}")
    print(f"run-console: a wrong password: exit {rc}, said so")
    print("run-console: PASS")
finally:
    subprocess.run(["/usr/lib/wine/wineserver", "-k"], env=env, stderr=subprocess.DEVNULL)
