"""Benchmark ``duizhao run`` end to end on a corpus of thousands of documents.

The corpus is the 50 Medline abstracts of ``../shared/data/medline-en2zh/eval`` (docN.en /
docN.zh pairs) and the five seed documents of ``corpora/``, repeated under distinct names
until it holds at least ``--docs`` documents, written to a temporary folder (never to the
repository). Each worker count runs the real CLI in a subprocess; the script prints wall time,
sentences per second, the speed-up over the first worker count and the peak memory of the
whole process tree (parent and workers), sampled from /proc every 50 ms:

- ``rss_sum``: sum of the processes' resident sets (counts pages shared by forked workers
  once per process: an upper bound);
- ``pss_sum``: sum of proportional set sizes (shared pages split among their users: what the
  run really occupies);
- ``max_rss``: the largest single process (getrusage of the waited-for children).

Usage: python scripts/bench_run.py [--docs 2000] [--workers 1,2]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
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


class TreeSampler(threading.Thread):
    """Peak summed RSS and PSS of a process and all its descendants."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_rss = self.peak_pss = 0
        self.peak_processes = 0
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            tree, todo = [], [self.pid]
            while todo:
                pid = todo.pop()
                tree.append(pid)
                todo += _children(pid)
            sizes = [_memory_kib(pid) for pid in tree]
            self.peak_rss = max(self.peak_rss, sum(r for r, _ in sizes))
            self.peak_pss = max(self.peak_pss, sum(p for _, p in sizes))
            self.peak_processes = max(self.peak_processes, sum(1 for r, _ in sizes if r))
            self.stopped.wait(self.interval)


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f} (1/5/15 min, {os.cpu_count()} cores)"


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
    started = time.perf_counter()
    environment = dict(os.environ, PYTHONPATH=str(source))
    process = subprocess.Popen(command, cwd=source, env=environment)
    sampler = TreeSampler(process.pid)
    sampler.start()
    status = process.wait()
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the run and its waited-for workers
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
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
    }


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
        results = []
        for workers in counts:
            results.append(measure(corpus, Path(temp) / f"out{workers}", workers, source))
            r = results[-1]
            print(f"  workers={workers}: {r['wall_s']:.1f} s wall, {r['cpu_s']:.1f} s CPU, "
                  f"{r['sentences']} sentences, "
                  f"{r['sentences_per_s']:.0f} sentences/s, peak memory of the tree "
                  f"{r['pss_sum_mib']:.0f} MiB PSS / {r['rss_sum_mib']:.0f} MiB RSS summed over "
                  f"{r['processes']} processes; stages {r['timings']}", flush=True)
            print(f"  load after: {r['load_after']}", flush=True)
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
