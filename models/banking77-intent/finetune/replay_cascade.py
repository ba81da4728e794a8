#!/usr/bin/env python3
"""Replays cascades on out-of-fold probabilities, to choose tiers, members, weights and thresholds without
rerunning the encoders for every candidate. The probabilities come from the hub itself:

  java -jar target/agent-hub.jar eval --capability banking77-intent --data datasets/banking77/train.csv \
    --folds 5 --oof oof.jsonl --processors-dir TRIAL

where TRIAL/banking77-intent.yaml declares one encoder-head tier per model (named after its version, e.g.
`- {name: v6, kind: encoder-head, model: v6, threshold: 1.0}`), so every model's calibrated out-of-fold
probabilities are recorded for every text. A tier here combines its models as the hub's ensemble does (a
weighted geometric mean of their probabilities, weights normalised), answers when its top probability
reaches its threshold, and the last tier's threshold is also swept for the best accuracy on the answered
with at most --max-escalated escalated.

usage: replay_cascade.py OOF.jsonl CARD.json CASCADE...
  CARD.json  a member's model card (the order of the probabilities' labels)
  CASCADE    tiers separated by ';', each 'version[:weight],...@threshold', e.g. 'v3@0.94; v3,v7,v6:3@0.80'
"""
import argparse, json
import numpy as np

p = argparse.ArgumentParser()
p.add_argument('oof'); p.add_argument('card'); p.add_argument('cascades', nargs='+')
p.add_argument('--max-escalated', type=float, default=0.10)
a = p.parse_args()

labels = json.load(open(a.card))['labels']; index = {l: i for i, l in enumerate(labels)}
records = [json.loads(line) for line in open(a.oof)]
y = np.array([index[r['label']] for r in records])
members = {name: np.array([r['tiers'][name] for r in records]) for name in records[0]['tiers']}


def tier(spec):
    names, threshold = spec.strip().rsplit('@', 1)
    parts = [m.split(':') for m in names.split(',')]
    weights = np.array([float(m[1]) if len(m) > 1 else 1.0 for m in parts]); weights /= weights.sum()
    unknown = [m[0] for m in parts if m[0].strip() not in members]
    if unknown:
        p.error(f'{unknown} not in {a.oof} (it has {sorted(members)})')
    log = sum(w * np.log(np.maximum(members[m[0].strip()], 1e-300)) for w, m in zip(weights, parts))
    prob = np.exp(log - log.max(1, keepdims=True)); prob /= prob.sum(1, keepdims=True)
    return prob, float(threshold)


def replay(tiers, last_threshold=None):
    label = np.full(len(y), -1); answered_by = np.full(len(y), -1)
    for k, (prob, threshold) in enumerate(tiers):
        if k == len(tiers) - 1 and last_threshold is not None:
            threshold = last_threshold
        open_ = answered_by < 0
        take = open_ & (prob.max(1) >= threshold)
        label[open_] = prob[open_].argmax(1)  # the best answer so far, kept for requests that escalate
        answered_by[take] = k
    escalated = answered_by < 0
    right = label == y
    return right.mean(), escalated.mean(), right[~escalated].mean(), [(answered_by == k).mean() for k in range(len(tiers))]


print(f'{len(y)} texts; members alone: ' + ', '.join(f'{m} {(members[m].argmax(1) == y).mean():.4f}' for m in members))
print(f"| cascade | top-1 | escalated | right on the rest | answered by tier | best with at most {a.max_escalated:.0%} escalated |")
print('|---|---|---|---|---|---|')
for spec in a.cascades:
    tiers = [tier(t) for t in spec.split(';')]
    top1, esc, rest, shares = replay(tiers)
    sweep = [(t,) + replay(tiers, t)[1:3] for t in np.arange(0.30, 1.0, 0.01)]
    best = max((s for s in sweep if s[1] <= a.max_escalated), key=lambda s: s[2], default=None)
    at = f'{best[0]:.2f}: {best[1]:.2%}, {best[2]:.4f}' if best else 'none'
    print(f"| `{spec}` | {top1:.4f} | {esc:.2%} | {rest:.4f} | {' / '.join(f'{s:.1%}' for s in shares)} | {at} |")
