"""Turns what bench/run measured into one Markdown table (printed, and written to bench/results/)."""
import datetime
import os
import platform
import re
import statistics
import subprocess
import sys

work, reps, sizes = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
# bench/run measures sizes above 100,000 BENCH_LARGE_REPS times (default 1): one run at 1,000,000 takes about an hour.
reps_of = {n: int(open(f'{work}/{n}/reps').read()) if os.path.exists(f'{work}/{n}/reps') else reps for n in sizes}
reps_note = str(reps) + ''.join(f' ({r} at {int(n):,})' for n, r in reps_of.items() if r != reps)


def kv(path):
    values = {}
    if os.path.exists(path):
        for line in open(path):
            for key, value in re.findall(r'(\S+?)=(\S+(?: \d+ \d+)?)', line.strip()):
                values.setdefault(key, value)
    return values


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(value, unit=' s'):
    return '–' if value is None else f'{value:.1f}{unit}' if value < 100 else f'{value:.0f}{unit}'


def ratio(a, b):
    return '–' if a is None or not b else f'{a / b:.2f}×'


def machine():
    cpu = next((l.split(':', 1)[1].strip() for l in open('/proc/cpuinfo') if l.startswith('model name')), platform.processor())
    mem = next((int(l.split()[1]) // 1024 // 1024 for l in open('/proc/meminfo') if l.startswith('MemTotal')), 0)
    java = subprocess.run(['java', '-version'], capture_output=True, text=True).stderr.splitlines()[0]
    return f'{os.cpu_count()} cores ({cpu}), {mem} GiB, {platform.system()} {platform.release()}, {java}'


lines = [f'# dgraph-sync benchmark, {datetime.date.today()}', '',
         f'Machine: {machine()}. Each figure is the median of {reps_note} runs, all measured in one bench/run;'
         f' `once` includes JVM start; JAVA_OPTS={os.environ.get("JAVA_OPTS", "-Xmx256m")}.', '']
header = ('| products | load | rows / edges | `once` full | rows/s | edges/s | heap after GC, peak (live: after a full GC) | RSS | source ceiling | sink ceiling'
          ' | full ÷ max(ceilings) | offset paging (Java, not the spec\'s connector) | ÷ full | `once`, 1% changed | incr ÷ full | worst entity incr ÷ full'
          ' | worst entity incr ÷ full, warm `run`'
          ' | `verify` | verify ÷ source | verify heap (live), RSS |')
lines += [header, '|' + '---|' * (header.count('|') - 1)]
details = []
walls = {}
for n in sizes:
    out = f'{work}/{n}'
    reps = reps_of[n]
    full = [kv(f'{out}/full-{r}/measures') for r in range(1, reps + 1)]
    incr = [kv(f'{out}/incr-{r}/measures') for r in range(1, reps + 1)]
    warm = [kv(f'{out}/warm-{r}/measures') for r in range(1, reps + 1)]
    wall = median([float(m['wall']) for m in full if 'wall' in m])
    rss = median([int(m['rss_kb']) / 1024 for m in full if 'rss_kb' in m])
    heap = median([int(m['heap_mb']) for m in full if 'heap_mb' in m])
    live = median([int(m['live_mb']) for m in full if 'live_mb' in m])
    entities = sorted(k for k in full[0] if k.startswith('run.'))
    rows = sum(int(full[0][k].split()[1]) for k in entities)
    edges = sum(int(full[0][k].split()[2]) for k in entities)
    source = median([float(kv(f'{out}/source-{r}').get('seconds', 'nan')) for r in range(1, reps + 1)])
    sink = median([float(kv(f'{out}/sink-{r}').get('seconds', 'nan')) for r in range(1, reps + 1)])
    specs = [kv(f'{out}/spec-{r}').get('seconds') for r in range(1, reps + 1)]
    spec = median([float(s) for s in specs if s])
    incr_wall = median([float(m['wall']) for m in incr if 'wall' in m])
    verify = [kv(f'{out}/verify-{r}/measures') for r in range(1, reps + 1)]
    verify_wall = median([float(m['wall']) for m in verify if 'wall' in m])
    verify_heap = median([int(m['heap_mb']) for m in verify if 'heap_mb' in m])
    verify_live = median([int(m['live_mb']) for m in verify if 'live_mb' in m])
    verify_rss = median([int(m['rss_kb']) / 1024 for m in verify if 'rss_kb' in m])
    worst, worst_entity = None, ''
    warm_worst, warm_worst_entity = None, ''
    per_entity, per_entity_warm = [], []
    for k in entities:
        f = median([float(m[k].split()[0]) for m in full if k in m])
        i = median([float(m[k].split()[0]) for m in incr if k in m])
        per_entity.append(f'{k[4:]} {fmt(f)} → {fmt(i)} ({ratio(i, f)})' if i is not None
                          else f'{k[4:]} {fmt(f)} → not run (not due)')
        if f and i is not None and k[4:] not in ('reconcile-deletes', 'schema_metadata') and (worst is None or i / f > worst):
            worst, worst_entity = i / f, k[4:]
        w = median([float(m[k].split()[0]) for m in warm if k in m])
        if w is not None:
            rows_read = median([int(m[k].split()[1]) for m in warm if k in m])
            per_entity_warm.append(f'{k[4:]} {w:.2f} s ({ratio(w, f)}, {int(rows_read):,} rows)')
            if f and (warm_worst is None or w / f > warm_worst):
                warm_worst, warm_worst_entity = w / f, k[4:]
    walls[int(n)] = wall
    dgraph_cpu = median([float(m['dgraph_cpu']) for m in full if 'dgraph_cpu' in m])
    cpu = median([float(m['user']) + float(m['sys']) for m in full if 'user' in m and 'sys' in m])
    if dgraph_cpu is not None:
        details.append(f'- {int(n):,} products, CPU during the full `once`: dgraph-sync {fmt(cpu, " s")}, Dgraph\'s alpha'
                       f' {fmt(dgraph_cpu, " s")}, on {os.cpu_count()} cores')
    load = float(kv(f'{out}/load').get('load', 'nan'))
    settle = kv(f'{out}/load').get('settle')
    if settle is not None:
        details.append(f'- {int(n):,} products: after the load, Dgraph settled (under a tenth of a core) in {settle} s;'
                       ' the syncs were measured after that')
    ceiling = max(x for x in (source, sink) if x is not None) if source or sink else None
    lines.append(f'| {int(n):,} | {fmt(load)} | {rows:,} / {edges:,} | {fmt(wall)} | {rows / wall:,.0f} | {edges / wall:,.0f}'
                 f' | {fmt(heap, " MB")} ({fmt(live, " MB")}) | {fmt(rss, " MB")} | {fmt(source)} | {fmt(sink)} | {ratio(wall, ceiling)}'
                 f' | {fmt(spec)} | {ratio(spec, wall)} | {fmt(incr_wall)} | {ratio(incr_wall, wall)}'
                 f' | {"–" if worst is None else f"{worst:.2f}× ({worst_entity})"}'
                 f' | {"–" if warm_worst is None else f"{warm_worst:.2f}× ({warm_worst_entity})"}'
                 f' | {fmt(verify_wall)} | {ratio(verify_wall, source)} | {fmt(verify_heap, " MB")} ({fmt(verify_live, " MB")}), {fmt(verify_rss, " MB")} |')
    details.append(f'- {int(n):,} products, each entity\'s run (sync_run), full → 1% changed: ' + '; '.join(per_entity))
    reconciled = kv(f'{out}/reconcile/measures')
    if 'wall' in reconciled:
        job = reconciled.get('run.reconcile-deletes')
        details.append(f'- {int(n):,} products, `once --reconcile` after 1% changed (the deletes reconciliation asked for):'
                       f' {fmt(float(reconciled["wall"]))} ({ratio(float(reconciled["wall"]), wall)} the full `once`),'
                       f' of which the reconciliation\'s run {fmt(float(job.split()[0])) if job else "–"}')
    if per_entity_warm:
        details.append(f'- {int(n):,} products, each entity\'s run after 1% changed in a long-lived `bin/dgraph-sync run`'
                       ' (warm JVM, reconciliation off), ÷ its full run: ' + '; '.join(per_entity_warm))
ordered = sorted(walls)
details += [f'- Growth of the full `once`: t({b:,}) ÷ t({a:,}) = {walls[b] / walls[a]:.1f} ({b / a:g}× the catalog)'
            for a, b in zip(ordered, ordered[1:]) if walls[a] and walls[b]]
lines += [''] + details + ['', 'Source ceiling: DQL, explicit predicates, edges as `{ uid }`, `after` pages of 10,000, five types in'
          ' parallel, nothing written. Sink ceiling: the same rows and edges, plain JDBC batch INSERT (10,000 a commit) into'
          ' an empty H2 with primary keys only. Offset paging: the spec\'s described approach redone in Java, not its Python connector (GraphQL'
          ' `first`/`offset` pages of 100, one upsert per row, a commit every 500) into H2 instead of SQLite. `verify`:'
          ' `bin/dgraph-sync verify` of the full sync\'s warehouse (JVM start included), which found it equal. The'
          ' ceilings and the offset paging run on the JVM options `bin/dgraph-sync` runs on (`config/jvm.options`).', '']
report = '\n'.join(lines)
print(report)
folder = os.environ.get('BENCH_RESULTS', 'bench/results')
os.makedirs(folder, exist_ok=True)
name = f'{folder}/{datetime.date.today()}-{"-".join(sizes)}.md'
with open(name, 'w') as f:
    f.write(report)
print(f'(written to {name})', file=sys.stderr)
