#!/usr/bin/env python3
"""table.py RESULTS.tsv... -- the Markdown table of bench/run.sh from its raw timings.

Reads the TSV files run.sh writes to bench/results/ (columns variant, tool, run, wall_s, cpu_s,
maxrss_kb, exit; run 0 is the discarded warm-up) and prints, per variant and tool: the median wall
time, the median CPU time (user + sys), the peak RSS over the runs, and connlint's time divided by
the tool's, as the median of the per-run ratios (run i of connlint against run i of the tool).
Several files may be given: their runs are pooled, and a per-run ratio only ever pairs runs of
the same file (the same invocation of run.sh), never runs of different invocations.
"""
import csv, statistics, sys
if len(sys.argv) < 2:
    sys.exit('usage: table.py RESULTS.tsv...')
rows = []
for n, path in enumerate(sys.argv[1:]):
    with open(path, newline='') as f:
        for r in csv.DictReader(f, delimiter='\t'):
            if r['run'] != '0':
                r['run'] = (n, r['run'])
                rows.append(r)
print('| variant | tool | median wall (s) | median CPU (s) | peak RSS (MB) | connlint / tool (wall) | connlint / tool (CPU) |')
print('|---|---|---:|---:|---:|---:|---:|')
for v in dict.fromkeys(r['variant'] for r in rows):
    by = {}
    for r in rows:
        if r['variant'] == v:
            by.setdefault(r['tool'], {})[r['run']] = r
    base = by.get('connlint', {})
    for tool, runs in by.items():
        walls = [float(r['wall_s']) for r in runs.values()]
        cpus = [float(r['cpu_s']) for r in runs.values()]
        rss = max(int(r['maxrss_kb']) for r in runs.values()) / 1024
        if tool == 'connlint':
            rw = rc = '1'
        else:
            # median of per-run ratios: run i of connlint against run i of the tool
            pw = [float(base[k]['wall_s']) / float(r['wall_s']) for k, r in runs.items() if k in base and float(r['wall_s']) > 0]
            pc = [float(base[k]['cpu_s']) / float(r['cpu_s']) for k, r in runs.items() if k in base and float(r['cpu_s']) > 0]
            rw = '%.2f×' % statistics.median(pw) if pw else 'n/a'
            rc = '%.2f×' % statistics.median(pc) if pc else 'n/a'
        print('| %s | %s | %.3f | %.2f | %.0f | %s | %s |' % (
            v, tool, statistics.median(walls), statistics.median(cpus), rss, rw, rc))
