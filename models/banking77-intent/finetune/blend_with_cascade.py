#!/usr/bin/env python3
"""Blends the fine-tuned model's out-of-fold logits (tune.py, one run per fold) with the cascade's own
out-of-fold probabilities (agent-hub eval --folds 5 --oof FILE), on the same folds, and replays the cascade
shipped before v8 (the sixth round of ../EXPERIMENTS.md): tier 1 (minilm) answers when its confidence reaches 0.94, otherwise the ensemble, blended with the tuned model. Its
OOF file must come from that cascade's tiers (minilm, ensemble); replay_cascade.py replays any cascade.

usage: blend_with_cascade.py IDS.jsonl OOF.jsonl CARD.json RUN_PREFIX...
  IDS.jsonl   DumpIds output (labels and folds, in train.csv order)
  OOF.jsonl   eval --folds 5 --oof output
  CARD.json   models/banking77-intent/v3/model-card.json (the order of the probabilities' labels)
  RUN_PREFIX  tune.py --out prefixes whose <prefix>_t12_f<k>.npy and _idx.npy files cover the five folds
"""
import glob, json, sys
import numpy as np

ids, oof_file, card_file, prefixes = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
rows = [json.loads(l) for l in open(ids)]
labels = sorted({r['label'] for r in rows}); li = {l: i for i, l in enumerate(labels)}
N = len(rows); y = np.array([li[r['label']] for r in rows])
T = np.zeros((N, len(labels)), np.float32); have = np.zeros(N, bool)
for prefix in prefixes:
    for f in glob.glob(prefix + '_t12_f[0-9].npy'):
        idx = np.load(f.replace('.npy', '_idx.npy')); T[idx] = np.load(f); have[idx] = True
assert have.all(), 'the tuned runs do not cover every fold'
perm = [li[l] for l in json.load(open(card_file))['labels']]
M = np.zeros((N, len(labels))); E = np.zeros((N, len(labels))); fold = np.zeros(N, int)
for line in open(oof_file):
    r = json.loads(line); i = r['index']; fold[i] = r['fold']
    M[i, perm] = r['tiers']['minilm']; E[i, perm] = r['tiers']['ensemble']

def softmax(z):
    z = z - z.max(1, keepdims=True); e = np.exp(z); return e / e.sum(1, keepdims=True)

P = softmax(T)
def cascade(ens, t2, t1=0.94):
    first = M.max(1) >= t1
    lab = np.where(first, M.argmax(1), ens.argmax(1))
    esc = (~first) & (ens.max(1) < t2)
    return (lab == y).mean(), esc.mean(), (lab[~esc] == y[~esc]).mean()

def at_most_10(ens):
    res = [(t2,) + cascade(ens, t2)[1:] for t2 in np.arange(0.30, 0.99, 0.01)]
    return max((r for r in res if r[1] <= 0.10), key=lambda r: r[2])

print('tier accuracy: minilm %.4f, ensemble %.4f, tuned %.4f' % tuple((p.argmax(1) == y).mean() for p in (M, E, P)))
t = at_most_10(E)
print('shipped cascade: top-1 %.4f; at <= 10%% escalated (t2 %.2f): %.1f%% escalated, %.4f on the rest' % (cascade(E, 0.80)[0], t[0], 100 * t[1], t[2]))
for a in (0.2, 0.3, 0.4, 0.5, 0.6):
    B = np.exp((1 - a) * np.log(E + 1e-9) + a * np.log(P + 1e-9)); B /= B.sum(1, keepdims=True)
    t = at_most_10(B)
    print('ensemble x tuned^%.1f: top-1 %.4f; at <= 10%% escalated (t2 %.2f): %.1f%% escalated, %.4f on the rest'
          % (a, cascade(B, 0.80)[0], t[0], 100 * t[1], t[2]))
