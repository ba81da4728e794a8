"""Familiarity with and without a margin against known out-of-scope examples, judged two ways the hub's
`eval --oos-folds` does not: `val` against `train` alone (the stricter view), and one out-of-scope file against the
other (thresholds and reference from oos_train, recall on oos_val, and the reverse), for out-of-scope requests
that were collected apart from the ones the hub knows.

    /usr/bin/python3 margin_views.py /tmp/ft/c6_vectors.npy datasets/clinc150

The vectors are tune.py's (`--out c6`): every example of train, val, oos_train and oos_val in that order, as the
tuned network's normalised CLS vectors. The in-scope label is the vote of the three nearest `train` examples (as the
nearest-neighbour head votes, sharpness 0.02); familiarity is the mean similarity of those three, less the margin
times the mean similarity of the three nearest out-of-scope reference examples (never the example itself)."""
import json, sys
import numpy as np

K, SHARPNESS = 3, 0.02
V = np.load(sys.argv[1]); V /= np.linalg.norm(V, axis=1, keepdims=True)
files = ['train', 'val', 'oos_train', 'oos_val']
lab = np.array([json.loads(l)['label'] for f in files for l in open(f'{sys.argv[2]}/{f}.jsonl')])
tr, va, oo = np.arange(15000), np.arange(15000, 18000), np.arange(18000, 18200)
assert len(lab) == len(V) == 18200 and set(lab[oo]) == {'oos'}
classes = {l: i for i, l in enumerate(sorted(set(lab[:18000])))}
y = np.array([classes.get(l, -1) for l in lab])
judged = np.r_[va, oo]                      # rows 0-2999: val, 3000-3199: the out-of-scope pool
S = V[judged] @ V[tr].T
top = np.argsort(-S, 1)[:, :K]; topsim = np.take_along_axis(S, top, 1)
familiarity = topsim.mean(1)
votes = np.zeros((len(judged), len(classes)))
for r in range(len(judged)):
    for j, w in zip(top[r], np.exp((topsim[r] - topsim[r, 0]) / SHARPNESS)):
        votes[r, y[tr][j]] += w
right = votes.argmax(1)[:3000] == y[va]
to_oos = V[judged] @ V[oo].T                # similarity to each out-of-scope example (columns: pool order)
val = np.arange(3000)

def score(rows, reference, margin):
    """Familiarity less margin x the mean similarity of the K nearest reference out-of-scope examples."""
    if margin == 0:
        return familiarity[rows]
    sims = to_oos[rows][:, reference - 3000].copy()
    sims[rows[:, None] == reference[None, :]] = -1      # an example is never its own reference
    return familiarity[rows] - margin * np.sort(sims, 1)[:, -K:].mean(1)

def point(threshold_rows, reference, judged_oos, margin, target):
    t = np.quantile(score(threshold_rows, reference, margin), target)
    recall = np.mean(score(judged_oos, reference, margin) <= t)
    rejected = score(val, reference, margin) <= t
    return recall, rejected.mean(), np.mean(~rejected & right)

targets, margins = (0.90, 0.95, 0.96, 0.97), (0.0, 0.25, 0.5, 0.75, 1.0)
print(f'vote accuracy on val, train as the reference: {right.mean():.4f}\n')
print('stricter view: val against train; thresholds cross-validated over the 200 out-of-scope examples (5 folds)')
fold = np.zeros(200, int); fold[np.random.RandomState(42).permutation(200)] = np.arange(200) % 5
pool = np.arange(3000, 3200)
for m in margins:
    cells = []
    for t in targets:
        r = [point(pool[fold != k], pool[fold != k], pool[fold == k], m, t) for k in range(5)]
        rec = [x[0] for x in r]
        cells.append(f'{t}: recall {np.mean(rec):.3f} [{min(rec):.3f}-{max(rec):.3f}] in-scope {np.mean([x[2] for x in r]):.4f}')
    print(f'  margin {m:<4}', ' | '.join(cells))
print('\none out-of-scope file against the other: thresholds and reference from the first, recall on the second')
split = {'oos_train': np.arange(3000, 3100), 'oos_val': np.arange(3100, 3200)}
for src, dst in (('oos_train', 'oos_val'), ('oos_val', 'oos_train')):
    print(f' {src} -> {dst}')
    for m in margins:
        cells = [f'{t}: recall {p[0]:.2f} in-scope {p[2]:.4f}' for t in targets
                 for p in [point(split[src], split[src], split[dst], m, t)]]
        print(f'  margin {m:<4}', ' | '.join(cells))
