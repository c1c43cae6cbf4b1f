#!/usr/bin/env python3
"""Waits until each entity's run that started after line MARK of a `bin/dgraph-sync run` log has ended, then prints
run.NAME=SECONDS ROWS EDGES for each, as the run's closing line reports it (the figures sync_run records).

    bench/await-runs.py LOG MARK TIMEOUT_SECONDS ENTITY...

Exits 1, naming the entity, when one of those runs failed or the time ran out."""
import re
import sys
import time

log, mark, timeout, entities = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4:]
started = re.compile(r' dgraph-sync - ([\w-]+): run started')
ended = re.compile(r' dgraph-sync - ([\w-]+): run succeeded: (\d+) rows, (\d+) edges.* in ([0-9.]+) s')
failed = re.compile(r' dgraph-sync - ([\w-]+): run (failed|could not start)')
deadline = time.monotonic() + timeout
while True:
    with open(log, encoding='utf-8', errors='replace') as f:
        lines = f.read().splitlines()[mark:]
    open_runs, done = set(), {}
    for line in lines:
        if m := started.search(line):
            if m.group(1) not in done:
                open_runs.add(m.group(1))
        elif (m := failed.search(line)) and m.group(1) in entities:
            sys.exit(f'bench: a {m.group(1)} run failed (see {log})')
        elif (m := ended.search(line)) and m.group(1) in open_runs and m.group(1) not in done:
            done[m.group(1)] = f'{m.group(4)} {m.group(2)} {m.group(3)}'
    if all(e in done for e in entities):
        for e in entities:
            print(f'run.{e}={done[e]}')
        break
    if time.monotonic() > deadline:
        sys.exit(f'bench: no finished run after line {mark} for {", ".join(e for e in entities if e not in done)}'
                 f' within {timeout:.0f} s (see {log})')
    time.sleep(0.5)
