#!/usr/bin/env python3
"""The tenth round of ../EXPERIMENTS.md: does a second tuned network make room at the selective operating point?
Replays the shipped cascade (familiarity gate on both tiers, `v8@0.94; v8:2,v6:3@T`) and cascades where the second
tuned member votes in the ensemble tier (or in both), on out-of-fold answers only.

  OOF.jsonl     `agent-hub eval ... --folds 5 --oof OOF.jsonl --processors-dir TRIAL` (one tier per model: v8, v6;
                see replay_cascade.py), the hub's calibrated out-of-fold probabilities
  FAM.jsonl     `java Familiarity ...` as for gate_and_selection.py (every training text's out-of-fold familiarity)
  CARD.json     v8's model card (the labels' order)
  MEMBER.jsonl  `export.py --out-of-fold IDS PREFIX` of the second member's five fold runs: its raw logits, calibrated
                here by one temperature fitted on all of them, as `agent-hub import-tuned` does

For each cascade and each threshold of its last in-process tier it prints the escalated share and the accuracy on the
rest, pooled and as the range over the folds, so an operating point can be judged by its worst fold.

usage: second_member.py OOF.jsonl FAM.jsonl CARD.json MEMBER.jsonl [--gate 0.78]
"""
import argparse, json
import numpy as np
import answers
from answers import blend

p = argparse.ArgumentParser()
p.add_argument('oof'); p.add_argument('fam'); p.add_argument('card'); p.add_argument('member')
p.add_argument('--gate', type=float, default=0.78)
a = p.parse_args()

d = answers.load(a.oof, a.fam, a.card)
y, fold, index, P8, P6, fam = d.y, d.fold, d.index, d.P8, d.P6, d.fam
logits = {}
for line in open(a.member):
    r = json.loads(line); logits[r['index']] = r['logits']
# while fold runs are still going, only the folds the member has answered are compared
keep = np.array([i in logits for i in index])
if not keep.all():
    print(f'the member has answered {keep.sum()} of {len(keep)} texts (folds {sorted(set(fold[keep]))}): only those are compared')
y, fold, P8, P6, fam = y[keep], fold[keep], P8[keep], P6[keep], fam[keep]
L9 = np.array([logits[i] for i, k in zip(index, keep) if k], dtype=float)
n = len(y); familiar = fam >= a.gate
folds = sorted(set(fold))


def softmax(z):
    z = z - z.max(1, keepdims=True); e = np.exp(z); return e / e.sum(1, keepdims=True)


def nll(t):
    return -np.log(softmax(L9 / t)[np.arange(n), y] + 1e-12).mean()


# one temperature for all the out-of-fold logits, by golden-section search on the log-likelihood
lo, hi = 0.05, 20.0
for _ in range(80):
    m1, m2 = lo + (hi - lo) * 0.382, lo + (hi - lo) * 0.618
    lo, hi = (lo, m2) if nll(m1) < nll(m2) else (m1, hi)
T = (lo + hi) / 2
P9 = softmax(L9 / T)
print(f'{n} texts; top-1 alone: v8 {(P8.argmax(1) == y).mean():.4f}, v6 {(P6.argmax(1) == y).mean():.4f},'
      f' second member {(P9.argmax(1) == y).mean():.4f} (T={T:.3f}); folds of the second member: '
      + ' '.join(f'{(P9[fold == f].argmax(1) == y[fold == f]).mean():.4f}' for f in folds)
      + '; v8 on the same folds: ' + ' '.join(f'{(P8[fold == f].argmax(1) == y[fold == f]).mean():.4f}' for f in folds))


def line(label, answered):
    per = np.array([(1 - (answered & m).sum() / m.sum(), (label[answered & m] == y[answered & m]).mean())
                    for m in (fold == f for f in folds)])
    return (f'escalated {1 - answered.mean():6.2%} ({per[:, 0].min():6.2%}-{per[:, 0].max():6.2%})  right on the rest '
            f'{(label[answered] == y[answered]).mean():.4f} ({per[:, 1].min():.4f}-{per[:, 1].max():.4f})  top-1 {(label == y).mean():.4f}')


E86 = blend([P8, P6], [2, 3])
candidates = {'shipped: v8@0.94; v8:2,v6:3@T': (P8, E86)}
for w in ([2, 1, 3], [2, 2, 3], [1, 1, 2], [1, 1, 1], [2, 2, 1], [1, 2, 3]):
    candidates[f'v8@0.94; v8:{w[0]},new:{w[1]},v6:{w[2]}@T'] = (P8, blend([P8, P9, P6], w))
for w in ([1, 1], [2, 1]):
    first = blend([P8, P9], w)
    candidates[f'v8:{w[0]},new:{w[1]}@0.94; v8,new,v6:2@T'] = (first, blend([P8, P9, P6], [1, 1, 2]))
for name, (first, second) in candidates.items():
    print(name)
    for t in (0.70, 0.72, 0.74, 0.76, 0.78, 0.80, 0.82):
        print(f'  T={t:.2f}  {line(*answers.cascade(first, 0.94, second, t, familiar))}')
