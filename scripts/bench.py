#!/usr/bin/env python3
"""Driver for scripts/bench: generates the files, times each side several times (median of
wall-clock time, peak RSS from wait4), and prints a table with the ratio."""
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, ".build", "release")
DATA = os.path.join(ROOT, ".build-bench")
RUNS = 5


def run(argv, cwd):
    """(seconds, peak RSS in MB, stdout) of one run."""
    start = time.perf_counter()
    p = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         env=dict(os.environ, ZIEN_TODAY="2026-11-29", NO_COLOR="1"))
    out = p.stdout.read()
    _, status, usage = os.wait4(p.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 3):
        sys.exit(f"{argv[0]} mislukte:\n{out.decode(errors='replace')}")
    return elapsed, usage.ru_maxrss / 1024, out.decode(errors="replace")


def measure(argv, cwd):
    results = [run(argv, cwd) for _ in range(RUNS)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results), results[-1][2]


def main():
    pupils = int(sys.argv[1])
    print(f"zien-shell benchmark — {pupils} leerlingen, mediaan van {RUNS} runs, {os.cpu_count()} cores")
    rows = []
    for charset in ("windows-1252", "utf-8"):
        folder = os.path.join(DATA, f"{pupils}-{charset}")
        if not os.path.exists(os.path.join(folder, "leerling.csv")):
            subprocess.run([os.path.join(BIN, "zien-gen"), folder, "--pupils", str(pupils), "--charset", charset,
                            "--crlf", "--other-share", "0.05"], check=True, stdout=subprocess.DEVNULL)
        size = os.path.getsize(os.path.join(folder, "leerling.csv")) / 1e6
        ours = measure([os.path.join(BIN, "zien-shell"), "--store", ":memory:", "-c",
                        "vestiging add Leeuwenbrug; vestiging add 'Het Baken'; vestiging Leeuwenbrug; load leerling.csv; check"], folder)
        ref = measure([sys.executable, os.path.join(ROOT, "scripts", "bench_reference.py"), "leerling.csv",
                       "Leeuwenbrug", "Het Baken", "--", "Leeuwenbrug"], folder)
        status = [l for l in ours[2].splitlines() if l.startswith("Status:")]
        rows.append((f"load+check leerling ({charset}, {size:.1f} MB)", ours, ref, status[0] if status else "", ref[2].strip()))
    print()
    print(f"{'':44} {'zien-shell':>11} {'Python csv':>11} {'sneller':>8} {'piek RSS':>9}")
    for name, ours, ref, status, refcounts in rows:
        print(f"{name:44} {ours[0]:>10.3f}s {ref[0]:>10.3f}s {ref[0] / ours[0]:>7.1f}x {ours[1]:>7.0f}MB")
        print(f"{'':44} zien-shell: {status}")
        print(f"{'':44} Python:     {refcounts}")
    print()
    print("Doel (issue 2): minstens 8x sneller dan de Python-referentie, piek hooguit 150 MB.")


if __name__ == "__main__":
    main()
