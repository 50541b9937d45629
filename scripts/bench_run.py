"""Benchmark ``duizhao run`` end to end on a corpus of thousands of documents.

The corpus is the 50 Medline abstracts of ``../shared/data/medline-en2zh/eval`` (docN.en /
docN.zh pairs) and the five seed documents of ``corpora/``, repeated under distinct names
until it holds at least ``--docs`` documents, written to a temporary folder (never to the
repository). Each worker count runs the real CLI in a subprocess; the script prints wall time,
sentences per second, the speed-up over the first worker count and the peak memory of the
whole process tree (parent and workers), sampled from /proc (see TreeSampler):

- ``rss_sum``: sum of the processes' resident sets (counts pages shared by forked workers
  once per process: an upper bound);
- ``pss_sum``: sum of proportional set sizes (shared pages split among their users: what the
  run really occupies);
- ``max_rss``: the largest single process (getrusage of the waited-for children).

The sampler keeps its own CPU use to a few % of a core: reading every process's PSS every
50 ms took a third of a core during parallel runs, which slowed them and not the serial ones.

On a shared machine the timings are noisy: ``--repeat N`` runs the worker counts N times,
alternating (1, 2, 1, 2, ...), and the speed-up is computed from the median wall times;
each run also reports how much CPU other processes used meanwhile.

Usage: python scripts/bench_run.py [--docs 2000] [--workers 1,2] [--repeat 1]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data"
MEDLINE = DATA / "medline-en2zh" / "eval"
CORPORA = ROOT / "corpora"


def build_corpus(folder: Path, documents: int) -> int:
    """Copies of the Medline pairs and the seeds under distinct names; returns the count."""
    pairs = sorted(p.stem for p in MEDLINE.glob("*.en"))
    seeds = sorted(CORPORA.glob("*.txt"))
    per_round = len(pairs) + len(seeds)
    rounds = -(-documents // per_round)
    for r in range(rounds):
        for stem in pairs:
            for lang in ("en", "zh"):
                shutil.copyfile(MEDLINE / f"{stem}.{lang}", folder / f"r{r:03d}_{stem}.{lang}")
        for seed in seeds:
            shutil.copyfile(seed, folder / f"r{r:03d}_{seed.name}")
    return rounds * per_round


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as handle:
            return [int(c) for c in handle.read().split()]
    except OSError:
        return []


def _memory_kib(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in KiB; (0, 0) if it is gone."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


def _rss_kib(pid: int) -> int:
    """Resident set of one process in KiB from /proc/PID/statm (cheap); 0 if it is gone."""
    try:
        with open(f"/proc/{pid}/statm") as handle:
            return int(handle.read().split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
    except (OSError, IndexError, ValueError):
        return 0


class TreeSampler(threading.Thread):
    """Peak summed RSS and PSS of a process and all its descendants.

    Reading smaps_rollup (for PSS) walks a process's page tables: ~10 ms for a 500 MB
    process, so reading it for a parent and two workers every 50 ms took a third of a core --
    on two cores, CPU taken from the workers, not from a serial run. So the cheap RSS (statm)
    is read every ``interval``; PSS when the summed RSS has grown by 2% since the last PSS
    reading, and otherwise only as often as keeps the sampler under ``budget`` of one core
    (its own CPU time is reported as ``cpu_s``).
    """

    def __init__(self, pid: int, interval: float = 0.05, budget: float = 0.02) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval, self.budget = pid, interval, budget
        self.peak_rss = self.peak_pss = 0
        self.peak_processes = 0
        self.cpu_s = 0.0
        self.stopped = threading.Event()

    def _tree(self) -> list[int]:
        tree, todo = [], [self.pid]
        while todo:
            pid = todo.pop()
            tree.append(pid)
            todo += _children(pid)
        return tree

    def run(self) -> None:
        swept_rss, next_sweep, sweep_cost = 0, 0.0, 0.0
        while not self.stopped.is_set():
            started = time.thread_time()
            tree = self._tree()
            rss = [_rss_kib(pid) for pid in tree]
            self.peak_rss = max(self.peak_rss, sum(rss))
            self.peak_processes = max(self.peak_processes, sum(1 for r in rss if r))
            if sum(rss) > swept_rss * 1.02 or time.monotonic() >= next_sweep:
                sweep_started = time.thread_time()
                sizes = [_memory_kib(pid) for pid in tree]
                self.peak_pss = max(self.peak_pss, sum(p for _, p in sizes))
                swept_rss = sum(r for r, _ in sizes)
                sweep_cost = time.thread_time() - sweep_started
                next_sweep = time.monotonic() + sweep_cost / self.budget
            self.cpu_s += time.thread_time() - started
            self.stopped.wait(self.interval)


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f} (1/5/15 min, {os.cpu_count()} cores)"


def busy_cpu_seconds() -> float | None:
    """CPU seconds the whole machine has spent busy since boot (every process, every core;
    /proc/stat), or None where there is no /proc: with the run's own CPU time it tells how
    much other work shared the cores during a measurement."""
    try:
        with open("/proc/stat") as handle:
            fields = handle.readline().split()
    except OSError:
        return None
    # user nice system idle iowait irq softirq steal ...: busy is all but idle and iowait
    values = [int(v) for v in fields[1:9]]
    return (sum(values) - values[3] - values[4]) / os.sysconf("SC_CLK_TCK")


def snapshot(folder: Path) -> Path:
    """The committed code (HEAD) in ``folder``: a shared, changing working tree would give the
    worker counts different code to run."""
    folder.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "HEAD"], check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def measure(corpus: Path, outdir: Path, workers: int, source: Path) -> dict:
    command = [sys.executable, "-m", "glossary", "run", str(corpus), "-o", str(outdir),
               "--workers", str(workers), "--quiet"]
    print(f"$ {' '.join(command)}   (in {source})", flush=True)
    print(f"  load before: {load_average()}", flush=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    machine_before = busy_cpu_seconds()
    started = time.perf_counter()
    environment = dict(os.environ, PYTHONPATH=str(source))
    process = subprocess.Popen(command, cwd=source, env=environment)
    sampler = TreeSampler(process.pid)
    sampler.start()
    status = process.wait()
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the run and its waited-for workers
    machine_after = busy_cpu_seconds()
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    # everything else the machine ran meanwhile (other users' jobs; this script's sampler)
    others = (None if machine_before is None or machine_after is None
              else max(0.0, machine_after - machine_before - cpu - sampler.cpu_s))
    sampler.stopped.set()
    sampler.join()
    if status not in (0, 1):
        raise SystemExit(f"duizhao run failed with status {status}")
    record = json.loads((outdir / "run.json").read_text(encoding="utf-8"))
    totals = record["totals"]
    sentences = totals["sentences"]["en"] + totals["sentences"]["zh"]
    return {
        "workers": workers, "wall_s": wall, "cpu_s": cpu, "status": status,
        "documents": totals["documents"], "failed": totals["failed"], "sentences": sentences,
        "sentences_per_s": sentences / wall,
        "rss_sum_mib": sampler.peak_rss / 1024, "pss_sum_mib": sampler.peak_pss / 1024,
        "processes": sampler.peak_processes,
        "timings": record["execution"]["timings_s"],
        "load_after": load_average(),
        "others_cpu_s": others,
        "sampler_cpu_s": sampler.cpu_s,
    }


def report_run(r: dict) -> None:
    print(f"  workers={r['workers']}: {r['wall_s']:.1f} s wall, {r['cpu_s']:.1f} s CPU, "
          f"{r['sentences']} sentences, "
          f"{r['sentences_per_s']:.0f} sentences/s, peak memory of the tree "
          f"{r['pss_sum_mib']:.0f} MiB PSS / {r['rss_sum_mib']:.0f} MiB RSS summed over "
          f"{r['processes']} processes; stages {r['timings']}", flush=True)
    print(f"  load after: {r['load_after']}", flush=True)
    if r["others_cpu_s"] is not None:
        print(f"  other processes meanwhile: {r['others_cpu_s']:.1f} s CPU "
              f"({r['others_cpu_s'] / r['wall_s']:.2f} cores on average; "
              f"near 0 for a clean measurement); memory sampler {r['sampler_cpu_s']:.1f} s CPU",
              flush=True)


def median_run(runs: list[dict]) -> dict:
    """The run with the median wall time (the lower of the two middle ones for an even count)."""
    wall = statistics.median_low(r["wall_s"] for r in runs)
    return next(r for r in runs if r["wall_s"] == wall)


def differing_outputs(a: Path, b: Path) -> list[str]:
    """The output files that differ (run.json compared without its execution section)."""
    differ = [path.name for path in sorted(a.iterdir()) if path.name != "run.json"
              and path.read_bytes() != (b / path.name).read_bytes()]
    strip = [json.loads((d / "run.json").read_text(encoding="utf-8")) for d in (a, b)]
    for record in strip:
        record.pop("execution")
    return differ + (["run.json"] if strip[0] != strip[1] else [])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=2000, help="at least this many documents")
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts")
    parser.add_argument("--worktree", action="store_true",
                        help="run the working tree instead of a snapshot of HEAD")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run every worker count this many times (alternating); "
                             "speed-up from the median wall times")
    args = parser.parse_args()
    if not MEDLINE.is_dir():
        raise SystemExit(f"medline-en2zh not found at {MEDLINE}")
    counts = [int(w) for w in args.workers.split(",")]
    with tempfile.TemporaryDirectory(prefix="duizhao-bench-") as temp:
        corpus = Path(temp) / "corpus"
        corpus.mkdir()
        n = build_corpus(corpus, args.docs)
        print(f"corpus: {n} documents (medline-en2zh eval pairs + seeds, repeated) in {corpus}")
        source = ROOT if args.worktree else snapshot(Path(temp) / "src")
        if not args.worktree:
            head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                                  capture_output=True, text=True).stdout.strip()
            print(f"code: snapshot of commit {head}")
        runs: dict[int, list[dict]] = {w: [] for w in counts}
        for _ in range(max(1, args.repeat)):
            for workers in counts:
                outdir = Path(temp) / f"out{workers}"
                shutil.rmtree(outdir, ignore_errors=True)
                runs[workers].append(measure(corpus, outdir, workers, source))
                report_run(runs[workers][-1])
        results = [median_run(runs[w]) for w in counts]
        if args.repeat > 1:
            for w, r in zip(counts, results):
                walls = ", ".join(f"{x['wall_s']:.1f}" for x in runs[w])
                print(f"median of workers={w}: {r['wall_s']:.1f} s wall (runs: {walls} s); "
                      f"stages {r['timings']}")
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"largest single process (getrusage RUSAGE_CHILDREN): {children:.0f} MiB")
        base = results[0]
        for r in results[1:]:
            print(f"speed-up workers={r['workers']} vs workers={base['workers']}: "
                  f"{base['wall_s'] / r['wall_s']:.2f}x measured; CPU used "
                  f"{r['cpu_s'] / base['cpu_s']:.2f}x the serial run's")
        if base["workers"] == 1 and len(results) > 1:
            # On cores nobody else uses: the per-document passes divide by the workers, the
            # rest (start-up, loading the dictionaries -- done inside the passes of a serial
            # run, as the parent's warm-up of a parallel one --, lexicon, glossary, corpus
            # checks, writing) stays in the parent.
            t = base["timings"]
            loading = max(r["timings"].get("warm_up", 0.0) + r["timings"].get("warm_up_glossary", 0.0)
                          for r in results[1:])
            parallel = t["pass1"] + t["pass2"] - loading
            serial = base["wall_s"] - parallel
            for r in results[1:]:
                ideal = base["wall_s"] / (serial + parallel / r["workers"])
                print(f"expected speed-up on {r['workers']} idle cores (serial part "
                      f"{serial:.1f} s, parallel part {parallel:.1f} s of the serial run): "
                      f"{ideal:.2f}x")
        for w in counts[1:]:
            differ = differing_outputs(Path(temp) / f"out{counts[0]}", Path(temp) / f"out{w}")
            print(f"outputs of workers={w} vs workers={counts[0]} (run.json without execution): "
                  f"{'identical' if not differ else 'DIFFER: ' + ', '.join(differ)}")


if __name__ == "__main__":
    main()
