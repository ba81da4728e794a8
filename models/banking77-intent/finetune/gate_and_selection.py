#!/usr/bin/env python3
"""The ninth round of ../EXPERIMENTS.md, replayed offline: the familiarity gate's cost on in-domain requests and the
selective operating point, on out-of-fold answers the hub itself recorded.

  OOF.jsonl   `agent-hub eval --capability banking77-intent --data datasets/banking77/train.csv --folds 5 --oof OOF.jsonl
              --processors-dir TRIAL` with TRIAL declaring one tier per model (v8, v6), see replay_cascade.py
  FAM.jsonl   `java Familiarity models/banking77-intent/v6 datasets/banking77/train.csv
              datasets/unfamiliar-probes/probes.jsonl FAM.jsonl` (Familiarity.java beside this file)
  CARD.json   v8's model card (the labels' order)

Prints (1) the cascade `v8@0.94; v8:2,v6:3@T` with a gate G on both tiers, for a grid of G and T, each with its range
over the five folds; (2) the share of probes below each G; (3) accuracy on the answered when a budget of requests is
escalated by other confidence scores (top-2 margin, member agreement, a logistic selector on both members' scores and
familiarity), the threshold for each held-out fold set on the other four.

usage: gate_and_selection.py OOF.jsonl FAM.jsonl CARD.json
"""
import sys
import numpy as np
import answers
from answers import blend

d = answers.load(*sys.argv[1:4])
labels, y, fold, P8, P6, fam, probes = d.labels, d.y, d.fold, d.P8, d.P6, d.fam, d.probes
n = len(y); at = np.arange(n)


def by_fold(label, answered):
    per = np.array([((label[m] == y[m]).mean(), 1 - (answered & m).sum() / m.sum(), (label[answered & m] == y[answered & m]).mean())
                    for m in (fold == f for f in range(5))])
    return (f"top-1 {(label == y).mean():.4f} | escalated {1 - answered.mean():.2%} ({per[:, 1].min():.2%}-{per[:, 1].max():.2%})"
            f" | right on the rest {(label[answered] == y[answered]).mean():.4f} ({per[:, 2].min():.4f}-{per[:, 2].max():.4f})")


E = blend([P8, P6], [2, 3])
print('(1) v8@0.94; v8:2,v6:3@T, gate G on both tiers')
for g in [None, 0.72, 0.75, 0.78, 0.80]:
    for t in [0.77, 0.78, 0.79, 0.80]:
        familiar = fam >= g if g else np.ones(n, bool)
        label, answered = answers.cascade(P8, 0.94, E, t, familiar)
        print(f'  G={g} T={t}: {by_fold(label, answered)}')
print('(2) probes below G (model as shipped / each fold\'s head)')
for g in [0.72, 0.75, 0.78, 0.80]:
    print(f'  G={g}: {np.mean([p["fam"] < g for p in probes]):.3f} / {np.mean([[p["perFold"][f] < g for p in probes] for f in range(5)]):.3f};'
          f' in-domain below: {(fam < g).mean():.4f}')

print('(3) accuracy on the answered at a budget escalated, threshold from the other four folds (range over folds)')
lg = lambda v: np.log(np.clip(v, 1e-9, 1))
labE = E.argmax(1); s = np.sort(E, 1); e1, e2 = s[:, -1], s[:, -2]
agree = (P8.argmax(1) == P6.argmax(1)).astype(float)
X = np.column_stack([lg(e1), lg(e1) - lg(e2), lg(P8.max(1)), lg(P6.max(1)), lg(P8[at, labE]), lg(P6[at, labE]),
                     P8.argmax(1) == labE, P6.argmax(1) == labE, fam, -(E * lg(E)).sum(1), lg(1 - e1 + 1e-9)]).astype(float)


def logistic(Xt, t, l2=1e-3):
    mu, sd = Xt.mean(0), Xt.std(0) + 1e-9
    Z = np.column_stack([np.ones(len(Xt)), (Xt - mu) / sd]); w = np.zeros(Z.shape[1])
    for _ in range(50):
        p = 1 / (1 + np.exp(-Z @ w)); H = (Z * (p * (1 - p))[:, None]).T @ Z + l2 * np.eye(len(w))
        w -= np.linalg.solve(H, Z.T @ (p - t) + l2 * w)
    return lambda Xn: np.column_stack([np.ones(len(Xn)), (Xn - mu) / sd]) @ w


def per_class(tr, prior=5, alpha=1.0):
    """The top probability weighted by how often the predicted label was right on the training folds (smoothed)."""
    right = np.bincount(labE[tr][labE[tr] == y[tr]], minlength=len(labels)) + prior * 0.94
    precision = right / (np.bincount(labE[tr], minlength=len(labels)) + prior)
    return e1 * precision[labE] ** alpha


scores = {'blend max (as the tier)': lambda tr: e1, 'top-2 margin': lambda tr: e1 - e2,
          'blend max x label precision': per_class,
          'blend max + members agree': lambda tr: e1 + agree,
          'logistic selector (11 features)': lambda tr: logistic(X[tr], (labE[tr] == y[tr]).astype(float))(X)}
for name, score in scores.items():
    for budget in [0.08, 0.09, 0.10]:
        res = []
        for f in range(5):
            tr, te = fold != f, fold == f
            sc = score(tr); t = np.quantile(sc[tr], budget); a = te & (sc >= t)
            res.append((1 - a.sum() / te.sum(), (labE[a] == y[a]).mean()))
        res = np.array(res)
        print(f'  {name:32s} {budget:.0%}: escalated {res[:, 0].mean():.2%} ({res[:, 0].min():.2%}-{res[:, 0].max():.2%}),'
              f' right on the rest {res[:, 1].mean():.4f} ({res[:, 1].min():.4f}-{res[:, 1].max():.4f})')
