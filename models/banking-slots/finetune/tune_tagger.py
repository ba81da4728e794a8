"""Fine-tunes bge-small's top --tuned layers with a linear BIO tagger over the thirteen NLU++ banking slots on the fold
files not held out, and scores the held-out folds as the hub's SlotScore does (a slot is right when its name and its
text, case and spaces aside, equal a labelled one). No recogniser reading is used: this is the tagger alone, to set
beside the frozen-state tagger's 0.583 of banking-slots v2's card. Input: DumpSlotIds's JSON lines.
See README.md beside this file."""
import json, sys, os, time, math, random, argparse, re
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', '..', 'banking77-intent', 'finetune'))
import openblas  # before torch: one OpenBLAS thread per --threads
import torch, numpy as np
import torch.nn as nn, torch.nn.functional as F
from bert import *
p = argparse.ArgumentParser()
p.add_argument('--ids', required=True)
p.add_argument('--onnx', required=True)
p.add_argument('--holdout', default='8,9', help='comma-separated fold files (0-9) held out')
p.add_argument('--tuned', type=int, default=12)
p.add_argument('--epochs', type=int, default=10)
p.add_argument('--lr', type=float, default=5e-5)
p.add_argument('--head-lr', type=float, default=1e-3)
p.add_argument('--batch', type=int, default=16)
p.add_argument('--threads', type=int, default=2)
a = p.parse_args()
torch.set_num_threads(a.threads); torch.manual_seed(7); random.seed(7)
SLOTS = ['amount_of_money', 'company_name', 'date', 'date_from', 'date_period', 'date_to', 'number', 'person_name',
         'shopping_category', 'time', 'time_from', 'time_period', 'time_to']
TAGS = ['O'] + [f'{p}-{s}' for s in SLOTS for p in 'BI']
rows = [json.loads(l) for l in open(a.ids)]
held = {int(f) for f in a.holdout.split(',')}
tr = [i for i, r in enumerate(rows) if r['fold'] not in held]; te = [i for i, r in enumerate(rows) if r['fold'] in held]

def tags(r):
    out = [0] * len(r['ids'])
    for s in r['slots']:
        first = True
        for k, (b, e) in enumerate(r['spans']):
            if b >= 0 and b < s['end'] and e > s['start']:
                out[k] = TAGS.index(('B-' if first else 'I-') + s['name']); first = False
    return out
Y = [tags(r) for r in rows]
w = onnx_weights(a.onnx); L0 = 12 - a.tuned
emb = Embeddings(w); bottom = load_layers(w, range(L0)); emb.eval(); bottom.eval()

class Tagger(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = load_layers(w, range(L0, 12)); self.drop = nn.Dropout(0.1); self.out = nn.Linear(384, len(TAGS))
    def forward(self, ids, m):
        with torch.no_grad():
            x = emb(ids); b = mask_bias(m)
            for L in bottom: x = L(x, b)
        b = mask_bias(m)
        for L in self.layers: x = L(x, b)
        return self.out(self.drop(x))
model = Tagger()

def pad(group):
    ids, m = pad_ids(rows, group); y = torch.full(ids.shape, -100)
    for k, i in enumerate(group):
        n = len(rows[i]['ids']); y[k, 1:n - 1] = torch.tensor(Y[i][1:n - 1])  # no tag on [CLS] and [SEP]
    return ids, m, y

def normal(t):
    return re.sub(r'\s+', ' ', t.strip().lower())

def spans(r, pred):
    out, cur = [], None
    for k in range(1, len(r['ids']) - 1):
        t = TAGS[pred[k]]
        if t == 'O':
            cur = None; continue
        kind, name = t.split('-', 1)
        if kind == 'I' and cur is not None and cur[0] == name:
            cur[2] = r['spans'][k][1]
        else:
            cur = [name, r['spans'][k][0], r['spans'][k][1]]; out.append(cur)
    return [(n, normal(r['text'][b:e])) for n, b, e in out]

def score(idx):
    model.eval(); labelled = found = right = 0
    with torch.no_grad():
        for s in range(0, len(idx), 64):
            g = idx[s:s + 64]; ids, m, _ = pad(g); pred = model(ids, m).argmax(-1)
            for k, i in enumerate(g):
                r = rows[i]; got = spans(r, pred[k].tolist()); gold = [(s['name'], normal(r['text'][s['start']:s['end']])) for s in r['slots']]
                found += len(got); labelled += len(gold); right += sum(1 for x in gold if x in got)
    p_ = right / max(1, found); r_ = right / max(1, labelled)
    return labelled, found, right, p_, r_, 0 if p_ + r_ == 0 else 2 * p_ * r_ / (p_ + r_)

opt = torch.optim.AdamW([{'params': model.layers.parameters(), 'lr': a.lr}, {'params': model.out.parameters(), 'lr': a.head_lr}], weight_decay=0.01)
steps = a.epochs * math.ceil(len(tr) / a.batch); warm = int(0.1 * steps)
sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / max(1, warm)) * max(0.0, (steps - s) / max(1, steps - warm)))
for ep in range(a.epochs):
    model.train(); t0 = time.time(); tot = 0; order = tr[:]; random.shuffle(order)
    for s in range(0, len(order), a.batch):
        g = order[s:s + a.batch]; ids, m, y = pad(g)
        loss = F.cross_entropy(model(ids, m).reshape(-1, len(TAGS)), y.reshape(-1), ignore_index=-100)
        opt.zero_grad(); loss.backward(); opt.step(); sched.step(); tot += float(loss) * len(g)
    l, f, r, P, R, F1 = score(te)
    print(f'holdout {sorted(held)} epoch {ep+1} loss {tot/len(tr):.4f}: {l} labelled, {f} found, {r} right, P {P:.3f} R {R:.3f} F1 {F1:.3f} ({time.time()-t0:.0f}s)', flush=True)
